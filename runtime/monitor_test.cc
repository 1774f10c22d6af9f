// The monitor retakes the processor of a call out that lasts well over 20 µs even after it has
// backed off (monitor.cc). Backed off, its polls are a millisecond or more apart: a monitor
// that needed a second poll to see the same call again never retook a call of 300 µs - and,
// never retaking, never came back to 20 µs polls. It retook none of 200 such calls here; now
// it retakes 170-196 of them, and 133-139 with the machine's two cores loaded two and a half
// times over, so a quarter leaves a wide margin.
#include <cstdint>

#include "gtest/gtest.h"
#include "runtime/platform.h"
#include "runtime/records.h"
#include "xrt/xrt.h"

namespace {

using xrt::internal::counters;

constexpr uint64_t kCallNs = 300 * 1000;
constexpr int kCalls = 200;

struct Calls {
  uint64_t retakes_before = 0, retakes_after = 0;
  int made = 0;
};

void* block_for_a_while(void*) {
  xrt::internal::sleep_ns(kCallNs);
  return nullptr;
}

// On a task: kCalls calls out of 300 µs, one after another.
void* make_calls(void* p) {
  Calls* c = static_cast<Calls*>(p);
  for (; c->made < kCalls; c->made++) xrt::ccall(block_for_a_while, nullptr);
  c->retakes_after = counters.retakes.load();
  return nullptr;
}

TEST(Monitor, RetakesFromCallsOfAFewHundredMicrosecondsAfterBackingOff) {
  ASSERT_EQ(xrt::maxprocs(), 1) << "run with XRT_MAXPROCS=1";
  // Nothing lent out for 100 ms: the monitor backs off to polls 10 ms apart.
  xrt::internal::sleep_ns(100 * 1000 * 1000);
  Calls c;
  c.retakes_before = counters.retakes.load();
  xrt::callback(make_calls, &c);
  const uint64_t retakes = c.retakes_after - c.retakes_before;
  printf("%llu retakes in %d call outs of 300 us\n", static_cast<unsigned long long>(retakes),
         c.made);
  EXPECT_GE(retakes, static_cast<uint64_t>(kCalls / 4))
      << "the monitor retook only " << retakes << " of " << kCalls << " calls of 300 µs";
}

}  // namespace
