#!/bin/bash
# Launcher for linux_aarch64: runs the binary under QEMU user mode with Debian's arm64 sysroot.
# Usage: qemu_aarch64.sh BINARY [ARGS...]. XCALL_PRELOAD=<lib.so> preloads a library into
# the guest only (never into qemu itself).
# When this machine cannot run aarch64 binaries at all (no qemu-aarch64, no sysroot), it says
# why in "xcall: " lines on stderr, before starting anything, and exits 127: the runner then
# stops the row with exit 2 instead of recording verdicts (conformance/runner/README.md).
set -euo pipefail
[[ $# -ge 1 ]] || { echo "usage: $0 BINARY [ARGS...]" >&2; exit 2; }
if ! command -v qemu-aarch64 >/dev/null; then
  echo "xcall: qemu-aarch64 not found: install the Debian package qemu-user (ci/setup does)" >&2
  exit 127
fi
sysroot=/usr/aarch64-linux-gnu
if [[ ! -e $sysroot/lib/ld-linux-aarch64.so.1 ]]; then
  echo "xcall: $sysroot/lib/ld-linux-aarch64.so.1 not found: install the Debian package libc6-arm64-cross (ci/setup does)" >&2
  exit 127
fi
bin=$1
shift
qemu_args=(-L "$sysroot")
if [[ -n "${XCALL_PRELOAD:-}" ]]; then
  qemu_args+=(-E "LD_PRELOAD=$(realpath "$XCALL_PRELOAD")")
fi
exec qemu-aarch64 "${qemu_args[@]}" "$bin" "$@"
