// Boundary benchmarks: prints one "XCALL_METRIC name=<bench> ns_per_call=<median>" line per
// benchmark (median of 7 runs; the nesting ratio is the median of 7 pairs' ratios), plus the
// count of OS stack-bounds queries made during 100,000 steady-state callbacks (expected 0). A
// plain indirect C call is measured first as the floor, and a plain C call chain as the
// nesting ratio's: what the CPU alone charges for returning through 64 levels.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "runtime/records.h"
#include "xrt/xrt.h"

namespace {

using Clock = std::chrono::steady_clock;

__attribute__((noinline)) void* c_identity(void* x) {
  __asm__ volatile("" : : "r"(x) : "memory");
  return x;
}
void* (*volatile c_fn)(void*) = c_identity;

double ns_since(Clock::time_point start, uint64_t n) {
  return std::chrono::duration<double, std::nano>(Clock::now() - start).count() /
         static_cast<double>(n);
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

template <typename F>
double median_of_runs(F&& run_once) {
  std::vector<double> v;
  for (int i = 0; i < 7; ++i) v.push_back(run_once());
  return median(std::move(v));
}

void report(const char* name, double ns) {
  printf("XCALL_METRIC name=%s ns_per_call=%.2f\n", name, ns);
  fflush(stdout);
}

constexpr uint64_t kCalls = 1000000;

double plain_c_call() {
  auto start = Clock::now();
  for (uint64_t i = 0; i < kCalls; ++i) c_fn(reinterpret_cast<void*>(i));
  return ns_since(start, kCalls);
}

double callbacks_here() {
  auto start = Clock::now();
  for (uint64_t i = 0; i < kCalls; ++i) xrt::callback(c_fn, reinterpret_cast<void*>(i));
  return ns_since(start, kCalls);
}

double callbacks_on_c_thread() {
  double ns = 0;
  std::thread t([&ns] {
    xrt::callback(c_fn, nullptr);  // first call binds the spare record
    ns = callbacks_here();
  });
  t.join();
  return ns;
}

double first_callback_on_new_thread() {
  std::vector<double> v;
  for (int i = 0; i < 20; ++i) {
    std::thread t([&v] {
      auto start = Clock::now();
      xrt::callback(c_fn, nullptr);
      v.push_back(ns_since(start, 1));
    });
    t.join();
  }
  return median(std::move(v));
}

double call_out_and_back() {
  double ns = 0;
  xrt::Task* t = xrt::spawn(
      [](void* p) {
        xrt::ccall(c_fn, nullptr);
        auto start = Clock::now();
        for (uint64_t i = 0; i < kCalls; ++i) xrt::ccall(c_fn, reinterpret_cast<void*>(i));
        *static_cast<double*>(p) = ns_since(start, kCalls);
      },
      &ns);
  xrt::join(t);
  return ns;
}

// One level = a call out to C that calls back into the runtime.
struct Chain {
  int depth;
  int level;
};
void* chain_runtime(void* p);
void* chain_c(void* p) { return xrt::callback(chain_runtime, p); }
void* chain_runtime(void* p) {
  Chain* c = static_cast<Chain*>(p);
  if (++c->level < c->depth) xrt::ccall(chain_c, p);
  return nullptr;
}

// How many chains of `depth` levels a nesting measurement runs: 200,000 levels in all.
uint64_t nesting_reps(int depth) { return 200000 / static_cast<uint64_t>(depth); }

// The nesting ratio's floor: the same depths in plain C, a level pushing the 4 return
// addresses that a runtime level pushes on x86_64 (the task's call of ccall, call_out's of C,
// the callback entry's of xrt_call_on_stack_resumable, and that one's of the task's fn). Past
// the CPU's return stack a return may be mispredicted, whatever code the frames belong to.
uint64_t plain_level_a(int depth);
uint64_t (*volatile plain_next_level)(int) = plain_level_a;
__attribute__((noinline)) uint64_t plain_level_d(int depth) {
  return depth > 1 ? plain_next_level(depth - 1) + 1 : 1;
}
__attribute__((noinline)) uint64_t plain_level_c(int depth) { return plain_level_d(depth) + 1; }
__attribute__((noinline)) uint64_t plain_level_b(int depth) { return plain_level_c(depth) + 1; }
__attribute__((noinline)) uint64_t plain_level_a(int depth) { return plain_level_b(depth) + 1; }

double plain_c_nesting_per_level(int depth) {
  const uint64_t reps = nesting_reps(depth);
  uint64_t sum = 0;
  auto start = Clock::now();
  for (uint64_t i = 0; i < reps; ++i) sum += plain_next_level(depth);
  const double ns = ns_since(start, reps * static_cast<uint64_t>(depth));
  if (sum != reps * 4 * static_cast<uint64_t>(depth)) {
    fprintf(stderr, "callback_bench: the plain C chain returned %llu\n",
            static_cast<unsigned long long>(sum));
    exit(1);
  }
  return ns;
}

// Prints <name>_depth1_per_level, <name>_depth64_per_level and <name>_depth64_vs_depth1. Depth
// 1 and depth 64 alternate, and the ratio is the median of each pair's: a host's speed can
// change by up to 1.8x from one second to the next (the November 2026 host's did), and two
// medians taken one after the other could each catch a different state.
void report_nesting(const char* name, double (*per_level)(int depth)) {
  std::vector<double> d1, d64, ratios;
  for (int i = 0; i < 7; ++i) {
    d1.push_back(per_level(1));
    d64.push_back(per_level(64));
    ratios.push_back(d64.back() / d1.back());
  }
  report((std::string(name) + "_depth1_per_level").c_str(), median(d1));
  report((std::string(name) + "_depth64_per_level").c_str(), median(d64));
  printf("XCALL_METRIC name=%s_depth64_vs_depth1 ratio=%.3f\n", name, median(ratios));
  fflush(stdout);
}

double nesting_per_level(int depth) {
  struct Arg {
    int depth;
    double ns;
  } arg{depth, 0};
  xrt::Task* t = xrt::spawn(
      [](void* p) {
        Arg* a = static_cast<Arg*>(p);
        const uint64_t reps = nesting_reps(a->depth);
        auto start = Clock::now();
        for (uint64_t i = 0; i < reps; ++i) {
          Chain c{a->depth, 0};
          xrt::ccall(chain_c, &c);
        }
        a->ns = ns_since(start, reps * static_cast<uint64_t>(a->depth));
      },
      &arg);
  xrt::join(t);
  return arg.ns;
}

}  // namespace

int main() {
  xrt::callback(c_fn, nullptr);  // bind the main thread's spare record before timing
  report("plain_indirect_c_call", median_of_runs(plain_c_call));
  report("callback_main_thread", median_of_runs(callbacks_here));
  report("callback_c_thread_steady", median_of_runs(callbacks_on_c_thread));
  report("callback_first_on_new_thread", first_callback_on_new_thread());
  report("call_out_and_back", median_of_runs(call_out_and_back));
  report_nesting("nesting", nesting_per_level);
  report_nesting("plain_c_nesting", plain_c_nesting_per_level);

  uint64_t before = xrt::internal::counters.os_stack_queries.load();
  for (int i = 0; i < 100000; ++i) xrt::callback(c_fn, nullptr);
  printf("XCALL_METRIC name=steady_state_os_stack_queries callbacks=100000 queries=%llu\n",
         static_cast<unsigned long long>(xrt::internal::counters.os_stack_queries.load() -
                                         before));
  return 0;
}
