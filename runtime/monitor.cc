// The monitor (Go's sysmon): a thread without a processor that watches threads in C. A
// processor lent out (kInC, kInSyscall, kInCAfterCallback) whose state word - status and
// lend count - has not changed for more than 20 µs belongs to a thread stuck in one long
// call: the monitor takes it from that exact word (take_lent_processor, racing the call's
// own way back) and releases it, which hands it to another thread if tasks are waiting. It
// polls every 20 µs while there is something to watch and backs off when nothing has been
// retaken for a while (to 1 ms while threads are in C, 10 ms otherwise), so an idle runtime
// costs almost nothing.
//
// A word seen for the first time is not left for the next poll to confirm: the monitor
// watches it, spinning, until it changes or has stood for 20 µs. A sleep asked for 20 µs
// lasts about 45 µs on an idle VM and 70-120 µs when every core is busy, so waiting for the
// next poll retook a 100 µs call only now and then - and never once the monitor had backed
// off to 1 ms, which left it backed off for good. The spin costs at most 20 µs per poll and
// ends as soon as the calls it watches return; a retake resets the poll to 20 µs.
#include "runtime/records.h"

namespace xrt::internal {
namespace {

constexpr uint64_t kRetakeAfterNs = 20 * 1000;
constexpr uint64_t kMinDelayNs = 20 * 1000;
constexpr uint64_t kMaxDelayNs = 10 * 1000 * 1000;
constexpr uint64_t kMaxWatchingDelayNs = 1000 * 1000;

bool retake(Processor* p, ProcWord word) {
  if (!take_lent_processor(p, word)) return false;
  counters.retakes.fetch_add(1, std::memory_order_relaxed);
  release_processor(p);
  return true;
}

struct Poll {
  bool watching = false;  // some processor is lent out
  bool retook = false;
  bool spin = false;      // some lent word was seen for the first time
};

// One look at every processor: retakes those lent with the same word since an earlier poll
// at least kRetakeAfterNs ago, notes the words seen for the first time.
Poll poll(uint64_t now) {
  Poll result;
  for (int i = 0; i < sched.maxprocs; ++i) {
    Processor* p = &sched.procs[i];
    ProcWord word = p->state.load(std::memory_order_acquire);
    if (!is_lent(word)) continue;
    result.watching = true;
    if (word != p->seen_word) {
      p->seen_word = word;
      p->seen_ns = now;
      result.spin = true;
      continue;
    }
    if (now - p->seen_ns >= kRetakeAfterNs && retake(p, word)) result.retook = true;
  }
  return result;
}

// Spins on the words poll() saw for the first time at `seen` (their seen_ns), until each has
// changed - its call returned, or its processor was taken - or stood for kRetakeAfterNs, when
// the monitor retakes it. Returns whether it retook any.
bool watch_new_lendings(uint64_t seen) {
  bool retook = false;
  for (bool pending = true; pending;) {
    cpu_relax();
    const bool due = now_ns() - seen >= kRetakeAfterNs;
    pending = false;
    for (int i = 0; i < sched.maxprocs; ++i) {
      Processor* p = &sched.procs[i];
      if (p->seen_ns != seen || p->state.load(std::memory_order_acquire) != p->seen_word) {
        continue;
      }
      if (!due) {
        pending = true;
      } else if (retake(p, p->seen_word)) {
        retook = true;
      }
    }
  }
  return retook;
}

void monitor_main(void*) {
  use_precise_sleeps();
  uint64_t delay = kMinDelayNs;
  int quiet = 0;
  for (;;) {
    sleep_ns(delay);
    const uint64_t now = now_ns();
    Poll seen = poll(now);
    bool retook = seen.retook;
    const bool watching = seen.watching;
    if (seen.spin && watch_new_lendings(now)) retook = true;
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
