# Shared by start.sh and test.sh (sourced, not run).

# Runs a command with its output in "$log" (set by the caller), shown only when it fails.
run_logged() {
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    echo "FAILED: $*" >&2
    exit 1
  fi
}

# ccache as the compiler launcher when it is installed; never required.
launcher=()
if command -v ccache >/dev/null 2>&1; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
