#!/bin/bash
# Launcher for windows_x86_64: runs the binary under Wine, in a prefix prepared once for all
# tests; under Bazel each test runs in its own hard-linked copy of it (see below).
# Usage: wine.sh BINARY [ARGS...]
#        wine.sh --prepare        prepare the prefix and exit (ci/setup does this once)
# The prefix (XCALL_WINEPREFIX, default /var/tmp/xcall-wine-<uid>) is ready when it holds the
# marker below: booted (wineboot, ~8-20 s) and given the DLL stand-ins Wine 8 lacks
# (toolchains/go/wine: bcryptprimitives.dll, which Go >= 1.21 loads at start-up). If it is
# not ready, the first launcher to notice prepares it under a lock while the others wait, so
# tests may start in parallel on a fresh machine.
# When it cannot run Windows binaries here - Wine is not installed, the prefix cannot be
# prepared or copied, the wineserver will not start - it says why in "xcall: " lines on
# stderr, before starting the binary, and exits 127: the runner then stops the row with exit 2
# instead of recording a verdict per case (conformance/runner/README.md). Everything it
# prints before the binary starts is such a line.
set -euo pipefail
[[ $# -ge 1 ]] || { echo "usage: $0 BINARY [ARGS...] | --prepare" >&2; exit 2; }
cannot_run() {
  echo "xcall: $*" >&2
  exit 127
}
for tool in wine wineboot wineserver; do
  if ! command -v "$tool" >/dev/null; then
    cannot_run "$tool not found: install the Debian packages wine and wine64 (ci/setup does)"
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
  mkdir -p "$(dirname "$WINEPREFIX")" 2>/dev/null ||
    cannot_run "cannot create $(dirname "$WINEPREFIX") for the Wine prefix"
  (
    flock 9
    [[ -f $marker ]] && exit 0
    if [[ ! -f $WINEPREFIX/system.reg ]]; then
      echo "xcall: creating Wine prefix $WINEPREFIX" >&2
      wineboot --init >/dev/null 2>&1 || cannot_run "wineboot --init failed for $WINEPREFIX"
      wineserver --wait || cannot_run "wineserver --wait failed for $WINEPREFIX"
    fi
    "$here/../go/wine/install_bcryptprimitives.sh" "$WINEPREFIX" 2>&1 | sed 's/^/xcall: /' >&2 ||
      cannot_run "could not put the DLL stand-ins into $WINEPREFIX"
    touch "$marker"
  ) 9>"$WINEPREFIX.lock"
}

if [[ $1 == --prepare ]]; then
  prepare
  echo "xcall: Wine prefix $WINEPREFIX ready"
  exit 0
fi
[[ -f $marker ]] || prepare

# Under Bazel each test gets its own copy of the prepared prefix (hard links, except for the
# registry files, which the wineserver rewrites in place: milliseconds) and with it its own
# wineserver. A server shared by tests that run in parallel does not
# survive Bazel: when a test ends Bazel kills every process it started, the wineserver too
# if that test happened to start it, and the other tests' Wine processes, connected to it,
# hang forever on a dead socket (seen: any test, about 1 run in 30).
if [[ -n ${TEST_TMPDIR:-} && $TEST_TMPDIR == /* ]]; then
  private=$TEST_TMPDIR/xcall-wineprefix
  if [[ ! -d $private ]]; then
    rm -rf "$private.tmp"
    if ! error=$(cp -al "$WINEPREFIX" "$private.tmp" 2>&1); then
      rm -rf "$private.tmp"
      echo "xcall: cannot hard-link the Wine prefix $WINEPREFIX into $TEST_TMPDIR:" >&2
      echo "xcall:   ${error%%$'\n'*}" >&2
      cannot_run "  (another file system? set XCALL_WINEPREFIX to a directory on the one of Bazel's output base)"
    fi
    for file in "$private.tmp"/*.reg; do
      cp --remove-destination "$WINEPREFIX/${file##*/}" "$file"
    done
    mv "$private.tmp" "$private"
  fi
  export WINEPREFIX=$private
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
# Start the prefix's wineserver here, persistent, unless it runs already (exit status 2).
# Left to Wine, it starts with Debian's -p0 and exits the moment its last client does, and a
# process that connects while it shuts down (the next case of a conformance run) would be
# left on a dead socket too. A later -p overrides -p0; Bazel kills the server at test end.
status=0
wineserver -p"${XCALL_WINESERVER_PERSIST_S:-60}" || status=$?
if ((status != 0 && status != 2)); then
  cannot_run "could not start wineserver for $WINEPREFIX (exit status $status)"
fi
bin=$1
shift
exec wine "$bin" "$@"
