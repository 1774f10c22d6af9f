// The system-call contention benchmark (issue 4): 64 tasks on XRT_MAXPROCS processors (2 in
// BUILD) each make calls of about 1 µs of work, one in 50 blocking for 100 µs, through
// xrt::syscall_n - first without, then with the per-call thread lock (XRT_SYSCALL_LOCK
// behaviour) in the same run. Prints ns per call for both and the throughput ratio, and, to
// read them by, how many processors the monitor retook from blocked calls, how many calls
// came back to find none and, on Linux, how many times the process's threads left their CPU
// (context switches, voluntary or not; totals over each mode's runs).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <vector>

#if !defined(_WIN32)
#include <sys/resource.h>
#endif

#include "runtime/platform.h"
#include "runtime/records.h"
#include "xrt/xrt.h"

namespace {

using Clock = std::chrono::steady_clock;
using U = uintptr_t;

constexpr U kBlockingEvery = 50;  // one call in 50 blocks

U work(U a, U b) {
  if (a % kBlockingEvery == 0) {
    xrt::internal::sleep_ns(100 * 1000);  // blocking: the monitor retakes the processor
    return a + b;
  }
  auto end = Clock::now() + std::chrono::microseconds(1);
  U x = a;
  while (Clock::now() < end) x = x * 6364136223846793005u + b;
  return a + b + (x & 0);
}

constexpr int kTasks = 64;
constexpr int kCalls = 400;

struct Run {
  double ns_per_call;
  uint64_t retakes, queued_after_c, context_switches;
};

// The process's context switches so far, voluntary or not, where the OS counts them for a
// process (not Windows).
#if defined(_WIN32)
constexpr bool kCountsContextSwitches = false;
uint64_t context_switches() { return 0; }
#else
constexpr bool kCountsContextSwitches = true;
uint64_t context_switches() {
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<uint64_t>(usage.ru_nvcsw + usage.ru_nivcsw);
}
#endif

Run run(bool lock) {
  xrt::internal::syscall_lock.store(lock);
  const auto& counters = xrt::internal::counters;
  const uint64_t retakes = counters.retakes.load(), queued = counters.queued_after_c.load();
  const uint64_t switches = context_switches();
  std::vector<xrt::Task*> tasks;
  std::vector<U> seeds(kTasks);
  auto start = Clock::now();
  for (int i = 0; i < kTasks; ++i) {
    seeds[i] = static_cast<U>(i);
    tasks.push_back(xrt::spawn(
        [](void* p) {
          U seed = *static_cast<U*>(p);
          for (int k = 0; k < kCalls; ++k) {
            U args[2] = {seed * 1000 + static_cast<U>(k), 1};
            xrt::SyscallResult r = xrt::syscall_n(reinterpret_cast<U>(&work), args, 2);
            if (r.r1 != args[0] + 1) xrt::panic("syscall_bench: wrong result");
          }
        },
        &seeds[i]));
  }
  for (xrt::Task* t : tasks) xrt::join(t);
  return Run{std::chrono::duration<double, std::nano>(Clock::now() - start).count() /
                 (kTasks * kCalls),
             counters.retakes.load() - retakes, counters.queued_after_c.load() - queued,
             context_switches() - switches};
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main() {
  printf("syscall_bench: maxprocs=%d tasks=%d calls_per_task=%d\n", xrt::maxprocs(), kTasks,
         kCalls);
  std::vector<double> free_runs, locked_runs;
  Run free_total{}, locked_total{};
  for (int i = 0; i < 5; ++i) {  // interleaved, so both see the same machine
    for (bool lock : {false, true}) {
      Run r = run(lock);
      (lock ? locked_runs : free_runs).push_back(r.ns_per_call);
      Run& total = lock ? locked_total : free_total;
      total.retakes += r.retakes;
      total.queued_after_c += r.queued_after_c;
      total.context_switches += r.context_switches;
    }
  }
  double free_ns = median(free_runs), locked_ns = median(locked_runs);
  printf("XCALL_METRIC name=syscall_contention_unlocked ns_per_call=%.1f\n", free_ns);
  printf("XCALL_METRIC name=syscall_contention_locked ns_per_call=%.1f\n", locked_ns);
  printf("XCALL_METRIC name=syscall_contention_throughput_ratio ratio=%.3f\n",
         locked_ns / free_ns);
  // A task's k-th call passes seed * 1000 + k, and 1000 is a multiple of kBlockingEvery: the
  // call blocks when k is a multiple of kBlockingEvery.
  const U blocking_per_task = (kCalls + kBlockingEvery - 1) / kBlockingEvery;
  printf("XCALL_METRIC name=syscall_contention_blocking_calls_per_mode count=%llu\n",
         static_cast<unsigned long long>(5 * kTasks * blocking_per_task));
  for (const auto& [mode, total] : {std::pair{"unlocked", free_total}, {"locked", locked_total}}) {
    printf("XCALL_METRIC name=syscall_contention_%s_retakes count=%llu queued_after_c=%llu\n",
           mode, static_cast<unsigned long long>(total.retakes),
           static_cast<unsigned long long>(total.queued_after_c));
    if (kCountsContextSwitches) {
      printf("XCALL_METRIC name=syscall_contention_%s_context_switches count=%llu\n", mode,
             static_cast<unsigned long long>(total.context_switches));
    }
  }
  return 0;
}
