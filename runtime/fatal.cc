// dief: die() with a message formatted at the call site. die() itself is per platform
// (platform_linux.cc, platform_windows.cc); the formatting is the same everywhere.
#include <cstdarg>
#include <cstdio>

#include "runtime/platform.h"

namespace xrt::internal {

void dief(const char* format, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, format);
  vsnprintf(buf, sizeof buf, format, ap);
  va_end(ap);
  die(buf);
}

}  // namespace xrt::internal
