#!/bin/bash
# Launcher for windows_x86_64: runs the binary under Wine, in a prefix shared by all tests.
# Usage: wine.sh BINARY [ARGS...].
# The prefix (XCALL_WINEPREFIX, default /var/tmp/xcall-wine-<uid>) is prepared once by
# ci/setup; if it is missing, the first launcher to need it creates it under a lock while
# concurrent launchers wait, so tests may start in parallel on a fresh machine.
set -euo pipefail
[[ $# -ge 1 ]] || { echo "usage: $0 BINARY [ARGS...]" >&2; exit 2; }
for tool in wine wineboot; do
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
if [[ ! -f $WINEPREFIX/system.reg ]]; then
  mkdir -p "$(dirname "$WINEPREFIX")"
  (
    flock 9
    if [[ ! -f $WINEPREFIX/system.reg ]]; then
      echo "xcall: creating Wine prefix $WINEPREFIX (run ci/setup to do this once)" >&2
      wineboot --init >/dev/null 2>&1
      wineserver --wait
    fi
  ) 9>"$WINEPREFIX.lock"
fi
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
