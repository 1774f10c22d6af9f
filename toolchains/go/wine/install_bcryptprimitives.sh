#!/usr/bin/env bash
# Puts the bcryptprimitives.dll stand-in (bcryptprimitives.c, next to this script) into a Wine
# prefix's system32, where Go >= 1.21 looks for it, unless that Wine ships its own (Wine >= 9).
# Idempotent; builds with the mingw-w64 posix compiler. Usage: install_bcryptprimitives.sh
# [WINEPREFIX] (default: $WINEPREFIX). Run it after the prefix exists (wineboot).
set -euo pipefail
prefix=${1:-${WINEPREFIX:-}}
if [[ -z $prefix ]]; then
  echo "usage: $0 WINEPREFIX (or set WINEPREFIX)" >&2
  exit 2
fi
system32=$prefix/drive_c/windows/system32
dll=$system32/bcryptprimitives.dll
marker="xcall bcryptprimitives stand-in"
if [[ ! -d $system32 ]]; then
  echo "bcryptprimitives: $system32 does not exist; create the prefix first (WINEPREFIX=$prefix wineboot -i)" >&2
  exit 1
fi
if [[ -e $dll ]] && ! grep -qa "$marker" "$dll"; then
  echo "bcryptprimitives: $dll is Wine's own; leaving it"
  exit 0
fi
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
x86_64-w64-mingw32-gcc-posix -O2 -Wall -shared -static-libgcc -o "$work/bcryptprimitives.dll" \
  "$here/bcryptprimitives.c" "$here/bcryptprimitives.def" -lbcrypt
cp "$work/bcryptprimitives.dll" "$dll"
echo "bcryptprimitives: installed the stand-in at $dll"
