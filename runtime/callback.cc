// Callbacks: C calls into the runtime (semantics §2; Go's cgocallback / cgocallbackg).
//
// A callback arrives on one of three kinds of thread, and finds its thread record and task:
//  - a runtime thread whose task is in a call out (nested C -> runtime -> C -> runtime):
//    the callback runs on that same task's stack, below the call out's callout_sp;
//  - a C thread seen before (main thread, threads created by C): its spare record, bound on
//    the first callback and kept until the OS thread exits (spare_threads.cc); the callback
//    runs on the record's own task;
//  - a first-time C thread: bind_spare_thread() first.
//
// Entry, on the C (system) stack:
//  1. Bounds: enter_callback_bounds() sets the thread's system-stack bounds for this sp
//     (exact / cached / estimated + OS query; stack_bounds.cc), saving the old ones only if
//     it changes them; then the morestack check. A nested callback also saves what it
//     changes on the thread and its task: the context tasks return to, the task's lock
//     state and the thread's system-call record (§5). An outermost one has nothing outer to
//     keep: its C thread has no system side, system call or task of its own outside
//     callbacks but the spare task, which is locked to it for life.
//  2. A nested callback locks the task to this thread (its C frames are here).
//  3. A processor: the one this thread lent out when it entered C (records.h,
//     take_back_lent_processor), or an idle one,
//     or one lent by another C thread that is back in C for good, or - if none - the task is
//     queued and the thread sleeps until a scheduler that picks the task hands over its
//     processor (scheduler.cc, "locked tasks").
//  4. fn runs on the task stack, called there by xrt_call_on_stack_resumable as C is called
//     on the system stack in a call out: no context switch, no indirect jump, and every
//     return the CPU predicts. The callback's own panic frame (its deferred calls) stays in
//     the entry's frame on the C stack. The call first saves the entry's registers in that
//     frame's ctx, the thread's system_ctx meanwhile (the frame resumes nothing else, and a
//     level of nesting keeps one context on the C stack, not two: 272 bytes each on Windows
//     x64): C called from the callback, and a task that must wait for a processor (park,
//     yield, a call out that finds none), run on the system stack below it
//     (wait_in_callback, by a call from the task), and a panic recovered in the callback's
//     own frame returns from the call through it, with a null result (panic.cc). Deferred
//     calls left in that frame run afterwards, on the task stack again. The FP control
//     state is left alone: it passes to the callback and back as through any call.
//  5. Back in C: lend the processor out again (the thread returns to C) - or, for an
//     outermost callback with work queued, release it - and restore everything saved in 1.
#include <optional>

#include "runtime/records.h"
#include "runtime/sanitizer_fiber.h"
#include "xrt/xrt.h"

