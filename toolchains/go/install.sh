#!/usr/bin/env bash
# Makes every Go toolchain the suite certifies available as a GOROOT under $XCALL_GO_ROOT
# (default /opt/xcall/go/<version>), where toolchains/go/repositories.bzl finds them offline.
#
# Sources, in the standard ways only: Debian's golang-1.19-go (apt), the machine's own Go
# (/usr/local/go), and releases fetched through the Go module proxy by the go command itself
# (GOTOOLCHAIN=<release> go version downloads golang.org/toolchain). Downloads go into a module
# cache of our own under $XCALL_GO_ROOT, so nothing else cleaning its cache can remove them.
# Idempotent: a toolchain already in place is checked, not fetched again. Prints what it did.
# Exit status: 0 when every toolchain is in place, 1 otherwise (each failure is named).
set -u

XCALL_GO_ROOT=${XCALL_GO_ROOT:-/opt/xcall/go}
MACHINE_GOROOT=${MACHINE_GOROOT:-/usr/local/go}
DEBIAN_GOROOT=/usr/lib/go-1.19
# One release of each line the suite covers; the newest is the newest the proxy served when
# this list was last updated. Changing it changes the expectations: update those too.
RELEASES=${XCALL_GO_RELEASES:-"go1.21.13 go1.22.12 go1.27.4"}

failures=0
say() { echo "go toolchains: $*"; }
fail() { echo "go toolchains: ERROR: $*" >&2; failures=$((failures + 1)); }

# link_goroot DIR: $XCALL_GO_ROOT/<its version> -> DIR, after checking DIR/bin/go runs.
link_goroot() {
  local goroot=$1 version
  version=$(GOTOOLCHAIN=local GOROOT="$goroot" "$goroot/bin/go" env GOVERSION 2>/dev/null) || {
    fail "$goroot/bin/go does not run"
    return
  }
  if [ "$(readlink -f "$XCALL_GO_ROOT/$version")" = "$(readlink -f "$goroot")" ]; then
    say "$version already at $XCALL_GO_ROOT/$version"
  else
    ln -sfn "$goroot" "$XCALL_GO_ROOT/$version" && say "$version linked: $XCALL_GO_ROOT/$version -> $goroot"
  fi
}

mkdir -p "$XCALL_GO_ROOT" || { echo "go toolchains: cannot create $XCALL_GO_ROOT (run as root, or set XCALL_GO_ROOT)" >&2; exit 1; }

# Debian's Go 1.19.
if [ ! -x "$DEBIAN_GOROOT/bin/go" ]; then
  if [ "$(id -u)" = 0 ]; then
    say "installing golang-1.19-go with apt-get"
    apt-get install -y golang-1.19-go >/dev/null || fail "apt-get install golang-1.19-go failed"
  else
    fail "$DEBIAN_GOROOT missing and not root: apt-get install golang-1.19-go"
  fi
fi
[ -x "$DEBIAN_GOROOT/bin/go" ] && link_goroot "$DEBIAN_GOROOT"

# The machine's own Go; also the go command that fetches the releases (needs Go >= 1.21).
if [ -x "$MACHINE_GOROOT/bin/go" ]; then
  link_goroot "$MACHINE_GOROOT"
else
  fail "the machine's Go is missing at $MACHINE_GOROOT (set MACHINE_GOROOT)"
fi

# Releases from the module proxy.
modcache="$XCALL_GO_ROOT/.modcache"
for release in $RELEASES; do
  if [ -x "$XCALL_GO_ROOT/$release/bin/go" ]; then
    say "$release already at $XCALL_GO_ROOT/$release"
    continue
  fi
  [ -x "$MACHINE_GOROOT/bin/go" ] || { fail "$release: no go command to fetch it with"; continue; }
  say "fetching $release through the module proxy"
  got=$(cd / && GOMODCACHE="$modcache" GOTOOLCHAIN="$release" GOFLAGS=-modcacherw \
    "$MACHINE_GOROOT/bin/go" version 2>&1) || { fail "$release: $got"; continue; }
  goroot=$(ls -d "$modcache"/golang.org/toolchain@v0.0.1-"$release".*-* 2>/dev/null | head -n 1)
  if [ -z "$goroot" ] || [ ! -x "$goroot/bin/go" ]; then
    fail "$release: go reported \"$got\" but no GOROOT appeared in $modcache"
    continue
  fi
  link_goroot "$goroot"
done

say "available:"
for goroot in "$XCALL_GO_ROOT"/go*; do
  [ -x "$goroot/bin/go" ] && echo "  $(basename "$goroot") -> $(readlink -f "$goroot")"
done
exit $((failures > 0))
