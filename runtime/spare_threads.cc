// Spare thread records (Go: extra Ms) for threads the runtime did not create: the main
// thread and threads created by C. The first callback on such a thread binds a record to it
// (with its own task and task stack); the record stays bound until the OS thread exits (a
// pthread key destructor on Linux, a TLS callback on Windows) so that later callbacks only
// read a thread-local pointer. Released records go to a pool and are bound again by the next
// new thread, which keeps "first callback on a new thread" cheap.
#include "runtime/records.h"
#include "runtime/task_stacks.h"

namespace xrt::internal {
namespace {

Lock spare_lock;
Thread* spare_pool = nullptr;

Thread* new_spare_record() {
  Thread* thread = new Thread();
  thread->id = sched.next_thread_id.fetch_add(1, std::memory_order_relaxed);
  thread->spare = true;
  Task* task = take_task_record();
  task->id = sched.next_task_id.fetch_add(1, std::memory_order_relaxed);
  task->is_callback_task = true;
  task->joinable = false;
  task->saved_sp = task->stack_hi;
  task->callout_sp = task->stack_hi;
  task->status.store(TaskStatus::kWaiting, std::memory_order_relaxed);
  {
    LockGuard guard(sched.all_lock);
    task->prev_all = nullptr;
    task->next_all = sched.all_tasks;
    if (sched.all_tasks != nullptr) sched.all_tasks->prev_all = task;
    sched.all_tasks = task;
  }
  // The record's own task runs only inside this thread's callbacks: it is locked to the
  // thread for life, and callbacks need not lock and unlock it (callback.cc).
  task->thread = thread;
  task->locked_thread = thread;
  thread->callback_task = task;
  register_thread(thread);
  return thread;
}

}  // namespace

Thread* bind_spare_thread() {
  Thread* thread = nullptr;
  {
    LockGuard guard(spare_lock);
    thread = spare_pool;
    if (thread != nullptr) spare_pool = thread->next_spare;
  }
  if (thread == nullptr) thread = new_spare_record();
  thread->os_id = os_thread_id();
  const uint32_t seq = begin_stack_update(thread);
  thread->bounds = SystemStackBounds{};
  end_stack_update(thread, seq);
  set_current_thread(thread);
  call_at_thread_exit(thread);
  prepare_thread_for_overflow_handler();
  counters.spare_binds.fetch_add(1, std::memory_order_relaxed);
  return thread;
}

void release_spare_thread(Thread* thread) {
  if (thread == nullptr || !thread->spare) return;
  if (thread->old_p != nullptr) {
    // The thread still had a processor lent out from its last callback: take it back and
    // release it properly (unless the monitor or a collection already took it).
    Processor* p = thread->old_p;
    thread->old_p = nullptr;
    if (take_lent_processor(p, thread->old_p_word)) release_processor(p);
  }
  set_current_thread(nullptr);
  const uint32_t seq = begin_stack_update(thread);
  thread->bounds = SystemStackBounds{};
  end_stack_update(thread, seq);
  thread->os_id = 0;
  counters.spare_releases.fetch_add(1, std::memory_order_relaxed);
  LockGuard guard(spare_lock);
  thread->next_spare = spare_pool;
  spare_pool = thread;
}

}  // namespace xrt::internal
