// A task leaving the CPU to its thread's system side, which then acts on the reason.
// Outside callbacks the system side is the scheduler loop: the task switches to it. Inside a
// callback it is the callback's entry, suspended in the call that runs the callback on this
// task's stack (callback.cc): the task calls the wait on the system stack below that entry,
// as it would call C, and goes on when the call returns - no switch, and nothing of the
// callback's fast path to keep apart from this.
#ifndef XRT_RUNTIME_STOP_RUNNING_H_
#define XRT_RUNTIME_STOP_RUNNING_H_

#include "runtime/records.h"
#include "runtime/sanitizer_fiber.h"

namespace xrt::internal {

__attribute__((always_inline)) inline void stop_running_on(Thread* thread, StopReason reason) {
  Task* task = thread->current;
  publish_saved_sp(task, current_sp());
  if (thread->callback_depth > 0) {
    wait_in_callback(thread, reason);
    return;
  }
  thread->stop_reason = reason;
  fiber_switch_begin_to_system(thread);
  tsan_switch_to(thread->tsan_system_fiber);
  xrt_context_switch(&task->ctx, thread->system_ctx);
  fiber_switch_end();
}

}  // namespace xrt::internal

#endif  // XRT_RUNTIME_STOP_RUNNING_H_
