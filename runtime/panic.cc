// Panics, deferred calls and recover (semantics §4; Go's panic.go, cgocall.go's unwindm).
//
// Every protected call (protect, try_call, a task's body, a callback) pushes a PanicFrame on
// the task: a list of deferred calls and a context saved with xrt_context_save. A panic walks
// the frames innermost first, running each frame's deferred calls; a deferred call that calls
// recover() stops the panic, and the panic resumes the frame's saved context
// (xrt_context_resume), which finishes the frame normally. A callback's frame saves no
// context: the callback's entry already saved one, for the call that runs it on the task
// stack; a recovery there finishes the frame and returns from that call (callback.cc).
//
// Why not C++ exceptions: a panic raised in a callback must cross C frames, and a stack
// switch, to reach the runtime frame above the call out. Exceptions cannot unwind from a task
// stack through xrt_call_on_stack into C frames that have no unwind tables, and must not run
// anything in those frames. Resuming a saved context simply discards everything below it: the
// C frames on the system stack and the callback's frames on the task stack.
//
// Discarding C frames skips the code that would have undone the call out and the callbacks
// below it, so before running the deferred calls of a frame that lies above a call out in
// progress, the panic restores the thread as it was during that call out - ncgo, callback
// depth, system-stack bounds, the system context, the task's lock to the thread and the
// system-call record - and then undoes the call out itself. The callback that brought the
// panic below the call out saved that state on entry (CalloutRecord::inside; a task cannot
// move between threads while it is in C, so it describes the thread it is on now).
//
// An unrecovered panic prints "panic: <message>" and exits with status 2.
#include <cstdlib>
#include <cstring>
#include <new>

#include "runtime/records.h"
#include "runtime/sanitizer_fiber.h"
#include "xrt/xrt.h"

namespace xrt::internal {

struct DeferRecord {
  DeferRecord* next;
  void (*fn)(void*);
  void* arg;
};

struct Panic {
  char* message;
  Panic* outer;
  PanicFrame* frame;  // whose deferred calls are running: only they may recover
  bool recovered;
};

namespace {

Task* self_or_die(const char* what) {
  Task* task = running_task();
  if (task == nullptr) dief("fatal: xrt::%s called outside runtime code", what);
  return task;
}

void run_defers_normally(Task* task, PanicFrame* frame) {
  while (DeferRecord* d = frame->defers) {
    frame->defers = d->next;
    d->fn(d->arg);
    delete d;
  }
  task->frames = frame->outer;
}

// Runs body inside a frame. Returns false if body returned, true if a panic was recovered.
template <typename Body>
__attribute__((noinline)) bool run_in_frame(Body&& body) {
  PanicFrame frame;
  Task* task = running_task();
  frame.outer = task->frames;
  frame.defers = nullptr;
  frame.callouts = task->callouts;
  frame.callback = nullptr;
  task->frames = &frame;
  if (xrt_context_save(&frame.ctx) == 0) {
    body();
    run_defers_normally(running_task(), &frame);
    return false;
  }
  // A deferred call recovered: finish the frame normally (its remaining deferred calls).
  run_defers_normally(running_task(), &frame);
  return true;
}

}  // namespace

void restore_callout_state(Task* task, CalloutRecord* record) {
  Thread* thread = current_thread();
  // The panic came from a callback inside the call out: that callback saved the thread.
  const CalloutState* state = record->inside;
  if (state == nullptr) die("fatal: a panic crossed C frames outside any callback");
  // The C frames (and callback entries) below where the call out began are gone.
  uintptr_t top = context_sp(*state->system_ctx);
  uintptr_t bottom = state->bounds.lo > top - 1024 * 1024 ? state->bounds.lo : top - 1024 * 1024;
  forget_discarded_frames(bottom, top - 64);
  const uint32_t seq = begin_stack_update(thread);
  thread->ncgo = state->ncgo - 1;  // the call out's own
  thread->callback_depth = state->callback_depth;
  thread->bounds = state->bounds;
  thread->system_ctx = state->system_ctx;
  thread->system_sp = state->system_sp;
  if constexpr (kTsan) {
    if (task->tsan_fiber != state->tsan_task_fiber) {
      // The nested callbacks' own fibers are abandoned, their shadow call stacks full of the
      // discarded frames: destroyed, not kept for reuse (callback.cc). One per callback: the
      // current one, and the one each call out inside the record was made on (saved by the
      // callback inside that call out).
      void* current = task->tsan_fiber;
      task->tsan_fiber = state->tsan_task_fiber;
      tsan_switch_to(task->tsan_fiber);
      tsan_destroy_fiber(current);
      for (CalloutRecord* inner = task->callouts; inner != record; inner = inner->outer) {
        tsan_destroy_fiber(inner->inside->tsan_task_fiber);
      }
    }
    // The call out's own fiber keeps the entries of the discarded C frames and callback entries.
    task->tsan_fiber_unbalanced = true;
  }
  restore_syscall_record(thread, *state);
  end_stack_update(thread, seq);
  thread->in_c = false;
  thread->old_p = nullptr;
  thread->current = task;
  task->locked_thread = state->locked_thread;
  task->callout_sp = record->callout_sp;
  task->callouts = record->outer;
  task->status.store(TaskStatus::kRunning, std::memory_order_relaxed);
}

void run_task_body(Task* task) {
  run_in_frame([task] { task->fn(task->arg); });
}

void* run_callback_defers(void* arg) {
  fiber_switch_end();
  auto* frame = static_cast<PanicFrame*>(arg);
  run_defers_normally(frame->callback->thread->current, frame);
  fiber_switch_begin_to_system(frame->callback->thread);
  return nullptr;
}

namespace {

// A recovery goes on above `top` on the task stack: the frames below it are discarded without
// returning, and under ThreadSanitizer their entries stay on the fiber's shadow call stack.
void discard_task_frames_below(Task* task, uintptr_t top) {
  forget_discarded_frames(task->stack_lo, top);
  if constexpr (kTsan) task->tsan_fiber_unbalanced = true;
}

// A deferred call recovered a panic in a callback's own frame: finish the frame and return
// from the callback with a null result, discarding the task's frames below.
[[noreturn]] void return_from_recovered_callback(Task* task, PanicFrame* frame) {
  CallbackRequest* request = frame->callback;
  run_defers_normally(task, frame);
  Thread* thread = request->thread;
  discard_task_frames_below(task, request->top);
  fiber_switch_begin_to_system(thread);
  xrt_context_load_keep_fp(thread->system_ctx, 0);  // the call onto the task stack returns null
}

}  // namespace

}  // namespace xrt::internal

