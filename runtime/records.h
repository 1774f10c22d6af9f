// The runtime's records: tasks (G), threads (M), processors (P), and the scheduler state
// that ties them together. Go calls these g, m and p (runtime2.go); the roles are the same:
// a task needs a thread to run on, and a thread needs a processor to run tasks.
#ifndef XRT_RUNTIME_RECORDS_H_
#define XRT_RUNTIME_RECORDS_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "runtime/context/context.h"
#include "runtime/lock.h"
#include "runtime/platform.h"
#include "runtime/sanitizer_build.h"
#include "runtime/stack_bounds.h"
#include "runtime/syscall_record.h"

namespace xrt {
struct Task;
}

namespace xrt::internal {

using xrt::Task;
struct Thread;
struct Processor;
struct PanicFrame;
struct Panic;

enum class ProcStatus : uint32_t {
  kIdle,     // in the idle list, nobody runs tasks with it
  kRunning,  // owned by a thread that runs tasks or runtime code
  kInC,      // lent out: its thread is in C; the monitor or a collection may take it
  // Lent out by a system call (syscall_n): like kInC, but the call is expected to block and
  // its processor to be taken over, so the thread takes it back by CAS, which makes taking
  // it cheap for others (no process barrier; see take_back_lent_processor).
  kInSyscall,
  // Lent out by a C thread whose outermost callback returned: nobody is waiting to take it
  // back soon, so another callback may take it at once instead of waiting for the monitor.
  kInCAfterCallback,
  kStopped,  // held by a stop-the-world collection
  // Lent out by a call out (kInC) and being taken by another thread, which is waiting on a
  // process-wide barrier to learn whether the lender came back first (take_lent_processor).
  kClaiming,
};

// A processor's state word: its status, and in the high half how many times it has been
// lent out. A thread that lends its processor keeps the word it stored, and taking the
// processor back is one CAS from exactly that word: a processor that was taken meanwhile and
// lent out again by another thread compares different and is left alone, and the monitor
// tells a long call from many short ones by the word changing.
using ProcWord = uint64_t;
constexpr ProcWord proc_word(ProcStatus status, uint32_t lends) {
  return static_cast<ProcWord>(lends) << 32 | static_cast<uint32_t>(status);
}
constexpr ProcStatus status_of(ProcWord word) {
  return static_cast<ProcStatus>(word & 0xffffffffu);
}
constexpr uint32_t lends_of(ProcWord word) { return static_cast<uint32_t>(word >> 32); }
constexpr bool is_lent(ProcWord word) {
  return status_of(word) == ProcStatus::kInC || status_of(word) == ProcStatus::kInSyscall ||
         status_of(word) == ProcStatus::kInCAfterCallback;
}

enum class TaskStatus : uint32_t { kRunnable, kRunning, kWaiting, kInC, kDead };

// Why a task stops running: the system side acts on it once the task is safely off the CPU
// (the scheduler loop after the switch, or - inside a callback - the wait that the task
// calls on the system stack; stop_running.h).
enum class StopReason : uint32_t {
  kPark,         // waiting; release park_lock
  kYield,        // still runnable; queue it
  kExit,         // finished
  kQueueAfterC,  // came back from C and found no processor: queue it, this thread stops
};

// The thread as it is during a call out, saved by the callback that C makes inside it (a
// nested callback) - for a panic in that callback that discards the C frames and resumes
// above the call out: the thread must then be as if the call out had returned (panic.cc).
// Only a callback can bring a panic below a call out, so the call out itself saves nothing.
struct CalloutState {
  int32_t ncgo, callback_depth;
  SystemStackBounds bounds;
  Context* system_ctx;
  uintptr_t system_sp;
  void* tsan_task_fiber;  // ThreadSanitizer builds only
  Thread* locked_thread;
  uintptr_t saved_sp;
  // The thread's system-call record, if a call was in progress (not even zeroed otherwise).
  std::optional<SyscallRecord> syscall;
};

// A call out in progress, on the task stack: three words, as call outs are frequent.
struct CalloutRecord {
  CalloutRecord* outer;
  uintptr_t callout_sp;  // the task's callout_sp before this call out
  // Set while a callback runs inside this call out. C may call back several times, but one
  // at a time: a callback's own C calling back again finds runtime code running and calls
  // straight through (callback.cc).
  CalloutState* inside;
};

}  // namespace xrt::internal

