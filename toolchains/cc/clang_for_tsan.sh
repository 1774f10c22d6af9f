#!/bin/bash
# The compiler and linker of --config=tsan builds (toolchains/cc/BUILD: tsan): Debian's Clang 16
# with its ThreadSanitizer runtime, or a message naming the packages that provide them.
if ! command -v clang-16 >/dev/null ||
  [[ ! -e /usr/lib/llvm-16/lib/clang/16/lib/linux/libclang_rt.tsan-x86_64.a ]]; then
  echo "xcall --config=tsan: needs Clang 16 and its ThreadSanitizer runtime:" \
    "apt-get install clang-16 libclang-rt-16-dev (ci/setup installs both)" >&2
  exit 1
fi
exec clang-16 "$@"
