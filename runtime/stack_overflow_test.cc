// Task stacks end in a guard region: running into it ends the program with
// "fatal: task stack overflow" and exit status 2 (checked in a child process), not a bare
// segfault; ordinary deep use of the stack below the limit works.
#include <cstdint>

#include "gtest/gtest.h"
#include "runtime/death_test_style.h"
#include "xrt/xrt.h"

namespace {

using xrt::testing::set_death_test_style;

__attribute__((noinline)) uint64_t recurse(uint64_t n) {
  volatile char frame[512];
  frame[0] = static_cast<char>(n);
  if (n == 0) return frame[0];
  return recurse(n - 1) + frame[0];
}

TEST(TaskStack, DeepButBoundedRecursionFits) {
  uint64_t result = 0;
  xrt::Task* t = xrt::spawn(
      [](void* p) { *static_cast<uint64_t*>(p) = recurse(200); },  // ~120 KiB of 256
      &result);
  xrt::join(t);
  uint64_t expected = 0;  // what every frame's byte adds up to, summed without recursing
  for (uint64_t n = 0; n <= 200; ++n) expected += static_cast<uint64_t>(static_cast<char>(n));
  EXPECT_EQ(result, expected);
}

TEST(TaskStackDeathTest, OverflowIsFatalWithAClearMessage) {
  set_death_test_style();
  EXPECT_EXIT(
      {
        xrt::callback(  // runs on the calling thread's own task: no thread needed (see above)
            [](void*) -> void* { return reinterpret_cast<void*>(recurse(1u << 30)); }, nullptr);
      },
      ::testing::ExitedWithCode(2), "fatal: task stack overflow");
}

}  // namespace
