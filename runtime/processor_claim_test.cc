// The take-back race between a call out's lender and another thread taking its processor
// (records.h, take_back_lent_processor; processor_claim.cc): in every round exactly one of the
// two keeps the processor, and the state word says which. Run with the process barrier
// (Linux's default) and without it (XRT_PROCESS_BARRIER=0, and always on Windows: one CAS).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <thread>

#include "runtime/records.h"

namespace {

using namespace xrt::internal;

// From nothing to tens of microseconds, different every round: the two sides must meet at
// every point of each other's protocol, and a taker's claim with the process barrier takes
// microseconds (more in a virtual machine), so the lender sometimes comes back only after
// the barrier.
void dawdle(std::minstd_rand& rng) {
  static constexpr uint32_t kLimits[] = {256, 16384, 131072};
  const uint32_t limit = kLimits[rng() % 3];
  for (uint32_t n = rng() % limit; n > 0; --n) __asm__ volatile("" ::: "memory");
}

// Spins, so that both sides run at once, but yields after a while: on a loaded machine the
// other side may share this CPU.
void wait_for(const std::atomic<int>& round, int r) {
  for (int spins = 0; round.load(std::memory_order_acquire) != r; ++spins) {
    if (spins > 2000) std::this_thread::yield();
  }
}

// Every tenth round is ordered, so both outcomes are seen whatever the scheduler does: the
// taker goes first (it must keep the processor: its lender is still in C), or the lender
// comes back before the taker looks (the lender must keep it). The other rounds race.
enum class Order { kRace, kTakerFirst, kLenderFirst };
Order order_of(int r) {
  return r % 10 == 0 ? Order::kTakerFirst : r % 10 == 5 ? Order::kLenderFirst : Order::kRace;
}

void race(int rounds) {
  Processor p;
  p.state.store(proc_word(ProcStatus::kRunning, 0));
  std::atomic<int> lent_round{0};   // the taker may try this round
  std::atomic<int> taker_ready{0};  // the taker is running this round
  std::atomic<int> taker_done{0};   // the taker finished this round
  std::atomic<ProcWord> lent_word{0};
  int taker_wins = 0;
  std::thread taker([&] {
    std::minstd_rand rng(2);
    for (int r = 1; r <= rounds; ++r) {
      wait_for(lent_round, r);
      taker_ready.store(r, std::memory_order_release);
      if (order_of(r) == Order::kRace) dawdle(rng);
      if (take_lent_processor(&p, lent_word.load(std::memory_order_relaxed),
                              ProcStatus::kStopped)) {
        ++taker_wins;
      }
      taker_done.store(r, std::memory_order_release);
    }
  });
  std::minstd_rand rng(1);
  int lender_wins = 0, raced = 0, raced_lender_wins = 0;
  for (int r = 1; r <= rounds; ++r) {
    const Order order = order_of(r);
    const ProcWord word = lend_processor(&p, ProcStatus::kInC);
    lent_word.store(word, std::memory_order_relaxed);
    bool lender_won;
    if (order == Order::kLenderFirst) {
      lender_won = take_back_lent_processor(&p, word);
      ASSERT_TRUE(lender_won) << "round " << r << ": nobody else wanted it";
      lent_round.store(r, std::memory_order_release);
    } else {
      lent_round.store(r, std::memory_order_release);
      if (order == Order::kTakerFirst) {
        wait_for(taker_done, r);
      } else {
        wait_for(taker_ready, r);  // both sides running from here, even on one CPU
        dawdle(rng);
      }
      lender_won = take_back_lent_processor(&p, word);
      if (order == Order::kTakerFirst) {
        ASSERT_FALSE(lender_won) << "round " << r << ": the taker had it already";
      }
    }
    wait_for(taker_done, r);
    const ProcWord now = p.state.load();
    if (lender_won) {
      ++lender_wins;
      ASSERT_EQ(now, proc_word(ProcStatus::kRunning, lends_of(word))) << "round " << r;
    } else {
      ASSERT_EQ(now, proc_word(ProcStatus::kStopped, lends_of(word))) << "round " << r;
      p.state.store(proc_word(ProcStatus::kRunning, lends_of(word)));  // as if handed back
    }
    ASSERT_EQ(lender_wins + taker_wins, r) << "round " << r << ": both or neither kept it";
    if (order == Order::kRace) {
      ++raced;
      raced_lender_wins += lender_won ? 1 : 0;
    }
  }
  taker.join();
  printf("process barrier %s: %d raced rounds, the lender kept it in %d, the taker in %d\n",
         sched.process_barrier ? "on" : "off", raced, raced_lender_wins,
         raced - raced_lender_wins);
}

// The mode under test is the one asked for: Linux has the barrier (membarrier, kernel 4.14)
// unless XRT_PROCESS_BARRIER=0; Windows never uses it (platform.h).
TEST(ProcessorClaim, TheProcessBarrierIsOnWhereTheOsHasOne) {
  const char* setting = getenv("XRT_PROCESS_BARRIER");
  const bool switched_off = setting != nullptr && strcmp(setting, "0") == 0;
#if defined(_WIN32)
  (void)switched_off;
  EXPECT_FALSE(sched.process_barrier);
#else
  EXPECT_EQ(sched.process_barrier, !switched_off);
#endif
}

TEST(ProcessorClaim, ExactlyOneOfLenderAndTakerKeepsTheProcessor) { race(20000); }

}  // namespace