namespace xrt {

// A task (G). The handle users see is this record.
struct Task {
  Context ctx;  // saved registers while not running
  uint64_t id;
  // Task stack: usable [stack_lo, stack_hi); [guard_lo, stack_lo) faults on overflow.
  uintptr_t stack_lo, stack_hi, guard_lo, tib_lo;
  void* mapping;
  size_t mapping_size;
  void (*fn)(void*);
  void* arg;
  std::atomic<internal::TaskStatus> status;
  Task* next_runnable;  // run queue link
  Task* next_all;       // all-tasks list (for collections)
  Task* prev_all;
  internal::Thread* thread;  // the thread it runs on, while running or in C
  // Set while the task sits on the C frames of one thread (inside a callback): it may then
  // run on that thread only, which waits for it instead of scheduling other tasks.
  internal::Thread* locked_thread;
  uintptr_t saved_sp;    // where a collection starts walking this stack
  uintptr_t callout_sp;  // below the innermost call out: where a nested callback may start
  internal::CalloutRecord* callouts;  // innermost call out in progress
  internal::PanicFrame* frames;       // innermost protected call
  internal::Panic* panicking;
  internal::Lock join_lock;
  bool joinable, finished;
  Task* joiner;
  bool is_callback_task;  // a spare thread's own task: never queued, never ends
  uint64_t wait_value;    // a value handed over by a channel while the task waits
  Task* next_waiter;      // wait-queue link (join, wait group, channel)
  char* recovered_message;  // the last panic this task recovered
  void* tsan_fiber;         // ThreadSanitizer's view of this task (tsan builds only)
  // ThreadSanitizer: tsan_fiber's shadow call stack keeps entries of frames a panic discarded
  // without returning (panic.cc); a nested callback's fiber is then not reused (callback.cc).
  bool tsan_fiber_unbalanced;
};

}  // namespace xrt