namespace xrt {

using namespace internal;

void panic(const char* message) {
  Task* task = running_task();
  if (task == nullptr) dief("panic: %s", message);
  Panic* p = new Panic{strdup(message), task->panicking, nullptr, false};
  task->panicking = p;
  while (PanicFrame* frame = task->frames) {
    if (task->callouts != frame->callouts) {
      // C frames lie between here and this frame: the thread goes back to the state of the
      // outermost call out inside the frame, as if the C frames had returned.
      CalloutRecord* record = task->callouts;
      while (record->outer != frame->callouts) record = record->outer;
      restore_callout_state(task, record);
    }
    p->frame = frame;
    while (DeferRecord* d = frame->defers) {
      frame->defers = d->next;
      d->fn(d->arg);
      delete d;
      if (p->recovered) {
        task->panicking = p->outer;
        free(task->recovered_message);
        task->recovered_message = p->message;
        delete p;
        if (frame->callback != nullptr) return_from_recovered_callback(task, frame);
        discard_task_frames_below(task, context_sp(frame->ctx) - 64);
        xrt_context_resume(&frame->ctx, 1);
      }
    }
    task->frames = frame->outer;
  }
  dief("panic: %s", message);
}

void defer(void (*fn)(void*), void* arg) {
  Task* task = self_or_die("defer");
  if (task->frames == nullptr) die("fatal: xrt::defer outside a protected call");
  task->frames->defers = new DeferRecord{task->frames->defers, fn, arg};
}

const char* recover() {
  Task* task = running_task();
  if (task == nullptr || task->panicking == nullptr) return nullptr;
  Panic* p = task->panicking;
  if (p->recovered || p->frame != task->frames) return nullptr;  // not a deferred call of it
  p->recovered = true;
  return p->message;
}

bool protect(void (*fn)(void*), void* arg, const char** message) {
  if (running_task() == nullptr) {
    struct Call {
      void (*fn)(void*);
      void* arg;
      const char** message;
      bool recovered;
    } call{fn, arg, message, false};
    callback(
        [](void* c) -> void* {
          Call* call = static_cast<Call*>(c);
          call->recovered = protect(call->fn, call->arg, call->message);
          return nullptr;
        },
        &call);
    return call.recovered;
  }
  bool recovered = run_in_frame([fn, arg] { fn(arg); });
  if (recovered && message != nullptr) *message = running_task()->recovered_message;
  return recovered;
}

const char* try_call(void (*fn)(void*), void* arg) {
  struct Call {
    void (*fn)(void*);
    void* arg;
  } call{fn, arg};
  const char* message = nullptr;
  bool recovered = protect(
      [](void* c) {
        Call* call = static_cast<Call*>(c);
        defer([](void*) { recover(); }, nullptr);
        call->fn(call->arg);
      },
      &call, &message);
  return recovered ? message : nullptr;
}

}  // namespace xrt

extern "C" void xrt_panic(const char* message) { xrt::panic(message); }
