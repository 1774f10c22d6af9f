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
//  2. A nested callback locks the task to this thread (its C frames are here) and gives it
//     a fresh context below callout_sp; a spare thread's own task is already waiting for the
//     request in serve_callbacks (panic.cc), which saves its recovery context only once.
//  3. A processor: the one this thread lent out when it entered C (one CAS), or an idle one,
//     or one lent by another C thread that is back in C for good, or - if none - the task is
//     queued and the thread sleeps until a scheduler that picks the task hands over its
//     processor (scheduler.cc, "locked tasks").
//  4. Switch to the task, inline (context/switch_inline.h), as the task's way back here is
//     (stop_running.h): no return on either side is then mispredicted. The FP control state
//     is left alone: it passes to the callback and back as through any call. The entry keeps
//     acting as the system side for its locked task: when the task parks, yields or comes
//     back from C without a processor, this loop gives up the processor and sleeps until the
//     task is runnable and a processor is handed over.
//  5. On kCallbackDone: lend the processor out again (the thread returns to C) - or, for an
//     outermost callback with work queued, release it - and restore everything saved in 1.
#include <optional>

#include "runtime/context/switch_inline.h"
#include "runtime/records.h"
#include "runtime/sanitizer_fiber.h"
#include "runtime/stop_running.h"
#include "xrt/xrt.h"

