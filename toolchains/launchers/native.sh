#!/bin/bash
# Launcher for linux_x86_64: runs the binary directly on this host.
# Usage: native.sh BINARY [ARGS...]. XCALL_PRELOAD=<lib.so> preloads a library.
set -euo pipefail
[[ $# -ge 1 ]] || { echo "usage: $0 BINARY [ARGS...]" >&2; exit 2; }
bin=$1
shift
if [[ -n "${XCALL_PRELOAD:-}" ]]; then
  export LD_PRELOAD
  LD_PRELOAD=$(realpath "$XCALL_PRELOAD")
fi
exec "$bin" "$@"
