#!/bin/bash
# Launcher for windows_x86_64: runs the binary under Wine, in a prefix shared by all tests.
# Usage: wine.sh BINARY [ARGS...]
#        wine.sh --prepare        prepare the prefix and exit (ci/setup does this once)
# The prefix (XCALL_WINEPREFIX, default /var/tmp/xcall-wine-<uid>) is ready when it holds the
# marker below: booted (wineboot, ~8-20 s) and given the DLL stand-ins Wine 8 lacks
# (toolchains/go/wine: bcryptprimitives.dll, which Go >= 1.21 loads at start-up). If it is
# not ready, the first launcher to notice prepares it under a lock while the others wait, so
# tests may start in parallel on a fresh machine.
set -euo pipefail
[[ $# -ge 1 ]] || { echo "usage: $0 BINARY [ARGS...] | --prepare" >&2; exit 2; }
for tool in wine wineboot wineserver; do
  if ! command -v "$tool" >/dev/null; then
    echo "xcall: $tool not found: install the Debian packages wine and wine64 (ci/setup does)" >&2
    exit 127
  fi
done
if [[ -n "${XCALL_PRELOAD:-}" ]]; then
  echo "xcall: XCALL_PRELOAD is a Linux-only profile; windows_x86_64 cannot preload $XCALL_PRELOAD" >&2
  exit 2
fi
export WINEDEBUG=-all
export WINEPREFIX=${XCALL_WINEPREFIX:-/var/tmp/xcall-wine-$(id -u)}
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
unset DISPLAY WAYLAND_DISPLAY
here=$(dirname "$0")
marker=$WINEPREFIX/.xcall-prefix-v1

prepare() {
  mkdir -p "$(dirname "$WINEPREFIX")"
  (
    flock 9
    [[ -f $marker ]] && exit 0
    if [[ ! -f $WINEPREFIX/system.reg ]]; then
      echo "xcall: creating Wine prefix $WINEPREFIX" >&2
      wineboot --init >/dev/null 2>&1
      wineserver --wait
    fi
    "$here/../go/wine/install_bcryptprimitives.sh" "$WINEPREFIX" >&2
    touch "$marker"
  ) 9>"$WINEPREFIX.lock"
}

if [[ $1 == --prepare ]]; then
  prepare
  echo "xcall: Wine prefix $WINEPREFIX ready"
  exit 0
fi
[[ -f $marker ]] || prepare

# Bazel hands tests absolute Unix paths (XML_OUTPUT_FILE, ...). Windows programs read a
# path without a drive letter as relative to the current drive, so give them Wine's Z:
# drive, which maps to /.
for var in XML_OUTPUT_FILE TEST_PREMATURE_EXIT_FILE TEST_TMPDIR TEST_UNDECLARED_OUTPUTS_DIR \
  TEST_UNDECLARED_OUTPUTS_ANNOTATIONS_DIR TEST_WARNINGS_OUTPUT_FILE TEST_INFRASTRUCTURE_FAILURE_FILE; do
  value=${!var:-}
  if [[ $value == /* ]]; then
    value=${value//\//\\}
    export "$var=Z:$value"
  fi
done
bin=$1
shift
exec wine "$bin" "$@"
