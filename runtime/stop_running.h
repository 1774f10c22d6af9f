// A task switching to its thread's system side (the scheduler loop, or a callback's entry),
// which then acts on the reason. Inline, with the inline switch towards a callback's entry
// (runtime/context/switch_inline.h): a callback's task comes back this way every time, and
// then neither side has a return the CPU mispredicts.
#ifndef XRT_RUNTIME_STOP_RUNNING_H_
#define XRT_RUNTIME_STOP_RUNNING_H_

#include "runtime/context/switch_inline.h"
#include "runtime/records.h"
#include "runtime/sanitizer_fiber.h"

namespace xrt::internal {

__attribute__((always_inline)) inline void stop_running_on(Thread* thread, StopReason reason) {
  Task* task = thread->current;
  thread->stop_reason = reason;
  publish_saved_sp(task, current_sp());
  const Context* to = thread->system_ctx;
  fiber_switch_begin_to_system(thread);
  tsan_switch_to(thread->tsan_system_fiber);
  // Inside a callback the system side is the callback's entry: the FP control state passes
  // through unchanged, as it came in (callback.cc). Otherwise the scheduler loop: a full switch.
  if (thread->callback_depth > 0) {
    context_switch_keep_fp_inline(&task->ctx, to);
  } else {
    xrt_context_switch(&task->ctx, to);
  }
  fiber_switch_end();
}

}  // namespace xrt::internal

#endif  // XRT_RUNTIME_STOP_RUNNING_H_
