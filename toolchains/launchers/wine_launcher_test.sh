#!/bin/bash
# wine.sh against stand-ins for wine, wineboot and wineserver: when it cannot run Windows
# binaries it exits 127 with only "xcall: " lines on stderr (what the runner needs to stop a
# row instead of failing every case); otherwise it runs the binary in a private copy of the
# prepared prefix.
set -uo pipefail
launcher=$TEST_SRCDIR/xcall/toolchains/launchers/wine.sh
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# A PATH with the tools wine.sh uses and the stand-ins in $fake (each logs its arguments).
fake=$TEST_TMPDIR/fake
mkdir -p "$fake"
for tool in bash cat cp dirname flock id mkdir mv rm sed touch; do
  ln -sf "$(command -v "$tool")" "$fake/$tool"
done
stand_in() {  # stand_in NAME EXIT_STATUS
  printf '#!/bin/bash\necho "%s $*" >>"%s/calls"\nexit %s\n' "$1" "$TEST_TMPDIR" "$2" >"$fake/$1"
  chmod +x "$fake/$1"
}

# run_launcher PREFIX ARGS...: runs wine.sh as under Bazel, in a test directory of its own
# (case_tmp, made unless no_case_tmp is set); sets status, out and err.
run_launcher() {
  local prefix=$1
  shift
  case_tmp=$TEST_TMPDIR/case$RANDOM
  [[ -n ${no_case_tmp:-} ]] || mkdir -p "$case_tmp"
  : >"$TEST_TMPDIR/calls"
  out=$(env -i PATH="$fake" TEST_TMPDIR="$case_tmp" XCALL_WINEPREFIX="$prefix" \
    "$fake/bash" "$launcher" "$@" 2>"$TEST_TMPDIR/err")
  status=$?
  err=$(cat "$TEST_TMPDIR/err")
}

expect_cannot_run() {  # expect_cannot_run WHAT TEXT
  if [[ $status -ne 127 ]]; then fail "$1: exit status $status, want 127 (stderr: $err)"; fi
  if [[ -z $err ]] || grep -qv '^xcall: ' <<<"$err"; then
    fail "$1: stderr has lines other than xcall: ones: $err"
  fi
  if ! grep -qF "$2" <<<"$err"; then fail "$1: stderr does not say \"$2\": $err"; fi
}

prepared_prefix() {  # a prefix wine.sh takes as prepared
  local prefix=$TEST_TMPDIR/prefix$RANDOM
  mkdir -p "$prefix"
  touch "$prefix/system.reg" "$prefix/.xcall-prefix-v1"
  echo "$prefix"
}

# Wine not installed.
stand_in wineboot 0
stand_in wineserver 0
rm -f "$fake/wine"
run_launcher "$(prepared_prefix)" driver.exe
expect_cannot_run "no wine" "wine not found: install the Debian packages wine and wine64"

# wineboot cannot create the prefix.
stand_in wine 0
stand_in wineboot 1
run_launcher "$TEST_TMPDIR/fresh-prefix" driver.exe
expect_cannot_run "wineboot fails" "wineboot --init failed"

# The prepared prefix cannot be copied into the test's directory (here: it does not exist).
stand_in wineboot 0
no_case_tmp=1 run_launcher "$(prepared_prefix)" driver.exe
expect_cannot_run "no private copy" "cannot hard-link the Wine prefix"

# The wineserver will not start (2 means it runs already, which is fine).
stand_in wineserver 1
run_launcher "$(prepared_prefix)" driver.exe
expect_cannot_run "wineserver fails" "could not start wineserver"

# Everything there: the binary runs with its arguments, in a private copy of the prefix.
stand_in wineserver 2
printf '#!/bin/bash\necho "ran $* in $WINEPREFIX"\nexit 3\n' >"$fake/wine"
chmod +x "$fake/wine"
prefix=$(prepared_prefix)
run_launcher "$prefix" driver.exe --flag
if [[ $status -ne 3 ]]; then fail "run: exit status $status, want the binary's 3 (stderr: $err)"; fi
if [[ $out != "ran driver.exe --flag in $case_tmp/xcall-wineprefix" ]]; then
  fail "run: got \"$out\", want driver.exe --flag run in a private copy of $prefix"
fi

if ((failures > 0)); then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "wine.sh: all checks passed"
