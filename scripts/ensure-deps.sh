#!/usr/bin/env bash
# Installs the Debian packages listed in scripts/debian-packages.txt that are missing.
# Silent when nothing is missing. As root: apt-get update once, then apt-get install.
# Otherwise: prints the exact command to run and exits 1.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
list="$root/scripts/debian-packages.txt"

missing=()
while IFS= read -r line || [[ -n "$line" ]]; do
  pkg="${line%%#*}"
  pkg="${pkg//[[:space:]]/}"
  [[ -z "$pkg" ]] && continue
  status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
  if [[ "$status" != "install ok installed" ]]; then
    missing+=("$pkg")
  fi
done <"$list"

((${#missing[@]} == 0)) && exit 0

if [[ "$(id -u)" -eq 0 ]]; then
  echo "==> Installing missing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  log="$(mktemp)"
  trap 'rm -f "$log"' EXIT
  if ! { apt-get update && apt-get install -y --no-install-recommends "${missing[@]}"; } \
    </dev/null >"$log" 2>&1; then
    cat "$log" >&2
    echo "FAILED: apt-get could not install: ${missing[*]}" >&2
    exit 1
  fi
else
  echo "Missing Debian packages: ${missing[*]}" >&2
  echo "Install them with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
