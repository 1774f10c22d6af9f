// Deterministic migration after a call out (semantics §1.3), with XRT_MAXPROCS=1: task A calls
// C that blocks until the monitor has retaken the only processor and given it to task B; B
// holds it until A has come back from C and, finding no processor, has been queued; only then
// does B finish, and A resumes on the thread that ran B. A's view of its thread must change.
//
// Each round runs inside one callback from the test's thread, so nothing but A and B ever
// waits for the processor: a join called from C directly would queue the callback's own task
// beside A, and whichever thread that task's processor went to next could pick A up - A's
// old thread included.
#include <atomic>
#include <cstdint>

#include "gtest/gtest.h"
#include "runtime/platform.h"
#include "runtime/records.h"
#include "xrt/xrt.h"

namespace {

using xrt::internal::counters;

struct Stage {
  std::atomic<bool> b_running{false};
  uint64_t queued_before = 0;
  uint64_t a_thread_before = 0, a_thread_after = 0, b_thread = 0;
  uint64_t retakes_before = 0, retakes_after = 0;
};

void* block_until_b_runs(void* p) {
  Stage* s = static_cast<Stage*>(p);
  // Blocks in C: only the monitor's retake can let B run on the single processor.
  while (!s->b_running.load()) xrt::internal::sleep_ns(100 * 1000);
  return nullptr;
}

// One round, on a task of the runtime (the callback's).
void* run_round(void* p) {
  Stage* stage = static_cast<Stage*>(p);
  stage->queued_before = counters.queued_after_c.load();
  stage->retakes_before = counters.retakes.load();
  xrt::Task* a = xrt::spawn(
      [](void* p) {
        Stage* s = static_cast<Stage*>(p);
        xrt::Task* b = xrt::spawn(
            [](void* q) {
              Stage* s = static_cast<Stage*>(q);
              s->b_thread = xrt::current_thread_id();
              s->b_running.store(true);
              // Hold the processor (no yielding) until A is queued after its call out.
              while (counters.queued_after_c.load() == s->queued_before) {
                xrt::internal::sleep_ns(100 * 1000);
              }
            },
            s);
        s->a_thread_before = xrt::current_thread_id();
        xrt::ccall(block_until_b_runs, s);
        s->a_thread_after = xrt::current_thread_id();
        s->retakes_after = counters.retakes.load();
        xrt::join(b);
      },
      stage);
  xrt::join(a);
  return nullptr;
}

TEST(Migration, ATaskResumesOnAnotherThreadAfterItsProcessorWasRetaken) {
  ASSERT_EQ(xrt::maxprocs(), 1) << "run with XRT_MAXPROCS=1";
  for (int round = 0; round < 3; ++round) {
    Stage s;
    xrt::callback(run_round, &s);
    EXPECT_GT(s.retakes_after, s.retakes_before) << "the monitor retook the processor";
    EXPECT_NE(s.b_thread, s.a_thread_before) << "B ran on another thread while A was in C";
    EXPECT_NE(s.a_thread_after, s.a_thread_before) << "A migrated";
    EXPECT_EQ(s.a_thread_after, s.b_thread) << "A resumed where the processor went";
  }
}

}  // namespace
