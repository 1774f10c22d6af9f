// Panics (semantics §4): deferred calls run last-first, recover stops a panic, a panic raised
// in a callback unwinds past the C frames to the runtime frame above the call out - with the
// thread's call-out state restored - and an unrecovered panic prints "panic: <message>" and
// exits 2 (checked in a child process).
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/death_test_style.h"
#include "runtime/records.h"
#include "xrt/xrt.h"

namespace {

using xrt::testing::set_death_test_style;

using xrt::internal::current_system_stack_bounds;
using xrt::internal::current_thread;

std::vector<int>* order;

TEST(Panic, DeferredCallsRunLastFirstAndRecoverStopsThePanic) {
  std::vector<int> seen;
  order = &seen;
  const char* message = nullptr;
  bool recovered = xrt::protect(
      [](void*) {
        xrt::defer([](void*) { order->push_back(1); }, nullptr);
        xrt::defer(
            [](void*) {
              const char* m = xrt::recover();
              order->push_back(m != nullptr && std::string(m) == "boom" ? 2 : -2);
            },
            nullptr);
        xrt::defer([](void*) { order->push_back(3); }, nullptr);
        xrt::panic("boom");
      },
      nullptr, &message);
  EXPECT_TRUE(recovered);
  ASSERT_NE(message, nullptr);
  EXPECT_STREQ(message, "boom");
  EXPECT_EQ(seen, (std::vector<int>{3, 2, 1}));
}

TEST(Panic, NoPanicRunsDeferredCallsAndRecoverReturnsNull) {
  std::vector<int> seen;
  order = &seen;
  bool recovered = xrt::protect(
      [](void*) {
        xrt::defer([](void*) { order->push_back(xrt::recover() == nullptr ? 1 : -1); }, nullptr);
      },
      nullptr);
  EXPECT_FALSE(recovered);
  EXPECT_EQ(seen, (std::vector<int>{1}));
}

// A deferred call made in a callback's own frame runs when the callback returns, last first,
// as runtime code on the callback's task stack; the result is still the function's. Outermost
// (main thread) and nested (inside a task's call out) alike.
void note_where_deferred_call_runs(void* label) {
  xrt::internal::Task* task = xrt::internal::running_task();
  const uintptr_t sp = xrt::internal::current_sp();
  const bool on_task_stack = task != nullptr && sp > task->stack_lo && sp < task->stack_hi;
  order->push_back(on_task_stack ? static_cast<int>(reinterpret_cast<intptr_t>(label)) : -1);
}

void* callback_with_deferred_calls(void*) {
  xrt::defer(note_where_deferred_call_runs, reinterpret_cast<void*>(1));
  xrt::defer(note_where_deferred_call_runs, reinterpret_cast<void*>(2));
  return reinterpret_cast<void*>(42);
}

TEST(Panic, DeferredCallsInACallbacksOwnFrameRunWhenItReturns) {
  std::vector<int> seen;
  order = &seen;
  EXPECT_EQ(reinterpret_cast<uintptr_t>(xrt::callback(callback_with_deferred_calls, nullptr)), 42u);
  EXPECT_EQ(seen, (std::vector<int>{2, 1}));
  seen.clear();
  void* nested = nullptr;
  xrt::Task* t = xrt::spawn(
      [](void* out) {
        *static_cast<void**>(out) = xrt::ccall(
            [](void*) { return xrt::callback(callback_with_deferred_calls, nullptr); }, nullptr);
      },
      &nested);
  xrt::join(t);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(nested), 42u);
  EXPECT_EQ(seen, (std::vector<int>{2, 1}));
}

TEST(Panic, TryCallReturnsTheMessage) {
  EXPECT_STREQ(xrt::try_call([](void*) { xrt::panic("from try_call"); }, nullptr),
               "from try_call");
  EXPECT_EQ(xrt::try_call([](void*) {}, nullptr), nullptr);
}

// The chain: task -> protect -> ccall(C) -> callback -> ccall(C) -> callback -> panic.
struct Crossing {
  int depth;
  int level = 0;
  int64_t ncgo_before = -1, ncgo_after = -1;
  int callback_depth_before = -1, callback_depth_after = -1;
  xrt::internal::SystemStackBounds bounds_before, bounds_after;
  xrt::internal::SystemStackBounds bounds_innermost;  // where the panic is raised
  bool c_frame_resumed = false;
  const char* message = nullptr;
  std::string message_copy;
};

