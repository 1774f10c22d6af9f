// Calls out: a task calls C (semantics §1; Go's cgocall / entersyscall / exitsyscall).
//
//  1. The task links a three-word CalloutRecord on its own stack into its list of call outs
//     in progress and notes callout_sp, the place below which a nested callback may run on
//     this stack. What the thread looks like during the call is saved only if C calls back
//     (callback.cc), for a panic that discards the C frames (panic.cc).
//  2. "Enter C": ncgo++, the processor is lent out (kInC - kInSyscall for syscall_n - with a
//     new lend count in its state word so the monitor can tell a long call from many short
//     ones). The thread keeps it in old_p, and the word it lent it with in old_p_word.
//  3. fn runs on the thread's system stack, below the suspended system-side code (the
//     scheduler loop or the innermost callback entry), called from here: on x86_64 (System V
//     and Windows) the stack switch is written into this function (call_on_stack_inline.h),
//     so a call out adds one live return address, not two, to what C -> runtime -> C nesting
//     keeps in the CPU's return stack.
//  4. "Leave C": fast path, the lent processor is taken back - without an atomic
//     read-modify-write where the OS has a process-wide barrier for the takers, by one CAS
//     otherwise - or, if the monitor took it and another thread in C lent it out since, taken
//     from that thread (records.h). Slow path, the processor runs tasks elsewhere or a
//     collection holds it: try an idle processor; failing that the task is queued and this
//     thread stops; the task resumes wherever a processor picks it up, so the thread's
//     system-call record travels with it (copied to the thread it resumed on).
#include "runtime/context/call_on_stack_inline.h"
#include "runtime/records.h"
#include "runtime/sanitizer_fiber.h"
#include "xrt/xrt.h"

namespace xrt::internal {
namespace {

__attribute__((noinline)) void leave_c_slow(Thread* thread) {
  Processor* p = take_idle_processor();
  if (p != nullptr) {
    acquire_processor(thread, p);
    return;
  }
  SyscallRecord record = thread->syscall;
  stop_running(StopReason::kQueueAfterC);
  current_thread()->syscall = record;
}

}  // namespace

void* call_out(void* (*fn)(void*), void* arg, ProcStatus how) {
  Thread* thread = current_thread_at_entry();
  if (thread == nullptr || thread->current == nullptr || thread->in_c) return fn(arg);
  Task* task = thread->current;

  CalloutRecord record;
  record.outer = task->callouts;
  record.callout_sp = task->callout_sp;
  record.inside = nullptr;
  task->callouts = &record;
  // xrt_call_on_stack, where the switch is not inlined, keeps a few words below the current
  // sp on this stack during the call.
  task->callout_sp = current_sp() - 128;
  publish_saved_sp(task, task->callout_sp);

  // Enter C.
  thread->ncgo++;
  thread->in_c = true;
  task->status.store(TaskStatus::kInC, std::memory_order_relaxed);
  Processor* p = thread->p;
  thread->p = nullptr;
  thread->old_p = p;
  thread->old_p_word = lend_processor(p, how);

  void* result = call_on_stack_inline(fn, arg, reinterpret_cast<void*>(thread->bounds.lo),
                                      c_stack_top(thread));

  // Leave C (C cannot move us: this is still the same thread).
  task->callouts = record.outer;
  task->callout_sp = record.callout_sp;
  thread->ncgo--;
  thread->in_c = false;
  task->status.store(TaskStatus::kRunning, std::memory_order_relaxed);
  p = thread->old_p;
  thread->old_p = nullptr;
  if (p != nullptr && reclaim_processor_after_call_out(p, thread->old_p_word)) {
    thread->p = p;
    return result;
  }
  leave_c_slow(thread);
  return result;
}

}  // namespace xrt::internal

namespace xrt {

void* ccall(void* (*fn)(void*), void* arg) {
  return internal::call_out(fn, arg, internal::ProcStatus::kInC);
}

}  // namespace xrt

extern "C" void* xrt_ccall(void* (*fn)(void*), void* arg) { return xrt::ccall(fn, arg); }
