#!/usr/bin/env bash
# Installs the browser tests' npm packages (e2e/package-lock.json) when e2e/node_modules is
# missing or older than the lock file. Needs Node.js 20 or later (playwright-core's minimum);
# without it, as root, installs Debian's nodejs and npm and checks the version again.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root/e2e"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if [[ "$(id -u)" -eq 0 ]]; then
    echo "==> Installing Node.js and npm (Debian)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm \
      </dev/null >/dev/null
  else
    echo "Node.js and npm are missing (the browser tests need Node.js 20 or later)" >&2
    exit 1
  fi
fi
major="$(node -p 'process.versions.node.split(".")[0]')"
if ((major < 20)); then
  echo "Node.js $(node --version) is too old: playwright-core needs 20 or later" >&2
  exit 1
fi
if [[ ! -d node_modules/playwright-core || package-lock.json -nt node_modules ]]; then
  echo "==> npm ci (e2e/)"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
  touch node_modules
fi
