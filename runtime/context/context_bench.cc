// Benchmarks of the context primitives, with a plain indirect C call as the floor, measured
// side by side in one run. Prints one line per benchmark, the median of several runs:
//   XCALL_METRIC name=<bench> ns_per_call=<float>
// Usage: context_bench [--iterations=N] [--runs=N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include "runtime/context/context.h"

namespace {

constexpr size_t kStackSize = 256 * 1024;

__attribute__((noinline)) void* identity(void* arg) {
  __asm__ volatile("");
  return arg;
}
void* (*volatile indirect_target)(void*) = identity;

struct Options {
  long iterations = 2000000;
  int runs = 5;
};

bool parse_long(const char* text, long min, long* out) {
  char* end = nullptr;
  long value = strtol(text, &end, 10);
  if (end == text || *end != '\0' || value < min) return false;
  *out = value;
  return true;
}

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; i++) {
    long value = 0;
    if (strncmp(argv[i], "--iterations=", 13) == 0 && parse_long(argv[i] + 13, 1, &value)) {
      options.iterations = value;
    } else if (strncmp(argv[i], "--runs=", 7) == 0 && parse_long(argv[i] + 7, 1, &value)) {
      options.runs = static_cast<int>(value);
    } else {
      fprintf(stderr, "context_bench: bad argument '%s'\nusage: context_bench "
                      "[--iterations=N] [--runs=N] (N a positive integer)\n", argv[i]);
      exit(2);
    }
  }
  return options;
}

template <typename Body>
double median_ns_per_call(const Options& options, long calls_per_iteration, Body body) {
  std::vector<double> samples;
  for (int run = 0; run < options.runs; run++) {
    auto start = std::chrono::steady_clock::now();
    body(options.iterations);
    auto elapsed = std::chrono::steady_clock::now() - start;
    samples.push_back(std::chrono::duration<double, std::nano>(elapsed).count() /
                      (double(options.iterations) * calls_per_iteration));
  }
  std::sort(samples.begin(), samples.end());
  return samples[samples.size() / 2];
}

void report(const char* name, double ns) {
  printf("XCALL_METRIC name=%s ns_per_call=%.2f\n", name, ns);
}

struct SwitchPair {
  xrt::Context main, task;
};

void bounce_back(void* arg) {
  auto* pair = static_cast<SwitchPair*>(arg);
  for (;;) xrt_context_switch(&pair->task, &pair->main);
}

// A separate frame, so that no loop state lives across the second return of the save.
__attribute__((noinline)) void save_then_resume(xrt::Context* ctx) {
  if (xrt_context_save(ctx) == 0) xrt_context_resume(ctx, 1);
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse(argc, argv);
  // One stack per task, one for xrt_call_on_stack: the task's frames must survive.
  std::unique_ptr<unsigned char[]> task_stack(new unsigned char[kStackSize]);
  std::unique_ptr<unsigned char[]> call_stack(new unsigned char[kStackSize]);

  report("indirect_c_call", median_ns_per_call(options, 1, [](long n) {
           void* p = nullptr;
           for (long i = 0; i < n; i++) p = indirect_target(p);
         }));

  // Two switches per iteration: there and back.
  SwitchPair pair;
  xrt::context_make(&pair.task, task_stack.get(), task_stack.get() + kStackSize, bounce_back,
                    &pair);
  report("context_switch", median_ns_per_call(options, 2, [&](long n) {
           for (long i = 0; i < n; i++) xrt_context_switch(&pair.main, &pair.task);
         }));
  report("call_on_stack_round_trip", median_ns_per_call(options, 1, [&](long n) {
           void* p = nullptr;
           for (long i = 0; i < n; i++) {
             p = xrt_call_on_stack(indirect_target, p, call_stack.get(),
                                   call_stack.get() + kStackSize);
           }
         }));

  // The call a callback makes onto its task's stack (saving the context a recovered panic
  // returns through).
  report("call_on_stack_resumable_round_trip", median_ns_per_call(options, 1, [&](long n) {
           void* p = nullptr;
           xrt::Context back;
           for (long i = 0; i < n; i++) {
             p = xrt_call_on_stack_resumable(&back, indirect_target, p, call_stack.get(),
                                             call_stack.get() + kStackSize);
           }
         }));

  // The owner is the task made above, suspended in bounce_back: fn runs below its sp.
  report("call_on_context_stack_round_trip", median_ns_per_call(options, 1, [&](long n) {
           void* p = nullptr;
           for (long i = 0; i < n; i++) p = xrt_call_on_context_stack(indirect_target, p, &pair.task);
         }));

  report("context_save_resume", median_ns_per_call(options, 1, [](long n) {
           xrt::Context ctx;
           for (long i = 0; i < n; i++) save_then_resume(&ctx);
         }));
  return 0;
}