namespace xrt::internal {
namespace {

// When the processor this thread lent is gone: an idle one, or another C thread's.
__attribute__((noinline)) Processor* take_other_processor() {
  Processor* p = take_idle_processor();
  if (p != nullptr) return p;
  // Processors lent by C threads that are back in C for good: take one now. (Never one lent
  // by a call out: that thread is expected back soon; only the monitor, after 20 µs, or a
  // call out coming back to its old processor may take it.)
  for (int i = 0; i < sched.maxprocs; ++i) {
    Processor* lent = &sched.procs[i];
    ProcWord word = lent->state.load(std::memory_order_relaxed);
    if (status_of(word) == ProcStatus::kInCAfterCallback &&
        take_over_lent_processor(lent, word)) {
      return lent;
    }
  }
  return nullptr;
}

// The locked task cannot run here for now: sleep until it can, with a processor.
void wait_with_task(Thread* thread, Task* task, bool queue_task) {
  thread->wake.clear();
  if (queue_task) {
    task->status.store(TaskStatus::kRunnable, std::memory_order_relaxed);
    global_put(task);
  }
  Processor* p = thread->p;
  thread->p = nullptr;
  if (p != nullptr) {
    release_processor(p);
  } else if (queue_task) {
    wakep();
  }
  wait_for_locked_task(thread);
}

struct CallbackWait {
  Thread* thread;
  StopReason reason;
};

// wait_in_callback's body, on the system stack.
void* wait_on_system_stack(void* arg) {
  auto* wait = static_cast<CallbackWait*>(arg);
  Thread* thread = wait->thread;
  Task* task = thread->current;
  if (wait->reason == StopReason::kPark) {
    Lock* lock = thread->park_lock;
    thread->park_lock = nullptr;
    thread->wake.clear();
    if (lock != nullptr) lock->unlock();
    Processor* held = thread->p;
    thread->p = nullptr;
    release_processor(held);
    wait_for_locked_task(thread);
  } else {
    if (wait->reason == StopReason::kQueueAfterC) {
      counters.queued_after_c.fetch_add(1, std::memory_order_relaxed);
    }
    wait_with_task(thread, task, true);
  }
  task->status.store(TaskStatus::kRunning, std::memory_order_relaxed);
  return nullptr;
}

// 1. above, the part every callback does: the thread's bounds for this sp (saving the old
// ones if they change), the morestack check, and this entry as the thread's system side.
__attribute__((always_inline)) inline void enter_system_side(
    Thread* thread, std::optional<SystemStackBounds>* outer_bounds, Context* system_ctx) {
  const uint32_t seq = begin_stack_update(thread);
  enter_callback_bounds(thread, current_sp(), outer_bounds);
  check_system_stack(thread);
  thread->system_sp = current_sp();
  thread->callback_depth++;
  end_stack_update(thread, seq);
  thread->system_ctx = system_ctx;
}

// 3. above: a processor for the callback's task.
__attribute__((always_inline)) inline void take_processor_for(Thread* thread, Task* task) {
  Processor* p = thread->old_p;
  thread->old_p = nullptr;
  if (p != nullptr && reclaim_lent_processor(p, thread->old_p_word)) {
    thread->p = p;  // the one this thread lent, kRunning again
    return;
  }
  p = take_other_processor();
  // Every processor busy: more C threads than processors call back at once. The holders are
  // usually just descheduled by the OS; let them run before going to sleep.
  for (int attempt = 0; p == nullptr && attempt < 4; ++attempt) {
    os_yield();
    p = take_other_processor();
  }
  if (p != nullptr) {
    acquire_processor(thread, p);
  } else {
    wait_with_task(thread, task, true);
  }
}

// Under AddressSanitizer, which must hear of the stack switch on arrival, the callback's fn
// runs through this, called on the task stack.
void* run_callback_on_task(void* arg) {
  fiber_switch_end();
  auto* request = static_cast<CallbackRequest*>(arg);
  void* result = request->fn(request->arg);
  fiber_switch_begin_to_system(request->thread);
  return result;
}

// 4. above: runs the callback on the task stack below request->top, in its own frame
// (`frame`, here on the C stack), and returns its result. thread->current and task->thread
// stay put meanwhile: the task is locked to this thread.
__attribute__((always_inline)) inline void* run_on_task(Thread* thread, Task* task,
                                                        PanicFrame* frame,
                                                        CallbackRequest* request) {
  Context* const system_ctx = &frame->ctx;
  frame->defers = nullptr;
  frame->callback = request;
  task->frames = frame;
  task->status.store(TaskStatus::kRunning, std::memory_order_relaxed);
  void* const lo = reinterpret_cast<void*>(task->tib_lo);
  void* const top = reinterpret_cast<void*>(request->top);
  fiber_switch_begin(task->tib_lo, request->top);
  void* const system_fiber = tsan_current_fiber();  // ThreadSanitizer builds only
  tsan_switch_to(task->tsan_fiber);
  // fn itself, unless AddressSanitizer must hear of the switch on arrival.
  void* result = kAsan ? xrt_call_on_stack_resumable(system_ctx, run_callback_on_task, request,
                                                     lo, top)
                       : xrt_call_on_stack_resumable(system_ctx, request->fn, request->arg,
                                                     lo, top);
  fiber_switch_end();
  if (frame->defers != nullptr) {  // deferred calls the callback left in its own frame
    fiber_switch_begin(task->tib_lo, request->top);
    xrt_call_on_stack(run_callback_defers, frame, lo, top);
    fiber_switch_end();
  }
  task->frames = frame->outer;
  tsan_switch_to(system_fiber);
  return result;
}

// 5. above: the thread goes back to C, lending its processor out (as `how`) for the next
// callback or the call out's return - unless a collection waits for it, or (an outermost
// callback) work is queued for it.
__attribute__((always_inline)) inline void give_processor_back(Thread* thread, ProcStatus how) {
  Processor* p = thread->p;
  thread->p = nullptr;
  if (sched.stop_the_world.load(std::memory_order_relaxed) != 0 ||
      (how == ProcStatus::kInCAfterCallback && has_queued_work(p))) {
    release_processor(p);
  } else {
    thread->old_p = p;
    thread->old_p_word = lend_processor(p, how);
  }
}

// A callback on a C thread outside any call out: its spare task runs it. Nothing outer to
// keep but the bounds, if they change: its C thread has no system side (collections skip it:
// collect.cc), no system call in progress and no task but its own outside callbacks, and that
// task is locked to it for life (spare_threads.cc).
__attribute__((noinline)) void* enter_outermost(Thread* thread, void* (*fn)(void*), void* arg) {
  Task* task = thread->callback_task;
  CallbackRequest request{fn, arg, thread, task->stack_hi};
  PanicFrame frame;  // the callback's own: outermost, as the task runs nothing else
  frame.outer = nullptr;
  frame.callouts = nullptr;
  std::optional<SystemStackBounds> outer_bounds;
  enter_system_side(thread, &outer_bounds, &frame.ctx);
  if (kTsan && task->tsan_fiber == nullptr) task->tsan_fiber = tsan_new_fiber();
  thread->current = task;
  take_processor_for(thread, task);
  void* result = run_on_task(thread, task, &frame, &request);

  const uint32_t seq = begin_stack_update(thread);
  thread->callback_depth--;
  if (kTsan && task->tsan_fiber_unbalanced) {
    // A recovered panic returned from the callback (panic.cc): start afresh next time.
    tsan_destroy_fiber(task->tsan_fiber);
    task->tsan_fiber = nullptr;
    task->tsan_fiber_unbalanced = false;
  }
  publish_saved_sp(task, task->stack_hi);  // nothing of the spare task's to walk until next time
  leave_callback_bounds(thread, outer_bounds);
  task->status.store(TaskStatus::kWaiting, std::memory_order_relaxed);
  thread->current = nullptr;
  give_processor_back(thread, ProcStatus::kInCAfterCallback);
  end_stack_update(thread, seq);
  return result;
}

// A callback inside a call out of the thread's current task: the task runs it on its own
// stack, below the call out's frames, locked to this thread, which it leaves as it was.
__attribute__((noinline)) void* enter_nested(Thread* thread, void* (*fn)(void*), void* arg) {
  Task* task = thread->current;
  CallbackRequest request{fn, arg, thread, task->callout_sp};
  CalloutRecord* callout = task->callouts;
  PanicFrame frame;  // the callback's own, inside the call out's
  frame.outer = task->frames;
  frame.callouts = callout;
  std::optional<SystemStackBounds> outer_bounds;
  // The thread during the call out: restored on return, and read by a panic that discards
  // the call out's C frames (CalloutRecord::inside).
  CalloutState outer;
  outer.ncgo = thread->ncgo;
  outer.callback_depth = thread->callback_depth;
  outer.bounds = thread->bounds;
  outer.system_ctx = thread->system_ctx;
  outer.system_sp = thread->system_sp;
  outer.locked_thread = task->locked_thread;
  outer.saved_sp = task->saved_sp;
  // The system-call record is saved only while a call is in progress (fn set).
  if (thread->syscall.fn != 0) outer.syscall = thread->syscall;
  callout->inside = &outer;
  enter_system_side(thread, &outer_bounds, &frame.ctx);
  bool outer_tsan_fiber_unbalanced = false;
  if constexpr (kTsan) {
    outer.tsan_task_fiber = task->tsan_fiber;
    outer_tsan_fiber_unbalanced = task->tsan_fiber_unbalanced;
    task->tsan_fiber = tsan_take_callback_fiber(thread);
    task->tsan_fiber_unbalanced = false;
  }
  task->locked_thread = thread;
  thread->in_c = false;
  take_processor_for(thread, task);
  void* result = run_on_task(thread, task, &frame, &request);

  const uint32_t seq = begin_stack_update(thread);
  thread->callback_depth--;
  if constexpr (kTsan) {
    tsan_end_callback_fiber(thread, task->tsan_fiber, task->tsan_fiber_unbalanced);
    task->tsan_fiber = outer.tsan_task_fiber;
    task->tsan_fiber_unbalanced = outer_tsan_fiber_unbalanced;
  }
  thread->bounds = outer.bounds;
  thread->system_ctx = outer.system_ctx;
  thread->system_sp = outer.system_sp;
  task->locked_thread = outer.locked_thread;
  publish_saved_sp(task, outer.saved_sp);
  restore_syscall_record(thread, outer);
  callout->inside = nullptr;
  task->status.store(TaskStatus::kInC, std::memory_order_relaxed);
  thread->in_c = true;
  give_processor_back(thread, ProcStatus::kInC);
  end_stack_update(thread, seq);
  return result;
}

}  // namespace

void wait_in_callback(Thread* thread, StopReason reason) {
  CallbackWait wait{thread, reason};
  xrt_call_on_stack(wait_on_system_stack, &wait, reinterpret_cast<void*>(thread->bounds.lo),
                    c_stack_top(thread));
}

}  // namespace xrt::internal

namespace xrt {

using namespace internal;

void* callback(void* (*fn)(void*), void* arg) {
  if (init_done.load(std::memory_order_acquire) == 0) wait_for_init();
  Thread* thread = current_thread_at_entry();
  if (thread == nullptr) thread = bind_spare_thread();
  if (thread->current == nullptr) return enter_outermost(thread, fn, arg);
  if (thread->in_c) return enter_nested(thread, fn, arg);
  return fn(arg);  // already runtime code
}

}  // namespace xrt

extern "C" void* xrt_callback(void* (*fn)(void*), void* arg) { return xrt::callback(fn, arg); }