namespace xrt::internal {

// A callback, as its task runs it on the task stack (callback.cc, panic.cc).
struct CallbackRequest {
  void* (*fn)(void*);
  void* arg;
  Thread* thread;  // the thread C called in on; the task is locked to it meanwhile
  uintptr_t top;   // where the callback's frames begin on the task stack
};

struct DeferRecord;

// A protected call's frame on its task (panic.cc): its deferred calls, and where a panic that
// one of them recovers goes on.
struct PanicFrame {
  // Resumed with 1 when a deferred call recovered a panic - except in a callback's own frame,
  // where it is the callback entry's context (its thread's system_ctx meanwhile: callback.cc).
  Context ctx;
  PanicFrame* outer;
  DeferRecord* defers;
  CalloutRecord* callouts;  // the task's innermost call out when the frame began
  // Set in a callback's own frame, which its entry keeps on the C stack: a recovered panic
  // returns from the callback itself, through ctx, the context the entry saved when it
  // called onto the task stack.
  CallbackRequest* callback;
};

// A thread (M): an OS thread with its own system stack, where C runs.
struct Thread {
  uint64_t id;
  uint64_t os_id;
  Processor* p;         // held while running tasks or runtime code
  Processor* old_p;     // lent out while this thread is in C; the first to try to take it back
  ProcWord old_p_word;  // ... and the state word it was lent with
  Processor* next_p;    // handed over by another thread before waking this one
  Task* current;        // the task running here, or in C here
  bool in_c;            // current is in a call out (C code owns the CPU)
  bool runtime_created; // exact system-stack bounds, never changed by callbacks
  bool spare;           // a spare record bound to a C-created thread (Go: extra M)
  bool spinning;        // looking for work after being woken
  int32_t ncgo;            // call outs in progress on this thread
  int32_t callback_depth;  // callbacks in progress on this thread
  SystemStackBounds bounds;
  Context sched_ctx;     // the scheduler loop (runtime-created threads)
  // The suspended system-stack code of the current task: the scheduler loop, which the task
  // switches to when it stops, or the innermost callback's entry, suspended in the call that
  // runs the callback on the task stack (its return, for a recovered panic). C called by the
  // task runs below its sp, and so does a callback's task waiting for a processor.
  Context* system_ctx;
  // sp of the suspended system-side code, valid whenever the thread runs a task or is inside
  // a callback: the frames above it are frozen, so a collection may walk [system_sp, hi).
  uintptr_t system_sp;
  // Odd while callback_depth, system_sp or bounds are being changed together: a collection
  // reads the three as one consistent snapshot (a sequence lock; see collect.cc).
  std::atomic<uint32_t> stack_seq;
  StopReason stop_reason;
  Lock* park_lock;
  Note wake;             // parked: idle, or waiting for its locked task to get a processor
  Thread* next_idle;
  Thread* next_all;
  Task* callback_task;   // spare threads: the task callbacks run on
  SyscallRecord syscall;  // the system-call record (semantics §5)
  Thread* next_spare;    // spare-record pool link
  void* tsan_system_fiber;   // ThreadSanitizer: the fiber of the scheduler loop (a callback's
                             // entry keeps its own in a local)
#if defined(XRT_TSAN)
  // Fibers of nested callbacks that ended here with an empty shadow call stack, for the next
  // nested callbacks on this thread (sanitizer_fiber.h).
  void** tsan_spare_fibers;
  uint32_t tsan_spare_fiber_count, tsan_spare_fiber_capacity;
#endif
};

struct Processor {
  int id;
  // Changed by its owner (a thread holding it, or sched.lock for an idle one) with
  // set_proc_status and lend_processor; while lent, only from the exact lent word: by the
  // lender (take_back_lent_processor) or another thread (take_lent_processor).
  std::atomic<ProcWord> state;
  // The lend count of the last call out whose thread came back for p (with the process
  // barrier: take_back_lent_processor).
  std::atomic<uint32_t> back;
  Lock runq_lock;
  Task* runq_head;
  Task* runq_tail;
  std::atomic<int> runq_size;
  Processor* next_idle;
  // Monitor bookkeeping: the lent state word last seen, and when.
  ProcWord seen_word;
  uint64_t seen_ns;
};

struct Scheduler {
  Lock lock;  // global run queue, idle processors, idle threads
  Task* global_head = nullptr;
  Task* global_tail = nullptr;
  std::atomic<int> global_size{0};
  Processor* idle_procs = nullptr;
  std::atomic<int> idle_proc_count{0};
  Thread* idle_threads = nullptr;
  std::atomic<int> spinning{0};
  Processor* procs = nullptr;
  int maxprocs = 1;
  std::atomic<uint32_t> stop_the_world{0};
  Lock all_lock;  // all_tasks, all_threads
  Task* all_tasks = nullptr;
  Thread* all_threads = nullptr;
  std::atomic<uint64_t> next_task_id{1};
  std::atomic<uint64_t> next_thread_id{1};
  size_t task_stack_size = 256 * 1024;
  // Call outs take their processor back without an atomic read-modify-write: takers pay a
  // process-wide barrier instead (take_back_lent_processor). Set at start-up where the OS
  // has one and XRT_PROCESS_BARRIER is not 0.
  bool process_barrier = false;
};

extern Scheduler sched;

// Counters for tests and benchmarks (relaxed; read with counters()).
struct Counters {
  std::atomic<uint64_t> retakes{0};           // processors the monitor took from threads in C
  std::atomic<uint64_t> queued_after_c{0};    // call outs that found no processor on return
  std::atomic<uint64_t> os_stack_queries{0};  // asks of the OS for system-stack bounds
  std::atomic<uint64_t> spare_binds{0};       // spare thread records bound to C threads
  std::atomic<uint64_t> spare_releases{0};    // ... and released when those threads exited
  std::atomic<uint64_t> threads_started{0};
  std::atomic<uint64_t> collections{0};
};
extern Counters counters;

// sp of a saved context.
inline uintptr_t context_sp(const Context& ctx) {
#if defined(XRT_ABI_AARCH64)
  return ctx.sp;
#else
  return ctx.rsp;
#endif
}

// The caller's sp.
__attribute__((always_inline)) inline uintptr_t current_sp() {
  uintptr_t sp;
#if defined(__x86_64__)
  __asm__ volatile("mov %%rsp, %0" : "=r"(sp));
#else
  __asm__ volatile("mov %0, sp" : "=r"(sp));
#endif
  return sp;
}

// Where a collection starts walking task's stack. Atomic (plain moves outside TSan): a
// collection that took the processor of a task in C, or coming back from it, may be reading
// saved_sp as the task stores it (collect.cc).
inline void publish_saved_sp(Task* task, uintptr_t sp) {
  std::atomic_ref<uintptr_t>(task->saved_sp).store(sp, std::memory_order_relaxed);
}

// Brackets a change of the fields a collection reads (Thread::stack_seq). Only the thread
// itself writes its stack_seq, so begin returns the odd value it stored and end stores the
// next one without reading the word again.
inline uint32_t begin_stack_update(Thread* thread) {
#if defined(XRT_TSAN)  // TSan does not model fences
  return thread->stack_seq.fetch_add(1, std::memory_order_acq_rel) + 1;
#else
  const uint32_t seq = thread->stack_seq.load(std::memory_order_relaxed) + 1;
  thread->stack_seq.store(seq, std::memory_order_relaxed);
  std::atomic_thread_fence(std::memory_order_release);
  return seq;
#endif
}
inline void end_stack_update(Thread* thread, uint32_t seq) {
  thread->stack_seq.store(seq + 1, std::memory_order_release);
}

// On callback entry at sp: sets the thread's bounds per §2, saving the ones in force into
// *saved first if it changes them. Runtime threads keep their exact bounds, and accurate
// bounds containing sp are kept (the cached case, no OS query): then nothing is saved, as
// nothing needs restoring. Anything else is derived out of line.
inline void enter_callback_bounds(Thread* thread, uintptr_t sp,
                                  std::optional<SystemStackBounds>* saved) {
  if (thread->runtime_created) return;
  const SystemStackBounds& b = thread->bounds;
  if (b.accurate && sp > b.lo && sp <= b.hi) return;
  *saved = b;
  derive_callback_bounds(thread, sp);
}

// On callback return: restores the bounds enter_callback_bounds replaced (an outer callback
// finds its own again; nested callbacks and panics inside this one have put back whatever
// they changed), except that accurate bounds found for an outermost callback on a C thread
// are kept.
inline void leave_callback_bounds(Thread* thread, const std::optional<SystemStackBounds>& saved) {
  if (!saved.has_value()) return;
  if (thread->callback_depth == 0 && !saved->accurate && thread->bounds.accurate) return;
  thread->bounds = *saved;
}

// Runtime code on the system stack checks it has room there: "fatal: morestack on g0"
// (semantics §3) if sp is outside the thread's bounds or too close to their low end.
inline void check_system_stack(Thread* thread) {
  uintptr_t sp = current_sp();
  const SystemStackBounds& b = thread->bounds;
  if (b.hi != 0 && (sp < b.lo + kSystemStackGuard || sp > b.hi)) die("fatal: morestack on g0");
}

// --- processor hand-offs ---

inline ProcStatus proc_status(const Processor* p) {
  return status_of(p->state.load(std::memory_order_acquire));
}
// By the processor's owner only (see Processor::state).
inline void set_proc_status(Processor* p, ProcStatus status,
                            std::memory_order order = std::memory_order_release) {
  p->state.store(proc_word(status, lends_of(p->state.load(std::memory_order_relaxed))), order);
}
// The owner lends p out as its thread goes into C (kInC, kInSyscall, kInCAfterCallback);
// returns the word to take it back with.
inline ProcWord lend_processor(Processor* p, ProcStatus how) {
  ProcWord word = proc_word(how, lends_of(p->state.load(std::memory_order_relaxed)) + 1);
  p->state.store(word, std::memory_order_release);
  return word;
}
// Another thread (the monitor, a callback, a collection, a call out coming back) takes p if
// it is still lent out exactly as `lent` says. One CAS - except for a call out's lending
// (kInC) with the process barrier, whose lender takes it back without one: then p is first
// marked kClaiming, and claim_lent_processor decides (out of line: a system call).
bool claim_lent_processor(Processor* p, ProcWord lent, ProcStatus to);
inline bool take_lent_processor(Processor* p, ProcWord lent,
                                ProcStatus to = ProcStatus::kRunning) {
  if (sched.process_barrier && status_of(lent) == ProcStatus::kInC) {
    return claim_lent_processor(p, lent, to);
  }
  return p->state.compare_exchange_strong(lent, proc_word(to, lends_of(lent)),
                                          std::memory_order_acq_rel);
}
// Another thread takes p over for running tasks, unless a collection is stopping the world.
inline bool take_over_lent_processor(Processor* p, ProcWord lent) {
  return sched.stop_the_world.load(std::memory_order_relaxed) == 0 &&
         take_lent_processor(p, lent);
}
// The thread that lent p takes it back as it leaves C, if nobody took it meanwhile.
//
// A call out's lending (kInC), with the process barrier: no atomic read-modify-write, which
// is most of what a call out costs beyond the call. The lender notes it is back (`back`),
// then looks at the state word; a taker marks the word kClaiming, runs a process-wide
// barrier, then looks at `back`. The barrier orders the lender's note before its look, or
// makes that look see kClaiming: at least one of the two sees the other (Dekker's algorithm
// with the fence paid by the rare side only). A lender that finds p being claimed waits for
// the taker's verdict, which follows its `back`.
//
// Otherwise (system calls, C threads after their callback, or no barrier): one CAS. Those
// lendings are the ones other threads take often - a blocking system call's processor, one
// that C threads pass around - and a claim costs a barrier of microseconds, long enough for
// a short call to come back meanwhile and make the claim fail.
inline bool take_back_lent_processor(Processor* p, ProcWord lent) {
  const ProcWord mine = proc_word(ProcStatus::kRunning, lends_of(lent));
  if (!sched.process_barrier || status_of(lent) != ProcStatus::kInC) {
    return p->state.compare_exchange_strong(lent, mine, std::memory_order_acq_rel);
  }
  p->back.store(lends_of(lent), std::memory_order_relaxed);
  std::atomic_signal_fence(std::memory_order_seq_cst);  // the compiler keeps the order; the
                                                        // taker's barrier makes the CPU do so
  const ProcWord claimed = proc_word(ProcStatus::kClaiming, lends_of(lent));
  for (;;) {
    const ProcWord now = p->state.load(std::memory_order_acquire);
    if (now == lent) {
      p->state.store(mine, std::memory_order_relaxed);
      return true;
    }
    if (now != claimed) return false;
    os_yield();  // a taker is inside its barrier: microseconds
  }
}
// The lender takes p back, unless anyone took it meanwhile or a collection is stopping the
// world.
inline bool reclaim_lent_processor(Processor* p, ProcWord lent) {
  return sched.stop_the_world.load(std::memory_order_relaxed) == 0 &&
         take_back_lent_processor(p, lent);
}
// A call out coming back takes its old processor back, or, if the monitor took it and
// another thread in C has lent it out since, takes it from that thread, whose own return then
// takes the slow path (Go's exitsyscallfast does the same). Under contention that keeps the
// returning task running where its cache is warm instead of queueing it: syscall_bench runs
// at 1.4 us per call instead of 2.7 us with an exact-lending-only take-back. Callbacks do not
// do this: they take back only their own lending (callback.cc).
inline bool reclaim_processor_after_call_out(Processor* p, ProcWord mine) {
  if (reclaim_lent_processor(p, mine)) return true;
  ProcWord word = p->state.load(std::memory_order_relaxed);
  return is_lent(word) && take_over_lent_processor(p, word);
}

// Tasks queued on p or on the global queue.
inline bool has_queued_work(Processor* p) {
  return (p != nullptr && p->runq_size.load(std::memory_order_acquire) > 0) ||
         sched.global_size.load(std::memory_order_acquire) > 0;
}

// The task running runtime code on the calling thread, or nullptr (plain C thread, or a
// task that is in C).
inline Task* running_task() {
  Thread* thread = current_thread();
  return (thread != nullptr && thread->current != nullptr && !thread->in_c) ? thread->current
                                                                           : nullptr;
}

// --- scheduler.cc ---
void runtime_init();                   // once; from the static constructor
Task* new_task(void (*fn)(void*), void* arg, bool joinable);
void free_task(Task* task);
void ready(Task* task);                // runnable again: queue it
void park(Lock* lock);                 // current task waits; lock released after the switch
void stop_running(StopReason reason);  // current task leaves the CPU to its thread's system
                                       // side (inline: stop_running_on, stop_running.h)
void global_put(Task* task);
void wakep();                          // start a thread if work and an idle processor exist
void release_processor(Processor* p);  // give up p: idle, to a thread with work, or to a collection
Processor* take_idle_processor();
void acquire_processor(Thread* thread, Processor* p);
void wait_for_locked_task(Thread* thread);  // sleep until handed a processor for current
void finish_task(Task* task);
void stop_for_collection(Thread* thread);   // at a safe point while a collection waits
void register_thread(Thread* thread);

// Where C called from runtime code on this thread runs: below its suspended system side, clear
// of the words the call that suspended it keeps there (context.h, xrt_call_on_stack_resumable).
inline void* c_stack_top(const Thread* thread) {
  return reinterpret_cast<void*>(context_sp(*thread->system_ctx) - 64);
}

// The thread's system-call record back as it was in the call out `outer` describes: the call
// in progress then, or none (callback.cc on return, panic.cc when a panic discards C frames).
inline void restore_syscall_record(Thread* thread, const CalloutState& outer) {
  if (outer.syscall.has_value()) {
    thread->syscall = *outer.syscall;
  } else {
    thread->syscall.fn = 0;
  }
}

// --- callout.cc ---
// xrt::ccall's body, the processor lent as `how` (kInC, or kInSyscall for syscall_n).
void* call_out(void* (*fn)(void*), void* arg, ProcStatus how);

// --- monitor.cc ---
void start_monitor();

// --- callback.cc / spare_threads.cc ---
Thread* bind_spare_thread();
// Inside a callback: the current task waits for what `reason` says on the system stack, below
// the callback's entry, and returns once it may run again (stop_running.h).
void wait_in_callback(Thread* thread, StopReason reason);

// --- panic.cc ---
void run_task_body(Task* task);  // fn(arg) inside the task's outermost frame
// Called on the task stack: the deferred calls left in a callback's own frame.
void* run_callback_defers(void* frame);
void restore_callout_state(Task* task, CalloutRecord* record);

// --- syscall.cc ---
extern std::atomic<bool> syscall_lock;  // XRT_SYSCALL_LOCK=1: lock tasks for each call

// --- init ---
void wait_for_init();
extern std::atomic<uint32_t> init_done;

}  // namespace xrt::internal

#endif  // XRT_RUNTIME_RECORDS_H_
