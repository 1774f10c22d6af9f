// Start-up without an init call (semantics §6, archive mode): a static constructor starts the
// runtime when the program or the archive's object is loaded. A callback that arrives before
// start-up finished (a C constructor that runs first, a thread C starts early) waits on
// init_done. Settings come from the environment and are checked: a bad value is a clear
// message and exit 2, never a silent default.
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "runtime/records.h"
#include "xrt/xrt.h"

namespace xrt::internal {

std::atomic<uint32_t> init_done{0};

namespace {

std::atomic<uint32_t> init_started{0};

long env_number(const char* name, long fallback, long min, long max) {
  const char* text = getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  char* end = nullptr;
  errno = 0;
  long value = strtol(text, &end, 10);
  if (errno != 0 || *end != '\0' || value < min || value > max) {
    dief("xrt: %s must be an integer from %ld to %ld, got \"%s\"", name, min, max, text);
  }
  return value;
}

}  // namespace

}  // namespace xrt::internal

// A seam for archive_init_test: called once in the middle of start-up, after it began and
// before init_done, so a test can deliver a callback while start-up is in progress. This empty
// weak definition is the one every other program gets.
extern "C" __attribute__((weak)) void xrt_test_during_init(void) {}

namespace xrt::internal {

void runtime_init() {
  uint32_t expected = 0;
  if (!init_started.compare_exchange_strong(expected, 1)) {
    wait_for_init();
    return;
  }
  platform_init();
  sched.maxprocs = static_cast<int>(env_number("XRT_MAXPROCS", cpu_count(), 1, 256));
  sched.task_stack_size =
      static_cast<size_t>(env_number("XRT_TASKSTACK_KB", 256, 16, 1024 * 1024)) * 1024;
  system_stack_query();  // validates XRT_STACKBOUNDS now rather than at the first callback
  // XRT_PROCESS_BARRIER=0: call outs take their processor back with a CAS, as on Windows (for
  // comparing the two, and testing the CAS path where the OS has the barrier).
  sched.process_barrier =
      env_number("XRT_PROCESS_BARRIER", 1, 0, 1) == 1 && enable_process_barrier();
  sched.procs = new Processor[sched.maxprocs]();
  for (int i = sched.maxprocs - 1; i >= 0; --i) {
    Processor* p = &sched.procs[i];
    p->id = i;
    set_proc_status(p, ProcStatus::kIdle, std::memory_order_relaxed);
    p->next_idle = sched.idle_procs;
    sched.idle_procs = p;
    sched.idle_proc_count.fetch_add(1, std::memory_order_relaxed);
  }
  install_stack_overflow_handler();
  start_monitor();
  xrt_test_during_init();
  init_done.store(1, std::memory_order_release);
  futex_wake_all(&init_done);
}

void wait_for_init() {
  if (init_done.load(std::memory_order_acquire) != 0) return;
  if (init_started.load(std::memory_order_acquire) == 0) {
    runtime_init();  // called before our constructor ran (another constructor): start now
    return;
  }
  while (init_done.load(std::memory_order_acquire) == 0) futex_wait(&init_done, 0);
}

namespace {
// Runs at load time, before main, in every program linking the runtime.
__attribute__((constructor(101))) void start_at_load() { runtime_init(); }
}  // namespace

}  // namespace xrt::internal

extern "C" void xrt_wait_init(void) { xrt::internal::wait_for_init(); }
