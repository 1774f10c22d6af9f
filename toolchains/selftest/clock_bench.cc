// The cost of reading the monotonic clock on each target. Every ns-per-call figure in xcall
// is a clock difference divided by a count; this is the floor under those figures (and under
// QEMU or Wine it shows what emulation adds to a plain library call).
#include <chrono>
#include <cstdint>
#include <cstdio>

int main() {
  using Clock = std::chrono::steady_clock;
  constexpr int kRounds = 5;
  constexpr int64_t kCalls = 200000;
  double best = 1e300;
  int64_t sink = 0;
  for (int r = 0; r < kRounds; ++r) {
    auto start = Clock::now();
    for (int64_t i = 0; i < kCalls; ++i) sink += Clock::now().time_since_epoch().count() & 1;
    double ns = std::chrono::duration<double, std::nano>(Clock::now() - start).count() / kCalls;
    if (ns < best) best = ns;
  }
  std::printf("XCALL_METRIC name=steady_clock_now rounds=%d calls=%lld ns_per_call=%.2f\n", kRounds,
              static_cast<long long>(kCalls), best);
  return sink < 0;  // keeps the loop observable
}
