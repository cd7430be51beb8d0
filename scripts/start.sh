#!/usr/bin/env bash
# Builds inkasso and runs its main job. For now: evaluates the bundled example case with the
# command line and prints the result (from the web issue on, this starts the server).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/ensure-deps.sh

launcher=()
if command -v ccache >/dev/null 2>&1; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi

# Quiet: the compiler's output goes to a log that is shown only when something fails.
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
run_logged() {
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    echo "FAILED: $*" >&2
    exit 1
  fi
}

# The same directory and configuration as scripts/test.sh's main build, so running one after
# the other does not rebuild everything.
echo "==> Building inkasso in build/ (RelWithDebInfo)"
run_logged cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DINKASSO_WERROR=ON \
  "${launcher[@]}"
run_logged cmake --build build --target inkasso -j "$(nproc)"

echo "==> inkasso case eval examples/case.json"
build/inkasso case eval examples/case.json
