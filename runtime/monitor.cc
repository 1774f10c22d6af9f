// The monitor (Go's sysmon): a thread without a processor that watches threads in C. A
// processor lent out (kInC, kInSyscall, kInCAfterCallback) whose state word - status and
// lend count - has not changed for more than 20 µs belongs to a thread stuck in one long
// call: the monitor takes it from that exact word (take_lent_processor, racing the call's
// own way back) and releases it, which hands it to another thread if tasks are waiting. It
// polls every 20 µs while there is something to watch and backs off when nothing has been
// retaken for a while (to 1 ms while threads are in C, 10 ms otherwise), so an idle runtime
// costs almost nothing.
#include "runtime/records.h"

namespace xrt::internal {
namespace {

constexpr uint64_t kRetakeAfterNs = 20 * 1000;
constexpr uint64_t kMinDelayNs = 20 * 1000;
constexpr uint64_t kMaxDelayNs = 10 * 1000 * 1000;
constexpr uint64_t kMaxWatchingDelayNs = 1000 * 1000;

void monitor_main(void*) {
  use_precise_sleeps();
  uint64_t delay = kMinDelayNs;
  int quiet = 0;
  for (;;) {
    sleep_ns(delay);
    uint64_t now = now_ns();
    bool retook = false;
    bool watching = false;
    for (int i = 0; i < sched.maxprocs; ++i) {
      Processor* p = &sched.procs[i];
      ProcWord word = p->state.load(std::memory_order_acquire);
      if (!is_lent(word)) continue;
      watching = true;
      if (word != p->seen_word) {
        p->seen_word = word;
        p->seen_ns = now;
        continue;
      }
      if (now - p->seen_ns < kRetakeAfterNs) continue;
      if (take_lent_processor(p, word)) {
        counters.retakes.fetch_add(1, std::memory_order_relaxed);
        release_processor(p);
        retook = true;
      }
    }
    if (retook) {
      delay = kMinDelayNs;
      quiet = 0;
    } else if (++quiet > 50) {
      // Back off, but while threads are in C never beyond 1 ms.
      uint64_t cap = watching ? kMaxWatchingDelayNs : kMaxDelayNs;
      delay = delay * 2 > cap ? cap : delay * 2;
    }
  }
}

}  // namespace

void start_monitor() { start_os_thread(monitor_main, nullptr, 256 * 1024); }

}  // namespace xrt::internal
