// Facts that hold only if this binary really runs on the target it was built for:
// pointer size, OS, CPU architecture, and that the OS's stack-bounds query for the
// current thread returns bounds containing the current stack pointer.
#include <cstdint>
#include <cstring>
#include <string>

#include "gtest/gtest.h"

#if defined(_WIN32)
#include <windows.h>
#else
#include <pthread.h>
#include <sys/utsname.h>
#endif

namespace {

struct StackBounds {
  uintptr_t lo = 0;
  uintptr_t hi = 0;
};

// The OS's own answer for the calling thread's stack.
bool QueryStackBounds(StackBounds* out) {
#if defined(_WIN32)
  ULONG_PTR lo = 0, hi = 0;
  GetCurrentThreadStackLimits(&lo, &hi);
  out->lo = lo;
  out->hi = hi;
  return lo != 0 && hi > lo;
#else
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) != 0) return false;
  void* addr = nullptr;
  size_t size = 0;
  int rc = pthread_attr_getstack(&attr, &addr, &size);
  pthread_attr_destroy(&attr);
  if (rc != 0) return false;
  out->lo = reinterpret_cast<uintptr_t>(addr);
  out->hi = out->lo + size;
  return size != 0;
#endif
}

std::string ExpectedTarget() { return XCALL_EXPECTED_TARGET; }

TEST(TargetFacts, PointerSizeIs64Bits) { EXPECT_EQ(sizeof(void*), 8u); }

TEST(TargetFacts, OperatingSystemMatchesTarget) {
#if defined(_WIN32)
  EXPECT_EQ(ExpectedTarget(), "windows_x86_64");
  // Running under Wine or Windows, the Win32 version query must answer.
  OSVERSIONINFOA info{};
  info.dwOSVersionInfoSize = sizeof(info);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  ASSERT_TRUE(GetVersionExA(&info));
#pragma GCC diagnostic pop
  EXPECT_GE(info.dwMajorVersion, 6u);
#else
  struct utsname u;
  ASSERT_EQ(uname(&u), 0);
  EXPECT_STREQ(u.sysname, "Linux");
  EXPECT_EQ(ExpectedTarget().rfind("linux_", 0), 0u) << ExpectedTarget();
#endif
}

TEST(TargetFacts, CpuArchitectureMatchesTarget) {
#if defined(__aarch64__)
  EXPECT_EQ(ExpectedTarget(), "linux_aarch64");
  // The kernel (or qemu-user standing in for it) reports the machine the code runs on.
  struct utsname u;
  ASSERT_EQ(uname(&u), 0);
  EXPECT_STREQ(u.machine, "aarch64");
#elif defined(__x86_64__)
  EXPECT_TRUE(ExpectedTarget() == "linux_x86_64" || ExpectedTarget() == "windows_x86_64");
#if defined(_WIN32)
  SYSTEM_INFO si;
  GetNativeSystemInfo(&si);
  EXPECT_EQ(si.wProcessorArchitecture, PROCESSOR_ARCHITECTURE_AMD64);
#else
  struct utsname u;
  ASSERT_EQ(uname(&u), 0);
  EXPECT_STREQ(u.machine, "x86_64");
#endif
#else
  FAIL() << "unexpected CPU architecture";
#endif
}

TEST(TargetFacts, OsStackBoundsContainStackPointer) {
  StackBounds b;
  ASSERT_TRUE(QueryStackBounds(&b));
  volatile char marker = 0;
  auto sp = reinterpret_cast<uintptr_t>(&marker);
  EXPECT_LT(b.lo, sp);
  EXPECT_LT(sp, b.hi);
  EXPECT_GE(b.hi - b.lo, 64u * 1024) << "implausibly small stack";
}

}  // namespace
