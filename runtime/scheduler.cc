// The scheduler: tasks (G) run on threads (M) that hold processors (P).
//
// Each runtime-created thread runs schedule() on its own system stack. schedule() finds a
// runnable task (its processor's run queue, then the global queue, then stealing half of
// another processor's queue) and switches to the task's context; the task runs until it
// switches back with a StopReason (park, yield, exit, or "came back from C with no
// processor"), and the scheduler acts on that reason *after* the switch, when the task's
// context is saved: a parked task's wait-queue lock is released only then, so whoever readies
// the task can never switch to a half-saved context (Go's mcall(park_m)).
//
// A thread without work releases its processor to the idle list and sleeps on its Note. Work
// that appears (spawn, ready, a queued task) calls wakep(), which hands an idle processor to an
// idle thread (or a new one) marked "spinning"; only one thread spins at a time, and a spinning
// thread that finds work wakes the next (Go's wakep/resetspinning). A thread going idle
// re-checks every run queue after publishing itself idle, so no wake-up is lost.
//
// Tasks locked to a thread (callbacks, whose C frames are on that thread's stack) are never
// run by another thread: a scheduler that picks one hands its processor to the owner thread
// and goes idle itself (Go's startlockedm). See callback.cc for the owner's side.
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <new>

#include "runtime/records.h"
#include "runtime/sanitizer_fiber.h"
#include "runtime/stop_running.h"
#include "runtime/task_stacks.h"
#include "xrt/xrt.h"

