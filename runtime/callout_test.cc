// Calls out (xrt::ccall): C runs on the thread's system stack, and unwinders - debuggers,
// profilers, backtrace() - walk from the C frames back into the task's, across the stack
// switch the runtime writes into call_out (call_on_stack_inline.h).
#include <cstdint>

#include "gtest/gtest.h"
#include "runtime/context/unwind_probe.h"
#include "runtime/records.h"
#include "xrt/xrt.h"

namespace {

using xrt::internal::current_thread;

struct SeenFromC {
  uintptr_t sp = 0;
  uintptr_t system_lo = 0, system_hi = 0;
  uintptr_t task_lo = 0, task_hi = 0;
  xrt::UnwindProbe unwinding;  // from C to the task's frame that called out
};

void* c_side(void* arg) {
  auto* seen = static_cast<SeenFromC*>(arg);
  seen->sp = xrt::internal::current_sp();
  seen->system_lo = current_thread()->bounds.lo;
  seen->system_hi = current_thread()->bounds.hi;
  seen->unwinding.walk();
  return seen;
}

__attribute__((noinline)) void call_out_from_task(SeenFromC* seen) {
  seen->unwinding.target_return = reinterpret_cast<uintptr_t>(__builtin_return_address(0));
  EXPECT_EQ(xrt::ccall(c_side, seen), seen);
  __asm__ volatile("" : : : "memory");  // a frame of its own: no tail call
}

TEST(CallOut, CRunsOnTheSystemStackAndUnwindersWalkBackIntoTheTask) {
  SeenFromC seen;
  xrt::Task* task = xrt::spawn(
      [](void* arg) {
        auto* seen = static_cast<SeenFromC*>(arg);
        seen->task_lo = current_thread()->current->stack_lo;
        seen->task_hi = current_thread()->current->stack_hi;
        call_out_from_task(seen);
      },
      &seen);
  xrt::join(task);
  EXPECT_GT(seen.sp, seen.system_lo);
  EXPECT_LE(seen.sp, seen.system_hi);
  EXPECT_FALSE(seen.sp >= seen.task_lo && seen.sp < seen.task_hi) << "C ran on the task stack";
  EXPECT_TRUE(seen.unwinding.reached) << "the unwinder stopped after " << seen.unwinding.frames
                                      << " frames without reaching the task's frame";
}

}  // namespace