void* crossing_runtime(void* p);
void* crossing_c(void* p) {
  xrt::callback(crossing_runtime, p);
  static_cast<Crossing*>(p)->c_frame_resumed = true;  // must never run: the frame is discarded
  return nullptr;
}
void* crossing_runtime(void* p) {
  Crossing* c = static_cast<Crossing*>(p);
  if (++c->level < c->depth) {
    xrt::ccall(crossing_c, p);
  } else {
    c->bounds_innermost = current_system_stack_bounds();
    xrt::panic("deep in a callback");
  }
  return nullptr;
}

void crossing_body(void* p) {
  Crossing* c = static_cast<Crossing*>(p);
  xrt::internal::Thread* t = current_thread();
  c->ncgo_before = t->ncgo;
  c->callback_depth_before = t->callback_depth;
  c->bounds_before = current_system_stack_bounds();
  bool recovered = xrt::protect(
      [](void* q) {
        xrt::defer([](void*) { xrt::recover(); }, nullptr);
        xrt::ccall(crossing_c, q);
      },
      p, &c->message);
  if (recovered && c->message) c->message_copy = c->message;
  t = current_thread();
  c->ncgo_after = t->ncgo;
  c->callback_depth_after = t->callback_depth;
  c->bounds_after = current_system_stack_bounds();
  // The thread still works: another call out and a nested callback, then a collection.
  void* r = xrt::ccall(
      [](void*) -> void* {
        return xrt::callback([](void*) -> void* { return reinterpret_cast<void*>(5); }, nullptr);
      },
      nullptr);
  if (reinterpret_cast<uintptr_t>(r) != 5) xrt::panic("thread broken after recovery");
  xrt::gc();
}

TEST(Panic, FromACallbackUnwindsPastCFramesToTheTaskAndIsRecovered) {
  Crossing c;
  c.depth = 3;
  xrt::Task* t = xrt::spawn(crossing_body, &c);
  xrt::join(t);
  EXPECT_EQ(c.level, 3);
  EXPECT_FALSE(c.c_frame_resumed) << "no code may run in discarded C frames";
  EXPECT_EQ(c.message_copy, "deep in a callback");
  EXPECT_EQ(c.ncgo_after, c.ncgo_before);
  EXPECT_EQ(c.callback_depth_after, c.callback_depth_before);
  EXPECT_EQ(c.bounds_after.lo, c.bounds_before.lo);
  EXPECT_EQ(c.bounds_after.hi, c.bounds_before.hi);
}

// Bounds on a C thread are estimated afresh at every callback under XRT_STACKBOUNDS=estimate
// (panic_estimate_test), so the nested callbacks' bounds differ from the outer callback's and
// the restore on the panic's way out is what brings the outer ones back. With the OS query the
// C thread's accurate bounds are cached and never change, and the check below is weaker.
bool estimating_bounds() { return xrt::internal::system_stack_query() == nullptr; }

TEST(Panic, FromANestedCallbackOnACThreadIsRecoveredInTheOuterCallback) {
  std::thread c_thread([] {
    Crossing c;
    c.depth = 4;
    xrt::callback(
        [](void* p) -> void* {
          crossing_body(p);
          return nullptr;
        },
        &c);
    EXPECT_EQ(c.level, 4);
    EXPECT_FALSE(c.c_frame_resumed);
    EXPECT_EQ(c.message_copy, "deep in a callback");
    EXPECT_EQ(c.ncgo_after, 0);
    EXPECT_EQ(c.callback_depth_after, 1);
    if (estimating_bounds()) {
      EXPECT_NE(c.bounds_innermost.hi, c.bounds_before.hi)
          << "the innermost callback should have bounds of its own";
    }
    EXPECT_EQ(c.bounds_after.lo, c.bounds_before.lo);
    EXPECT_EQ(c.bounds_after.hi, c.bounds_before.hi);
    EXPECT_EQ(current_thread()->callback_depth, 0);
    EXPECT_EQ(current_thread()->ncgo, 0);
  });
  c_thread.join();
}

TEST(Panic, RecoveredInTheCallbacksOwnFrameReturnsToC) {
  void* r = xrt::callback(
      [](void*) -> void* {
        xrt::defer([](void*) { xrt::recover(); }, nullptr);
        xrt::panic("caught at the boundary");
      },
      nullptr);
  EXPECT_EQ(r, nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(
                xrt::callback([](void*) -> void* { return reinterpret_cast<void*>(8); }, nullptr)),
            8u);
}

