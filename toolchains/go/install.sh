#!/usr/bin/env bash
# Makes every Go toolchain the suite certifies available as a GOROOT under $XCALL_GO_ROOT
# (default /opt/xcall/go/<version>), where toolchains/go/repositories.bzl finds them offline.
#
# The certified set is the project's, not the machine's: toolchains/go/versions.bzl, which
# repositories.bzl expects and conformance/expectations/ covers. Sources, in standard ways only:
#   - GO_DEBIAN: Debian's golang-1.19-go (apt-get when missing; $DEBIAN_GOROOT, for tests).
#   - GO_PROXY_RELEASES: golang.org/toolchain modules from the Go module proxy, fetched the way
#     the go command switches toolchains itself (GOTOOLCHAIN=<release> go version) by a go
#     command >= go1.21, "the fetcher":
#       1. the machine's own Go ($MACHINE_GOROOT, default /usr/local/go) if it is >= go1.21;
#       2. else a certified release >= go1.21 already in place;
#       3. else the oldest certified release >= go1.21, bootstrapped with Debian's Go 1.19
#          (go mod download golang.org/toolchain@v0.0.1-<release>.<goos>-<goarch>, for this
#          host's GOHOSTOS-GOHOSTARCH, then made runnable as the go command does after its own
#          download); it stays that release's GOROOT, so nothing is downloaded twice.
#     Downloads go into a module cache of our own, $XCALL_GO_ROOT/.modcache, so nothing else
#     cleaning its cache can remove them.
#   - The machine's own Go is a runtime under test only if its version is certified: it is then
#     linked instead of fetching that release. A link to any other version (an older install.sh
#     linked the machine's Go whatever its version) is removed.
# Idempotent: a toolchain in place (its go command reports its name as GOVERSION) is kept, not
# fetched again. Prints what it did.
# Exit status: 0 when every certified toolchain is in place, 1 otherwise (each failure is named).
set -u

XCALL_GO_ROOT=${XCALL_GO_ROOT:-/opt/xcall/go}
MACHINE_GOROOT=${MACHINE_GOROOT:-/usr/local/go}
DEBIAN_GOROOT=${DEBIAN_GOROOT:-/usr/lib/go-1.19}  # where golang-1.19-go installs it
modcache="$XCALL_GO_ROOT/.modcache"

say() { echo "go toolchains: $*"; }
fail() { echo "go toolchains: ERROR: $*" >&2; failures=$((failures + 1)); }
failures=0

# The certified versions, from versions.bzl (one line each: GO_DEBIAN = "...",
# GO_PROXY_RELEASES = ["...", ...]).
versions_bzl="$(dirname "${BASH_SOURCE[0]}")/versions.bzl"
GO_DEBIAN=$(sed -n 's/^GO_DEBIAN = "\([^"]*\)"$/\1/p' "$versions_bzl" 2>/dev/null)
RELEASES=$(sed -n 's/^GO_PROXY_RELEASES = \[\(.*\)\]$/\1/p' "$versions_bzl" 2>/dev/null | tr -d '",')
for v in $GO_DEBIAN $RELEASES; do
  [[ $v =~ ^go1\.[0-9]+\.[0-9]+$ ]] || RELEASES=""
done
if [ -z "$GO_DEBIAN" ] || [ -z "$RELEASES" ]; then
  echo "go toolchains: ERROR: cannot read GO_DEBIAN and GO_PROXY_RELEASES from $versions_bzl" >&2
  exit 1
fi
CERTIFIED="$GO_DEBIAN $RELEASES"

# goversion GOROOT: what its go command reports as GOVERSION (fails if it does not run).
goversion() {
  local goroot
  goroot=$(readlink -f "$1") && [ -x "$goroot/bin/go" ] &&
    GOTOOLCHAIN=local GOROOT="$goroot" "$goroot/bin/go" env GOVERSION 2>/dev/null
}

# fetches_toolchains VERSION: whether a go command of VERSION can (>= go1.21: GOTOOLCHAIN).
fetches_toolchains() {
  [[ $1 =~ ^go1\.([0-9]+)([^0-9]|$) ]] && ((BASH_REMATCH[1] >= 21))
}

certified() { [[ " $CERTIFIED " == *" $1 "* ]]; }

# in_place NAME: $XCALL_GO_ROOT/NAME is a GOROOT whose go command reports NAME.
in_place() { [ "$(goversion "$XCALL_GO_ROOT/$1")" = "$1" ]; }

