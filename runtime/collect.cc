// Stop-the-world collection (semantics §3): xrt::gc() stops every processor, then walks every
// task stack and every thread's system stack from its saved sp up to its high bound. xrt has
// no heap to collect; the walk exists so that wrong bounds are found, not ignored: a saved sp
// outside its stack's bounds is fatal, as a real collector would crash on it.
//
// Stopping: the collector marks stop_the_world, then takes processors one by one - idle ones
// from the idle list, ones lent to threads in C from their exact lent word (kInC -> kStopped,
// take_lent_processor; the thread finds it gone when C returns) - and waits for running ones
// to reach a safe point (the scheduler loop, the end of a call out or of a callback), where
// their thread marks them kStopped and sleeps.
// Threads in C keep running C meanwhile; their system stack above the suspended system-side
// context (where C runs below) and their task's stack above callout_sp are frozen, so the
// walk may read them. Restarting puts every processor back in the idle list and wakes threads
// for queued work.
#include <atomic>

#include "runtime/records.h"
#include "xrt/xrt.h"

namespace xrt::internal {
namespace {

Lock collect_lock;  // one collection at a time

// Reads every word of [sp, hi); returns the bytes read. Other threads' stacks are read while
// those threads are stopped above sp; the sanitizers cannot know that.
__attribute__((no_sanitize("address", "thread"))) uint64_t walk(uintptr_t sp, uintptr_t hi) {
  uintptr_t sum = 0;
  for (uintptr_t a = sp & ~uintptr_t{7}; a + 8 <= hi; a += 8) {
    sum += *reinterpret_cast<volatile uintptr_t*>(a);
  }
  __asm__ volatile("" : : "r"(sum));
  return hi > sp ? hi - sp : 0;
}

struct StackSnapshot {
  int32_t callback_depth;
  uintptr_t system_sp;
  SystemStackBounds bounds;
};

// A consistent copy of what a thread in C may be changing right now (entering or leaving a
// callback): retried while its sequence number is odd or moves. The reads race with those
// writes by design; the sequence number tells a torn copy from a good one.
__attribute__((no_sanitize("thread"))) StackSnapshot snapshot(Thread* m) {
  for (;;) {
    uint32_t before = m->stack_seq.load(std::memory_order_acquire);
    if (before & 1) {
      sleep_ns(1000);
      continue;
    }
    StackSnapshot s;
    s.callback_depth = *static_cast<volatile int32_t*>(&m->callback_depth);
    s.system_sp = *static_cast<volatile uintptr_t*>(&m->system_sp);
    s.bounds.lo = *static_cast<volatile uintptr_t*>(&m->bounds.lo);
    s.bounds.hi = *static_cast<volatile uintptr_t*>(&m->bounds.hi);
    s.bounds.accurate = *static_cast<volatile bool*>(&m->bounds.accurate);
#if defined(XRT_TSAN)
    if (m->stack_seq.fetch_add(0, std::memory_order_acq_rel) == before) return s;
#else
    std::atomic_thread_fence(std::memory_order_acquire);
    if (m->stack_seq.load(std::memory_order_relaxed) == before) return s;
#endif
  }
}

void stop_the_world(Processor* mine) {
  sched.stop_the_world.store(1, std::memory_order_seq_cst);
  if (mine != nullptr) set_proc_status(mine, ProcStatus::kStopped, std::memory_order_relaxed);
  for (;;) {
    int stopped = 0;
    {
      LockGuard guard(sched.lock);
      while (sched.idle_procs != nullptr) {
        Processor* p = sched.idle_procs;
        sched.idle_procs = p->next_idle;
        sched.idle_proc_count.fetch_sub(1, std::memory_order_relaxed);
        set_proc_status(p, ProcStatus::kStopped, std::memory_order_relaxed);
      }
    }
    for (int i = 0; i < sched.maxprocs; ++i) {
      Processor* p = &sched.procs[i];
      ProcWord word = p->state.load(std::memory_order_acquire);
      if (is_lent(word)) take_lent_processor(p, word, ProcStatus::kStopped);
      if (proc_status(p) == ProcStatus::kStopped) ++stopped;
    }
    if (stopped == sched.maxprocs) return;
    sleep_ns(10000);
  }
}

void start_the_world(Processor* mine) {
  {
    LockGuard guard(sched.lock);
    sched.stop_the_world.store(0, std::memory_order_seq_cst);
    for (int i = 0; i < sched.maxprocs; ++i) {
      Processor* p = &sched.procs[i];
      if (p == mine) continue;
      set_proc_status(p, ProcStatus::kIdle, std::memory_order_relaxed);
      p->next_idle = sched.idle_procs;
      sched.idle_procs = p;
      sched.idle_proc_count.fetch_add(1, std::memory_order_relaxed);
    }
  }
  if (mine != nullptr) set_proc_status(mine, ProcStatus::kRunning);
  for (int i = 0; i < sched.maxprocs; ++i) wakep();
}

}  // namespace

CollectStats collect(Task* self) {
  CollectStats stats;
  Thread* me = current_thread();
  LockGuard one_at_a_time(collect_lock);
  stop_the_world(me->p);
  uintptr_t my_sp = current_sp();
  {
    LockGuard guard(sched.all_lock);
    for (Task* t = sched.all_tasks; t != nullptr; t = t->next_all) {
      TaskStatus status = t->status.load(std::memory_order_acquire);
      if (status == TaskStatus::kDead) continue;
      // A task in C may come back meanwhile and store a new saved_sp (scheduler.cc): either
      // value lies on its stack.
      uintptr_t sp = t == self ? my_sp
                               : std::atomic_ref<uintptr_t>(t->saved_sp).load(
                                     std::memory_order_relaxed);
      if (sp < t->stack_lo || sp > t->stack_hi) {
        dief("fatal: collection: task %llu has sp %#llx outside its stack [%#llx, %#llx]",
             static_cast<unsigned long long>(t->id), static_cast<unsigned long long>(sp),
             static_cast<unsigned long long>(t->stack_lo),
             static_cast<unsigned long long>(t->stack_hi));
      }
      stats.bytes += walk(sp, t->stack_hi);
      stats.task_stacks++;
    }
    for (Thread* m = sched.all_threads; m != nullptr; m = m->next_all) {
      StackSnapshot snap = snapshot(m);
      // Threads that never ran a task, and C threads not inside a callback, have no
      // runtime-owned part of the system stack.
      if (!m->runtime_created && snap.callback_depth == 0) continue;
      uintptr_t sp = snap.system_sp;
      if (sp == 0) continue;  // a new thread that has not run a task yet
      const SystemStackBounds& b = snap.bounds;
      if (sp < b.lo || sp > b.hi) {
        dief("fatal: collection: system stack of thread %llu: sp %#llx outside its bounds "
             "[%#llx, %#llx] (%s)",
             static_cast<unsigned long long>(m->id), static_cast<unsigned long long>(sp),
             static_cast<unsigned long long>(b.lo), static_cast<unsigned long long>(b.hi),
             b.accurate ? "accurate" : "estimated");
      }
      stats.bytes += walk(sp, b.hi);
      stats.system_stacks++;
    }
  }
  counters.collections.fetch_add(1, std::memory_order_relaxed);
  start_the_world(me->p);
  return stats;
}

}  // namespace xrt::internal

namespace xrt {

CollectStats gc() {
  internal::Task* self = internal::running_task();
  if (self == nullptr) {
    CollectStats stats;
    callback(
        [](void* s) -> void* {
          *static_cast<CollectStats*>(s) = gc();
          return nullptr;
        },
        &stats);
    return stats;
  }
  return internal::collect(self);
}

}  // namespace xrt

extern "C" void xrt_gc(void) { xrt::gc(); }