// `frames` calls deep, then a panic: a recovery discards all those frames without returning.
__attribute__((noinline)) int panic_below(int frames) {
  if (frames == 0) xrt::panic("far below");
  volatile int here = frames;  // read after the call: no tail call, every frame stays
  int below = panic_below(frames - 1);
  return below + here;
}

constexpr int kRecoveryRounds = 200;
constexpr int kDiscardedFrames = 500;

void* recover_deep_in_nested_callback(void*) {
  const char* message = xrt::try_call([](void*) { panic_below(kDiscardedFrames); }, nullptr);
  const bool ok = message != nullptr && std::string(message) == "far below";
  return ok ? reinterpret_cast<void*>(1) : nullptr;
}

// A panic recovered in a callback's outermost frame returns from the callback with a null
// result after the frame's other deferred calls, every time; later callbacks still work.
// (Under ThreadSanitizer the C thread's callback task would otherwise keep 100,000 discarded
// frames on one fiber's shadow call stack of 64 Ki entries.)
TEST(Panic, RecoveredOftenInOutermostCallbacksReturnsNullEachTime) {
  int after_recovery = 0, nulls = 0;
  for (int round = 0; round < kRecoveryRounds; ++round) {
    void* r = xrt::callback(
        [](void* count) -> void* {
          xrt::defer([](void* c) { ++*static_cast<int*>(c); }, count);  // runs second
          xrt::defer([](void*) { xrt::recover(); }, nullptr);
          panic_below(kDiscardedFrames);
          return reinterpret_cast<void*>(1);
        },
        &after_recovery);
    if (r == nullptr) ++nulls;
    ASSERT_EQ(current_thread()->callback_depth, 0);
  }
  EXPECT_EQ(nulls, kRecoveryRounds);
  EXPECT_EQ(after_recovery, kRecoveryRounds);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(
                xrt::callback([](void*) -> void* { return reinterpret_cast<void*>(8); }, nullptr)),
            8u);
}

// Under ThreadSanitizer a nested callback's fiber is reused by the next one on the thread only
// if its shadow call stack is empty again; after such a recovery it holds the discarded frames.
// Reused anyway, 200 rounds of 500 would run past the end of libtsan's 64 Ki entries.
TEST(Panic, RecoveredOftenInNestedCallbacksLeavesNestedCallbacksWorking) {
  struct Counts {
    int recovered = 0, returned = 0;
  } counts;
  xrt::Task* t = xrt::spawn(
      [](void* p) {
        Counts* c = static_cast<Counts*>(p);
        for (int round = 0; round < kRecoveryRounds; ++round) {
          void* r = xrt::ccall(
              [](void*) { return xrt::callback(recover_deep_in_nested_callback, nullptr); },
              nullptr);
          if (r != nullptr) ++c->recovered;
          r = xrt::ccall(
              [](void*) -> void* {
                return xrt::callback([](void*) -> void* { return reinterpret_cast<void*>(9); },
                                     nullptr);
              },
              nullptr);
          if (reinterpret_cast<uintptr_t>(r) == 9) ++c->returned;
        }
      },
      &counts);
  xrt::join(t);
  EXPECT_EQ(counts.recovered, kRecoveryRounds);
  EXPECT_EQ(counts.returned, kRecoveryRounds);
}

TEST(PanicDeathTest, UnrecoveredInRuntimeCodeExitsTwo) {
  set_death_test_style();
  EXPECT_EXIT(
      {
        xrt::callback(
            [](void*) -> void* {
              xrt::defer([](void*) {}, nullptr);  // runs, does not recover
              xrt::panic("nobody catches this");
            },
            nullptr);
      },
      ::testing::ExitedWithCode(2), "panic: nobody catches this");
}

// The panic unwinds past the C frames before it ends the program: a deferred call in the
// outermost runtime frame, above them, runs first (it prints without a newline, so the two
// appear on one line and any regex flavour matches them together).
TEST(PanicDeathTest, UnrecoveredAcrossCFramesRunsOuterDeferredCallsThenExitsTwo) {
  set_death_test_style();
  EXPECT_EXIT(
      {
        Crossing c;
        c.depth = 2;
        xrt::callback(
            [](void* p) -> void* {
              xrt::defer(
                  [](void*) {
                    fputs("outer deferred call ran; ", stderr);
                    fflush(stderr);
                  },
                  nullptr);
              return crossing_runtime(p);
            },
            &c);
      },
      ::testing::ExitedWithCode(2), "outer deferred call ran; panic: deep in a callback");
}

}  // namespace