# link_goroot NAME GOROOT: $XCALL_GO_ROOT/NAME -> GOROOT, after checking its go reports NAME.
link_goroot() {
  local name=$1 goroot=$2 version
  version=$(goversion "$goroot") || { fail "$goroot/bin/go does not run"; return 1; }
  [ "$version" = "$name" ] || { fail "$goroot/bin/go reports $version, not $name"; return 1; }
  if [ -e "$XCALL_GO_ROOT/$name" ] && [ ! -L "$XCALL_GO_ROOT/$name" ]; then
    fail "$XCALL_GO_ROOT/$name is not a GOROOT of $name and not a link install.sh made: remove it"
    return 1
  fi
  ln -sfn "$goroot" "$XCALL_GO_ROOT/$name" || { fail "cannot link $XCALL_GO_ROOT/$name"; return 1; }
  say "$name linked: $XCALL_GO_ROOT/$name -> $goroot"
}

# host_platform GO: the <goos>-<goarch> of golang.org/toolchain modules that GO runs on.
host_platform() {
  local os arch
  { read -r os && read -r arch; } < <(GOTOOLCHAIN=local "$1" env GOHOSTOS GOHOSTARCH 2>/dev/null)
  [ -n "${os:-}" ] && [ -n "${arch:-}" ] && echo "$os-$arch"
}

# bootstrap RELEASE: downloads golang.org/toolchain for RELEASE with Debian's Go 1.19 (which
# has no GOTOOLCHAIN) and makes it runnable, as the go command does after its own download
# (cmd/go/internal/toolchain): module zips carry no file modes and no nested go.mod files.
bootstrap() {
  local release=$1 go platform module json err dir f
  go="$(readlink -f "$XCALL_GO_ROOT/$GO_DEBIAN")/bin/go"
  platform=$(host_platform "$go") || { fail "$go does not run"; return 1; }
  module="golang.org/toolchain@v0.0.1-$release.$platform"
  say "bootstrapping $release with Debian's Go: go mod download $module"
  json=$(cd / && GOFLAGS=-modcacherw GOMODCACHE="$modcache" "$go" mod download -json "$module" 2>&1)
  local status=$?
  err=$(sed -n 's/^[[:space:]]*"Error": "\(.*\)",\{0,1\}$/\1/p' <<<"$json" | sed 's/\\"/"/g')
  dir=$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p' <<<"$json")
  if [ "$status" != 0 ] || [ -n "$err" ] || [ -z "$dir" ] || [ ! -f "$dir/bin/go" ]; then
    fail "fetching $release through the module proxy failed: ${err:-$json}"
    return 1
  fi
  # _go.mod -> go.mod (src/go.mod last), then the execute bits (bin/go last): a bootstrap cut
  # short leaves bin/go not executable, so the next run finds the release missing and redoes it.
  (
    while IFS= read -r -d '' f; do
      cp "$f" "${f%_go.mod}go.mod" || exit 1
    done < <(find "$dir" -name _go.mod ! -path "$dir/src/_go.mod" -print0)
    cp "$dir/src/_go.mod" "$dir/src/go.mod" &&
      find "$dir/pkg/tool" -type f -exec chmod a+x {} + &&
      { [ ! -d "$dir/lib" ] || find "$dir/lib" -type f -name 'go_?*_?*_exec' -exec chmod a+x {} +; } &&
      find "$dir/bin" -type f ! -path "$dir/bin/go" -exec chmod a+x {} + &&
      chmod a+x "$dir/bin/go"
  ) || { fail "$release: cannot make $dir runnable"; return 1; }
  link_goroot "$release" "$dir"
}

# find_fetcher: sets $fetcher to a go command >= go1.21 (see the header), once.
fetcher="" fetcher_failed=""
find_fetcher() {
  [ -n "$fetcher" ] && return 0
  [ -n "$fetcher_failed" ] && return 1
  local release machine_version oldest=""
  if machine_version=$(goversion "$MACHINE_GOROOT") && fetches_toolchains "$machine_version"; then
    fetcher="$MACHINE_GOROOT/bin/go"
    say "fetching with the machine's Go ($machine_version, $MACHINE_GOROOT)"
    return 0
  fi
  for release in $RELEASES; do
    fetches_toolchains "$release" || continue
    if in_place "$release"; then
      fetcher="$(readlink -f "$XCALL_GO_ROOT/$release")/bin/go"
      say "fetching with $release ($XCALL_GO_ROOT/$release)"
      return 0
    fi
    [ -n "$oldest" ] || oldest=$release
  done
  fetcher_failed=1
  if [ -z "$oldest" ]; then
    fail "no go command >= go1.21 to fetch releases with: none of $RELEASES is >= go1.21"
    return 1
  fi
  if [ -n "$machine_version" ]; then
    say "the machine's Go ($machine_version, $MACHINE_GOROOT) is older than go1.21 and cannot fetch toolchains"
  fi
  if ! in_place "$GO_DEBIAN"; then
    fail "no go command to fetch $oldest with: no Go >= go1.21 at $MACHINE_GOROOT (set MACHINE_GOROOT) and no Debian Go $GO_DEBIAN to bootstrap one (apt-get install golang-1.19-go)"
    return 1
  fi
  bootstrap "$oldest" || return 1
  fetcher="$(readlink -f "$XCALL_GO_ROOT/$oldest")/bin/go"
  fetcher_failed=""
}

