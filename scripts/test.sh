#!/usr/bin/env bash
# Builds inkasso and runs every test:
#   1. the main build in build/ (RelWithDebInfo, warnings are errors),
#   2. build-asan/: the whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer,
#   3. build-fuzz/: the case-file fuzz target (clang, libFuzzer) for INKASSO_FUZZ_SECONDS
#      seconds (default 30; 0 builds it without running) on a copy of fuzz/corpus,
#   4. the main build's tests, last, so that the final line is ctest's summary.
# Any failure stops the script with a non-zero exit code.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/ensure-deps.sh
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
# The browser tests' npm packages (e2e/package-lock.json): playwright-core drives Debian's
# chromium; it needs Node.js 20 or later.
bash scripts/ensure-node-packages.sh

jobs="$(nproc)"
fuzz_seconds="${INKASSO_FUZZ_SECONDS:-30}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
log="$tmp/log"

echo "==> [1/4] Building build/ (RelWithDebInfo, -Werror)"
run_logged cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DINKASSO_WERROR=ON \
  "${launcher[@]}"
run_logged cmake --build build -j "$jobs"

echo "==> [2/4] Building build-asan/ (ASan + UBSan) and running its tests"
run_logged cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" \
  -DINKASSO_SANITIZE=ON -DINKASSO_BENCH=OFF -DINKASSO_WERROR=OFF "${launcher[@]}"
run_logged cmake --build build-asan -j "$jobs"
run_logged ctest --test-dir build-asan --output-on-failure -j "$jobs"
echo "    build-asan: $(grep -E '^[0-9]+% tests passed' "$log")"

echo "==> [3/4] Building build-fuzz/ (clang, libFuzzer) and fuzzing the case-file reader"
run_logged cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DINKASSO_FUZZ=ON -DINKASSO_BENCH=OFF -DINKASSO_WERROR=OFF \
  "${launcher[@]}"
run_logged cmake --build build-fuzz --target fuzz_case_file -j "$jobs"
if [[ "$fuzz_seconds" -gt 0 ]]; then
  # Fuzz a copy of the seed corpus so that new inputs do not land in the repository; a crash
  # leaves its input in build-fuzz/crashes/.
  cp -r fuzz/corpus "$tmp/corpus"
  mkdir -p build-fuzz/crashes
  if ! build-fuzz/fuzz_case_file -max_total_time="$fuzz_seconds" -timeout=10 \
    -dict=fuzz/case_file.dict -artifact_prefix=build-fuzz/crashes/ "$tmp/corpus" >"$log" 2>&1; then
    grep -vE '^#[0-9]+' "$log" >&2  # the report without libFuzzer's progress lines
    echo "FAILED: the fuzz target crashed; the input is in build-fuzz/crashes/ (see fuzz/README.md)" >&2
    exit 1
  fi
  echo "    fuzz_case_file: $(grep -E '^Done [0-9]+ runs' "$log" || echo "finished"), no crash"
else
  echo "    INKASSO_FUZZ_SECONDS=0: fuzz run skipped"
fi

echo "==> [4/4] Running the tests of build/"
# ctest prints its summary line before "Total Test time"; move it to the very end.
ctest --test-dir build --output-on-failure -j "$jobs" 2>&1 |
  awk '/^[0-9]+% tests passed/ { summary = $0; next } { print; fflush() }
       END { if (summary != "") print summary }'
