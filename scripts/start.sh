#!/usr/bin/env bash
# Builds inkasso and starts the web application on its embedded default: SQLite in var/, with
# the demo login and cases (created once, idempotent). Prints the address and the demo login.
# PORT=8081 bash scripts/start.sh to use another port.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/ensure-deps.sh
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

# Quiet: the compiler's output goes to a log that is shown only when something fails.
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# The same directory and configuration as scripts/test.sh's main build, so running one after
# the other does not rebuild everything.
echo "==> Building inkasso in build/ (RelWithDebInfo)"
run_logged cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DINKASSO_WERROR=ON \
  "${launcher[@]}"
run_logged cmake --build build --target inkasso -j "$(nproc)"

echo "==> Starting inkasso (SQLite in var/, demo data)"
exec build/inkasso serve --demo --data-dir var --port "${PORT:-8080}"