# fetch RELEASE: with the fetcher, into $modcache.
fetch() {
  local release=$1 platform got goroot
  platform=$(host_platform "$fetcher") || { fail "$fetcher does not run"; return 1; }
  say "fetching $release through the module proxy"
  got=$(cd / && GOMODCACHE="$modcache" GOTOOLCHAIN="$release" GOFLAGS=-modcacherw "$fetcher" version 2>&1) || {
    fail "fetching $release through the module proxy failed: $got"
    return 1
  }
  goroot="$modcache/golang.org/toolchain@v0.0.1-$release.$platform"
  if [ ! -x "$goroot/bin/go" ]; then
    fail "fetching $release: go reported \"$got\" but no GOROOT appeared at $goroot"
    return 1
  fi
  link_goroot "$release" "$goroot"
}

mkdir -p "$XCALL_GO_ROOT" || { echo "go toolchains: cannot create $XCALL_GO_ROOT (run as root, or set XCALL_GO_ROOT)" >&2; exit 1; }

# Links to versions no longer certified (repositories.bzl would list them as runtimes).
for entry in "$XCALL_GO_ROOT"/go*; do
  name=$(basename "$entry")
  if [ -L "$entry" ] && ! certified "$name"; then
    target=$(readlink "$entry")
    rm -f "$entry" && say "removed $entry -> $target: $name is not a certified version"
  fi
done

# Debian's Go 1.19: a runtime under test, and what bootstraps a fetcher when there is none.
if in_place "$GO_DEBIAN"; then
  say "$GO_DEBIAN already at $XCALL_GO_ROOT/$GO_DEBIAN"
else
  if [ ! -x "$DEBIAN_GOROOT/bin/go" ]; then
    if [ "$(id -u)" = 0 ]; then
      say "installing golang-1.19-go with apt-get"
      apt-get install -y golang-1.19-go >/dev/null ||
        fail "apt-get install golang-1.19-go failed (after apt-get update?)"
    else
      fail "Debian's Go is missing at $DEBIAN_GOROOT and this is not root: apt-get install golang-1.19-go as root"
    fi
  fi
  if [ -x "$DEBIAN_GOROOT/bin/go" ]; then
    version=$(goversion "$DEBIAN_GOROOT")
    if [ "$version" = "$GO_DEBIAN" ]; then
      link_goroot "$GO_DEBIAN" "$DEBIAN_GOROOT"
    else
      fail "Debian's Go at $DEBIAN_GOROOT is ${version:-not runnable}, but the suite certifies $GO_DEBIAN (toolchains/go/versions.bzl)"
    fi
  fi
fi

# Releases from the module proxy, or the machine's own Go when it is one of them.
machine_version=$(goversion "$MACHINE_GOROOT")
for release in $RELEASES; do
  if in_place "$release"; then
    say "$release already at $XCALL_GO_ROOT/$release"
    continue
  fi
  if [ -e "$XCALL_GO_ROOT/$release" ] && [ ! -L "$XCALL_GO_ROOT/$release" ]; then
    fail "$XCALL_GO_ROOT/$release is not a GOROOT of $release and not a link install.sh made: remove it"
    continue
  elif [ -L "$XCALL_GO_ROOT/$release" ]; then
    say "$XCALL_GO_ROOT/$release -> $(readlink "$XCALL_GO_ROOT/$release") is not a GOROOT of $release: replacing it"
  fi
  if [ "$machine_version" = "$release" ]; then
    link_goroot "$release" "$MACHINE_GOROOT"
    continue
  fi
  find_fetcher || { fail "$release: not fetched: no go command to fetch it with (see above)"; continue; }
  in_place "$release" || fetch "$release"  # the bootstrap may have put it in place
done

say "available:"
for goroot in "$XCALL_GO_ROOT"/go*; do
  [ -x "$goroot/bin/go" ] && echo "  $(basename "$goroot") -> $(readlink -f "$goroot")"
done
exit $((failures > 0))