namespace xrt::internal {

Scheduler sched;
Counters counters;

namespace {

constexpr size_t kRuntimeThreadStack = 8 * 1024 * 1024;

void runq_put(Processor* p, Task* task) {
  task->next_runnable = nullptr;
  LockGuard guard(p->runq_lock);
  if (p->runq_tail != nullptr) {
    p->runq_tail->next_runnable = task;
  } else {
    p->runq_head = task;
  }
  p->runq_tail = task;
  p->runq_size.fetch_add(1, std::memory_order_release);
}

Task* runq_get(Processor* p) {
  if (p->runq_size.load(std::memory_order_acquire) == 0) return nullptr;
  LockGuard guard(p->runq_lock);
  Task* task = p->runq_head;
  if (task == nullptr) return nullptr;
  p->runq_head = task->next_runnable;
  if (p->runq_head == nullptr) p->runq_tail = nullptr;
  p->runq_size.fetch_sub(1, std::memory_order_relaxed);
  return task;
}

Task* global_get() {
  if (sched.global_size.load(std::memory_order_acquire) == 0) return nullptr;
  LockGuard guard(sched.lock);
  Task* task = sched.global_head;
  if (task == nullptr) return nullptr;
  sched.global_head = task->next_runnable;
  if (sched.global_head == nullptr) sched.global_tail = nullptr;
  sched.global_size.fetch_sub(1, std::memory_order_relaxed);
  return task;
}

// Takes half of another processor's queue: returns one task, queues the rest on self.
Task* steal(Processor* self) {
  for (int i = 0; i < sched.maxprocs; ++i) {
    Processor* victim = &sched.procs[(self->id + 1 + i) % sched.maxprocs];
    if (victim == self || victim->runq_size.load(std::memory_order_acquire) == 0) continue;
    Task* first = nullptr;
    Task* rest_head = nullptr;
    Task* rest_tail = nullptr;
    int taken = 0;
    {
      LockGuard guard(victim->runq_lock);
      int n = (victim->runq_size.load(std::memory_order_relaxed) + 1) / 2;
      while (taken < n && victim->runq_head != nullptr) {
        Task* task = victim->runq_head;
        victim->runq_head = task->next_runnable;
        if (victim->runq_head == nullptr) victim->runq_tail = nullptr;
        task->next_runnable = nullptr;
        if (first == nullptr) {
          first = task;
        } else {
          if (rest_tail != nullptr) {
            rest_tail->next_runnable = task;
          } else {
            rest_head = task;
          }
          rest_tail = task;
        }
        ++taken;
      }
      victim->runq_size.fetch_sub(taken, std::memory_order_relaxed);
    }
    for (Task* task = rest_head; task != nullptr;) {
      Task* next = task->next_runnable;
      runq_put(self, task);
      task = next;
    }
    if (first != nullptr) return first;
  }
  return nullptr;
}

// With sched.lock held.
Processor* idle_proc_get() {
  Processor* p = sched.idle_procs;
  if (p != nullptr) {
    sched.idle_procs = p->next_idle;
    sched.idle_proc_count.fetch_sub(1, std::memory_order_relaxed);
    set_proc_status(p, ProcStatus::kRunning, std::memory_order_relaxed);
  }
  return p;
}

void idle_proc_put(Processor* p) {
  set_proc_status(p, ProcStatus::kIdle);
  p->next_idle = sched.idle_procs;
  sched.idle_procs = p;
  sched.idle_proc_count.fetch_add(1, std::memory_order_relaxed);
}

Thread* idle_thread_get() {
  Thread* thread = sched.idle_threads;
  if (thread != nullptr) sched.idle_threads = thread->next_idle;
  return thread;
}

void idle_thread_put(Thread* thread) {
  thread->next_idle = sched.idle_threads;
  sched.idle_threads = thread;
}

bool idle_thread_remove(Thread* thread) {
  for (Thread** link = &sched.idle_threads; *link != nullptr; link = &(*link)->next_idle) {
    if (*link == thread) {
      *link = thread->next_idle;
      return true;
    }
  }
  return false;
}

bool any_queued_work() {
  if (sched.global_size.load(std::memory_order_acquire) > 0) return true;
  for (int i = 0; i < sched.maxprocs; ++i) {
    if (sched.procs[i].runq_size.load(std::memory_order_acquire) > 0) return true;
  }
  return false;
}

void schedule(Thread* thread);

void runtime_thread_main(void* arg) {
  Thread* thread = static_cast<Thread*>(arg);
  set_current_thread(thread);
  thread->os_id = os_thread_id();
  prepare_thread_for_overflow_handler();
  // Exact bounds, known by construction and without asking the OS (so the same when the
  // runtime is told the OS query does not exist): this frame sits at the top of a stack
  // created with kRuntimeThreadStack bytes, of which the C library keeps some above the
  // frame - glibc puts the thread's static TLS there: a few KiB, but 771 KiB under
  // ThreadSanitizer, whose per-thread state lives in TLS. kCLibraryReserve covers that; with
  // too small a margin lo lay below the stack, where xrt_call_on_stack took a neighbouring
  // task stack for this one and ran C on it, under a nested callback's frames (TSan,
  // syscall_test; StackBounds.RuntimeThreadBoundsLieInsideItsStack checks the OS agrees).
  constexpr size_t kCLibraryReserve = 1024 * 1024;
  uintptr_t sp = current_sp();
  thread->bounds.hi = sp + 256;
  thread->bounds.lo = sp - (kRuntimeThreadStack - kCLibraryReserve);
  thread->bounds.accurate = true;
  thread->system_ctx = &thread->sched_ctx;
  acquire_processor(thread, thread->next_p);
  thread->next_p = nullptr;
  schedule(thread);
}

// Starts a new runtime thread that owns p.
void start_thread(Processor* p, bool spinning) {
  Thread* thread = new Thread();
  thread->id = sched.next_thread_id.fetch_add(1, std::memory_order_relaxed);
  thread->runtime_created = true;
  thread->next_p = p;
  thread->spinning = spinning;
  register_thread(thread);
  counters.threads_started.fetch_add(1, std::memory_order_relaxed);
  start_os_thread(runtime_thread_main, thread, kRuntimeThreadStack);
}

// The thread has no processor: sleep until another thread hands it one.
void stop_thread(Thread* thread) {
  thread->wake.clear();
  {
    LockGuard guard(sched.lock);
    idle_thread_put(thread);
  }
  thread->wake.sleep();
  acquire_processor(thread, thread->next_p);
  thread->next_p = nullptr;
}

Task* find_runnable(Thread* thread) {
  for (;;) {
    if (sched.stop_the_world.load(std::memory_order_acquire) != 0) {
      stop_for_collection(thread);
      continue;
    }
    Processor* p = thread->p;
    Task* task = runq_get(p);
    if (task == nullptr) task = global_get();
    if (task == nullptr) task = steal(p);
    if (task != nullptr) {
      if (thread->spinning) {
        thread->spinning = false;
        if (sched.spinning.fetch_sub(1, std::memory_order_acq_rel) == 1) wakep();
      }
      return task;
    }
    // Nothing to run: stop spinning (before we are visible as idle: a waker that finds us
    // sets spinning again), release the processor and go idle.
    if (thread->spinning) {
      thread->spinning = false;
      sched.spinning.fetch_sub(1, std::memory_order_acq_rel);
    }
    thread->wake.clear();
    {
      LockGuard guard(sched.lock);
      if (sched.stop_the_world.load(std::memory_order_acquire) != 0 ||
          sched.global_size.load(std::memory_order_acquire) > 0) {
        continue;
      }
      thread->p = nullptr;
      idle_proc_put(p);
      idle_thread_put(thread);
    }
    // Work that was queued while we were releasing: take a processor back for it.
    if (any_queued_work()) {
      Processor* again = nullptr;
      {
        LockGuard guard(sched.lock);
        if (idle_thread_remove(thread)) {
          again = idle_proc_get();
          if (again == nullptr) idle_thread_put(thread);
        }
      }
      if (again != nullptr) {
        acquire_processor(thread, again);
        continue;
      }
    }
    thread->wake.sleep();
    acquire_processor(thread, thread->next_p);
    thread->next_p = nullptr;
  }
}

// Runs task until it stops, then acts on why it stopped. Returns a task to run next on this
// thread at once (a task locked here that got its processor back), or nullptr.
Task* execute(Thread* thread, Task* task) {
  task->status.store(TaskStatus::kRunning, std::memory_order_relaxed);
  task->thread = thread;
  thread->current = task;
  thread->in_c = false;
  thread->system_ctx = &thread->sched_ctx;
  const uint32_t seq = begin_stack_update(thread);
  thread->system_sp = current_sp();
  end_stack_update(thread, seq);
  thread->tsan_system_fiber = tsan_current_fiber();
  fiber_switch_begin(task->tib_lo, task->stack_hi);
  if (kTsan && task->tsan_fiber == nullptr) task->tsan_fiber = tsan_new_fiber();
  tsan_switch_to(task->tsan_fiber);
  xrt_context_switch(&thread->sched_ctx, &task->ctx);
  fiber_switch_end();
  Task* stopped = thread->current;
  thread->current = nullptr;
  switch (thread->stop_reason) {
    case StopReason::kPark:
      if (thread->park_lock != nullptr) thread->park_lock->unlock();
      thread->park_lock = nullptr;
      break;
    case StopReason::kYield:
      stopped->status.store(TaskStatus::kRunnable, std::memory_order_relaxed);
      global_put(stopped);
      break;
    case StopReason::kExit:
      finish_task(stopped);
      break;
    case StopReason::kQueueAfterC: {
      stopped->status.store(TaskStatus::kRunnable, std::memory_order_relaxed);
      const bool locked_here = stopped->locked_thread == thread;
      if (locked_here) thread->wake.clear();  // before anyone can hand us a processor
      global_put(stopped);
      // Counted once queued: whoever sees the count can find the task.
      counters.queued_after_c.fetch_add(1, std::memory_order_release);
      if (locked_here) {
        // Locked here (XRT_SYSCALL_LOCK): wait, off the idle list, for a scheduler that picks
        // the task to hand this thread a processor; then run it here again.
        wakep();
        wait_for_locked_task(thread);
        return stopped;
      }
      // leave_c_slow found no idle processor, but the holder may have run out of work and
      // released it since (before the task was queued, so it did not see the task): take it
      // and run the task here, or nobody would.
      if (Processor* p = take_idle_processor()) {
        acquire_processor(thread, p);
        break;
      }
      stop_thread(thread);
      break;
    }
  }
  return nullptr;
}

void schedule(Thread* thread) {
  for (;;) {
    check_system_stack(thread);
    Task* task = find_runnable(thread);
    Thread* owner = task->locked_thread;
    if (owner != nullptr && owner != thread) {
      // The task sits on owner's C frames: lend owner our processor, then go idle.
      task->status.store(TaskStatus::kRunning, std::memory_order_relaxed);
      owner->next_p = thread->p;
      thread->p = nullptr;
      owner->wake.wakeup();
      stop_thread(thread);
      continue;
    }
    while (task != nullptr) task = execute(thread, task);
  }
}

void task_entry(void* arg) {
  fiber_switch_end();
  Task* task = static_cast<Task*>(arg);
  run_task_body(task);
  stop_running(StopReason::kExit);
}

}  // namespace

void register_thread(Thread* thread) {
  LockGuard guard(sched.all_lock);
  thread->next_all = sched.all_threads;
  sched.all_threads = thread;
}

void global_put(Task* task) {
  task->next_runnable = nullptr;
  LockGuard guard(sched.lock);
  if (sched.global_tail != nullptr) {
    sched.global_tail->next_runnable = task;
  } else {
    sched.global_head = task;
  }
  sched.global_tail = task;
  sched.global_size.fetch_add(1, std::memory_order_release);
}

void wakep() {
  if (sched.idle_proc_count.load(std::memory_order_acquire) == 0) return;
  int expected = 0;
  if (!sched.spinning.compare_exchange_strong(expected, 1, std::memory_order_acq_rel)) return;
  Processor* p;
  Thread* thread;
  {
    LockGuard guard(sched.lock);
    p = idle_proc_get();
    thread = p != nullptr ? idle_thread_get() : nullptr;
  }
  if (p == nullptr) {
    sched.spinning.fetch_sub(1, std::memory_order_acq_rel);
    return;
  }
  if (thread != nullptr) {
    thread->next_p = p;
    thread->spinning = true;
    thread->wake.wakeup();
  } else {
    start_thread(p, true);
  }
}

void release_processor(Processor* p) {
  Thread* thread = nullptr;
  {
    LockGuard guard(sched.lock);
    if (sched.stop_the_world.load(std::memory_order_acquire) != 0) {
      set_proc_status(p, ProcStatus::kStopped);
      return;
    }
    if (!has_queued_work(p)) {
      idle_proc_put(p);
      return;
    }
    set_proc_status(p, ProcStatus::kRunning, std::memory_order_relaxed);
    thread = idle_thread_get();
  }
  if (thread != nullptr) {
    thread->next_p = p;
    thread->wake.wakeup();
  } else {
    start_thread(p, false);
  }
}

Processor* take_idle_processor() {
  if (sched.idle_proc_count.load(std::memory_order_acquire) == 0) return nullptr;
  LockGuard guard(sched.lock);
  return idle_proc_get();
}

void acquire_processor(Thread* thread, Processor* p) {
  set_proc_status(p, ProcStatus::kRunning, std::memory_order_relaxed);
  thread->p = p;
}

void wait_for_locked_task(Thread* thread) {
  thread->wake.sleep();
  acquire_processor(thread, thread->next_p);
  thread->next_p = nullptr;
}

void stop_for_collection(Thread* thread) {
  if (thread->spinning) {
    // A spinning thread that sleeps must say so, or wakep() will think someone is still
    // looking for work when the world restarts, and wake nobody.
    thread->spinning = false;
    sched.spinning.fetch_sub(1, std::memory_order_acq_rel);
  }
  Processor* p = thread->p;
  thread->p = nullptr;
  if (p != nullptr) set_proc_status(p, ProcStatus::kStopped);
  stop_thread(thread);
}

Task* new_task(void (*fn)(void*), void* arg, bool joinable) {
  Task* task = take_task_record();
  task->id = sched.next_task_id.fetch_add(1, std::memory_order_relaxed);
  task->fn = fn;
  task->arg = arg;
  task->joinable = joinable;
  task->finished = false;
  task->joiner = nullptr;
  task->thread = nullptr;
  task->locked_thread = nullptr;
  task->callouts = nullptr;
  task->frames = nullptr;
  task->panicking = nullptr;
  task->saved_sp = task->stack_hi;
  task->callout_sp = task->stack_hi;
  task->is_callback_task = false;
  task->status.store(TaskStatus::kRunnable, std::memory_order_relaxed);
  context_make(&task->ctx, reinterpret_cast<void*>(task->tib_lo),
               reinterpret_cast<void*>(task->stack_hi), task_entry, task);
  LockGuard guard(sched.all_lock);
  task->prev_all = nullptr;
  task->next_all = sched.all_tasks;
  if (sched.all_tasks != nullptr) sched.all_tasks->prev_all = task;
  sched.all_tasks = task;
  return task;
}

void free_task(Task* task) {
  {
    LockGuard guard(sched.all_lock);
    if (task->prev_all != nullptr) {
      task->prev_all->next_all = task->next_all;
    } else {
      sched.all_tasks = task->next_all;
    }
    if (task->next_all != nullptr) task->next_all->prev_all = task->prev_all;
  }
  free(task->recovered_message);
  task->recovered_message = nullptr;
  return_task_record(task);
}

void finish_task(Task* task) {
  task->status.store(TaskStatus::kDead, std::memory_order_release);
  tsan_destroy_fiber(task->tsan_fiber);  // fibers are created when a task first runs
  task->tsan_fiber = nullptr;
  if constexpr (kTsan) task->tsan_fiber_unbalanced = false;
  // Its last frames (task_entry down to the switch) never return: under AddressSanitizer
  // their redzones would stay poisoned for whoever gets the stack from the pool next.
  forget_discarded_frames(task->stack_lo, task->stack_hi);
  if (!task->joinable) {
    free_task(task);
    return;
  }
  task->join_lock.lock();
  task->finished = true;
  Task* joiner = task->joiner;
  task->join_lock.unlock();
  if (joiner != nullptr) ready(joiner);
}

void ready(Task* task) {
  task->status.store(TaskStatus::kRunnable, std::memory_order_relaxed);
  Thread* thread = current_thread();
  if (thread != nullptr && thread->p != nullptr && !thread->in_c) {
    runq_put(thread->p, task);
  } else {
    global_put(task);
  }
  wakep();
}

void stop_running(StopReason reason) { stop_running_on(current_thread(), reason); }

void park(Lock* lock) {
  Thread* thread = current_thread();
  thread->current->status.store(TaskStatus::kWaiting, std::memory_order_relaxed);
  thread->park_lock = lock;
  stop_running(StopReason::kPark);
}

}  // namespace xrt::internal

namespace xrt {

using namespace internal;

Task* spawn(void (*fn)(void*), void* arg) {
  wait_for_init();
  Task* task = new_task(fn, arg, true);
  ready(task);
  return task;
}

void go(void (*fn)(void*), void* arg) {
  wait_for_init();
  ready(new_task(fn, arg, false));
}

namespace {
void* join_in_runtime(void* task) {
  join(static_cast<Task*>(task));
  return nullptr;
}
}  // namespace

void join(Task* task) {
  Task* self = running_task();
  if (self == nullptr) {
    callback(join_in_runtime, task);
    return;
  }
  if (task == self) die("fatal: a task cannot join itself");
  task->join_lock.lock();
  if (!task->finished) {
    task->joiner = self;
    park(&task->join_lock);
  } else {
    task->join_lock.unlock();
  }
  free_task(task);
}

void yield() {
  if (running_task() == nullptr) {
    os_yield();
    return;
  }
  stop_running(StopReason::kYield);
}

int maxprocs() {
  wait_for_init();
  return sched.maxprocs;
}

uint64_t current_thread_id() {
  Thread* thread = current_thread();
  return thread != nullptr ? thread->id : 0;
}

}  // namespace xrt