namespace xrt::internal {
namespace {

// The system-stack side of one callback, on the C stack.
struct CallbackFrame {
  Context system_ctx;  // where the task returns to when it stops
  CallbackRequest request;  // fn and arg; the task stores the result
  // An outermost callback: the thread's bounds before it, if it changed them. It saves
  // nothing else: its C thread has no system side (collections skip it: collect.cc), no
  // system call in progress and no task but its own outside callbacks, and that task is
  // locked to it for life (spare_threads.cc).
  std::optional<SystemStackBounds> outer_bounds;
  // A nested callback: the thread during the call out it is inside, restored on return and
  // read by a panic that discards the call out's C frames (CalloutRecord::inside). Its TSan
  // fibers are saved for outermost callbacks too.
  CalloutState outer;
  bool outer_tsan_fiber_unbalanced;  // ThreadSanitizer builds only
};

void spare_task_entry(void* arg) {
  fiber_switch_end();
  serve_callbacks(static_cast<Thread*>(arg));
}

XRT_OWN_TSAN_FRAME void run_nested_callback(CallbackRequest* request) {
  fiber_switch_end();
  request->result = run_callback_body(request->fn, request->arg);
}

// A nested callback's task side. Under ThreadSanitizer its fiber goes back to the thread's
// pool after the last switch (sanitizer_fiber.h), so it must end as it began, with an empty
// shadow call stack: this function makes no entry there, and the body's entries are gone
// when it returns.
XRT_NO_TSAN_FRAME void callback_task_entry(void* arg) {
  run_nested_callback(static_cast<CallbackRequest*>(arg));
  stop_running_on(current_thread(), StopReason::kCallbackDone);  // inline: see stop_running.h
  die("fatal: finished callback resumed");
}

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

__attribute__((noinline)) void* enter_from_c(Thread* thread, void* (*fn)(void*), void* arg) {
  CallbackFrame frame;
  frame.request.fn = fn;
  frame.request.arg = arg;
  const bool nested = thread->current != nullptr;  // a task of ours is in C on this thread
  Task* task = nested ? thread->current : thread->callback_task;
  CalloutRecord* callout = nested ? task->callouts : nullptr;
  if (nested) {
    CalloutState& outer = frame.outer;
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
  }
  uint32_t seq = begin_stack_update(thread);
  enter_callback_bounds(thread, current_sp(), &frame.outer_bounds);
  check_system_stack(thread);
  if constexpr (kTsan) frame.outer.tsan_system_fiber = thread->tsan_system_fiber;
  thread->system_sp = current_sp();
  thread->callback_depth++;
  end_stack_update(thread, seq);
  thread->system_ctx = &frame.system_ctx;
  const uintptr_t top = nested ? task->callout_sp : task->stack_hi;
  if constexpr (kTsan) {
    if (task->tsan_fiber == nullptr) task->tsan_fiber = tsan_new_fiber();
    frame.outer.tsan_task_fiber = task->tsan_fiber;
    frame.outer_tsan_fiber_unbalanced = task->tsan_fiber_unbalanced;
    if (nested) {
      task->tsan_fiber = tsan_take_callback_fiber(thread);
      task->tsan_fiber_unbalanced = false;
    }
  }
  if (nested) {
    // The task's own frames are live above callout_sp: start a fresh context below them.
    task->locked_thread = thread;
    context_make(&task->ctx, reinterpret_cast<void*>(task->tib_lo),
                 reinterpret_cast<void*>(top), callback_task_entry, &frame.request);
    thread->in_c = false;
  } else {
    // The spare thread's task waits in serve_callbacks for the next request.
    thread->request = &frame.request;
    thread->current = task;
  }
  Processor* p = thread->old_p;
  thread->old_p = nullptr;
  if (p != nullptr && reclaim_lent_processor(p, thread->old_p_word)) {
    thread->p = p;  // the one this thread lent; the CAS made it kRunning
  } else {
    p = take_other_processor();
    // Every processor busy: more C threads than processors call back at once. The holders
    // are usually just descheduled by the OS; let them run before going to sleep.
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

  // thread->current and task->thread stay put: the task is locked to this thread.
  for (;;) {
    task->status.store(TaskStatus::kRunning, std::memory_order_relaxed);
    fiber_switch_begin(task->tib_lo, top);
    if constexpr (kTsan) {
      thread->tsan_system_fiber = tsan_current_fiber();
      tsan_switch_to(task->tsan_fiber);
    }
    context_switch_keep_fp_inline(&frame.system_ctx, &task->ctx);
    fiber_switch_end();
    StopReason reason = thread->stop_reason;
    if (reason == StopReason::kCallbackDone) break;
    if (reason == StopReason::kPark) {
      Lock* lock = thread->park_lock;
      thread->park_lock = nullptr;
      thread->wake.clear();
      if (lock != nullptr) lock->unlock();
      Processor* held = thread->p;
      thread->p = nullptr;
      release_processor(held);
      wait_for_locked_task(thread);
    } else {
      if (reason == StopReason::kQueueAfterC) {
        counters.queued_after_c.fetch_add(1, std::memory_order_relaxed);
      }
      wait_with_task(thread, task, true);
    }
  }

  // Back to C. A nested callback's context is abandoned where it stopped, in
  // callback_task_entry: AddressSanitizer must forget that frame's poisoned bytes, or the
  // task's own frames that reuse the place after the call out trip over them.
  if (nested) forget_discarded_frames(task->saved_sp, top);
  seq = begin_stack_update(thread);
  thread->callback_depth--;
  if constexpr (kTsan) {
    thread->tsan_system_fiber = frame.outer.tsan_system_fiber;
    if (nested) {
      tsan_end_callback_fiber(thread, task->tsan_fiber, task->tsan_fiber_unbalanced);
      task->tsan_fiber = frame.outer.tsan_task_fiber;
      task->tsan_fiber_unbalanced = frame.outer_tsan_fiber_unbalanced;
    }
  }
  if (nested) {
    const CalloutState& outer = frame.outer;
    thread->bounds = outer.bounds;
    thread->system_ctx = outer.system_ctx;
    thread->system_sp = outer.system_sp;
    task->locked_thread = outer.locked_thread;
    publish_saved_sp(task, outer.saved_sp);
    if (outer.syscall.has_value()) {
      thread->syscall = *outer.syscall;
    } else {
      thread->syscall.fn = 0;
    }
    callout->inside = nullptr;
  } else {
    publish_saved_sp(task, task->stack_hi);  // nothing of the spare task's to walk until next time
    leave_callback_bounds(thread, frame.outer_bounds);
  }
  p = thread->p;
  thread->p = nullptr;
  if (nested) {
    task->status.store(TaskStatus::kInC, std::memory_order_relaxed);
    thread->in_c = true;
  } else {
    task->status.store(TaskStatus::kWaiting, std::memory_order_relaxed);
    thread->current = nullptr;
  }
  if (sched.stop_the_world.load(std::memory_order_relaxed) != 0 ||
      (!nested && has_queued_work(p))) {
    release_processor(p);
  } else {
    thread->old_p = p;
    thread->old_p_word =
        lend_processor(p, nested ? ProcStatus::kInC : ProcStatus::kInCAfterCallback);
  }
  end_stack_update(thread, seq);
  return frame.request.result;
}

}  // namespace

void prepare_spare_task(Thread* thread) {
  Task* task = thread->callback_task;
  context_make(&task->ctx, reinterpret_cast<void*>(task->tib_lo),
               reinterpret_cast<void*>(task->stack_hi), spare_task_entry, thread);
}

}  // namespace xrt::internal

namespace xrt {

using namespace internal;

void* callback(void* (*fn)(void*), void* arg) {
  if (init_done.load(std::memory_order_acquire) == 0) wait_for_init();
  Thread* thread = current_thread_at_entry();
  if (thread == nullptr) thread = bind_spare_thread();
  if (thread->current != nullptr && !thread->in_c) return fn(arg);  // already runtime code
  return enter_from_c(thread, fn, arg);
}

}  // namespace xrt

extern "C" void* xrt_callback(void* (*fn)(void*), void* arg) { return xrt::callback(fn, arg); }
