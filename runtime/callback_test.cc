// Callbacks from C: on the main thread, nested on runtime threads (C -> runtime -> C ->
// runtime), on threads created by C (64 threads x 10,000 callbacks, every result checked),
// spare records released when those threads exit, callbacks that wait, the FP control state
// passing through callbacks as through calls, and C++ exceptions inside a callback.
#include <atomic>
#include <cfenv>
#include <cstdint>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/records.h"
#include "xrt/xrt.h"

namespace {

using xrt::internal::counters;
using xrt::internal::current_thread;

void* add_one(void* x) { return reinterpret_cast<void*>(reinterpret_cast<uintptr_t>(x) + 1); }

TEST(Callback, OnTheMainThreadRunsAsATaskAndReturnsItsResult) {
  struct Seen {
    bool in_task = false;
    uint64_t thread = 0;
  } seen;
  void* r = xrt::callback(
      [](void* p) -> void* {
        Seen* s = static_cast<Seen*>(p);
        s->in_task = xrt::internal::running_task() != nullptr;
        s->thread = xrt::current_thread_id();
        return reinterpret_cast<void*>(uintptr_t{42});
      },
      &seen);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(r), 42u);
  EXPECT_TRUE(seen.in_task);
  EXPECT_NE(seen.thread, 0u);
  EXPECT_EQ(seen.thread, xrt::current_thread_id()) << "a spare record stays bound to the thread";
  for (uintptr_t i = 0; i < 10000; ++i) {
    ASSERT_EQ(reinterpret_cast<uintptr_t>(xrt::callback(add_one, reinterpret_cast<void*>(i))),
              i + 1);
  }
}

// C code called from a task that calls back into the runtime, `depth` levels deep.
struct Nest {
  int depth;
  int reached = 0;
  int64_t ncgo_seen[8] = {};
  int callback_depth_seen[8] = {};
  uint64_t thread_seen[8] = {};
};

void* nest_runtime_side(void* p);

void* nest_c_side(void* p) {
  // C: call back into the runtime.
  return xrt::callback(nest_runtime_side, p);
}

void* nest_runtime_side(void* p) {
  Nest* n = static_cast<Nest*>(p);
  int level = n->reached++;
  xrt::internal::Thread* t = current_thread();
  n->ncgo_seen[level] = t->ncgo;
  n->callback_depth_seen[level] = t->callback_depth;
  n->thread_seen[level] = t->id;
  if (level + 1 < n->depth) xrt::ccall(nest_c_side, p);
  return nullptr;
}

TEST(Callback, NestedOnARuntimeThreadCountsCallOutsAndCallbacks) {
  Nest nest{5};
  xrt::Task* t = xrt::spawn(
      [](void* p) {
        Nest* n = static_cast<Nest*>(p);
        xrt::internal::Thread* th = current_thread();
        EXPECT_TRUE(th->runtime_created);
        EXPECT_EQ(th->ncgo, 0);
        xrt::ccall(nest_c_side, n);
        th = current_thread();
        EXPECT_EQ(th->ncgo, 0);
        EXPECT_EQ(th->callback_depth, 0);
      },
      &nest);
  xrt::join(t);
  ASSERT_EQ(nest.reached, 5);
  for (int level = 0; level < 5; ++level) {
    EXPECT_EQ(nest.ncgo_seen[level], level + 1) << level;
    EXPECT_EQ(nest.callback_depth_seen[level], level + 1) << level;
    EXPECT_EQ(nest.thread_seen[level], nest.thread_seen[0]) << "C frames pin the task";
  }
}

void* rounding_mode(void*) { return reinterpret_cast<void*>(static_cast<intptr_t>(fegetround())); }
void* c_rounding_downward_then_callback(void*) {
  fesetround(FE_DOWNWARD);
  return xrt::callback(rounding_mode, nullptr);
}
void* rounding_mode_seen_nested(void*) {
  return xrt::ccall(c_rounding_downward_then_callback, nullptr);
}

// The FP control state passes through a callback as through any call: the callback sees the
// rounding mode its C caller set (outermost and nested), and a mode the callback sets is what
// C finds when the callback returns.
TEST(Callback, TheFpControlStatePassesThroughAsThroughACall) {
  const int original = fegetround();
  ASSERT_EQ(fesetround(FE_TOWARDZERO), 0);
  EXPECT_EQ(reinterpret_cast<intptr_t>(xrt::callback(rounding_mode, nullptr)), FE_TOWARDZERO);
  ASSERT_EQ(fesetround(FE_UPWARD), 0);
  EXPECT_EQ(reinterpret_cast<intptr_t>(xrt::callback(rounding_mode, nullptr)), FE_UPWARD);
  EXPECT_EQ(reinterpret_cast<intptr_t>(xrt::callback(rounding_mode_seen_nested, nullptr)),
            FE_DOWNWARD);
  EXPECT_EQ(fegetround(), FE_DOWNWARD);  // set by the C inside the callback
  xrt::callback(
      [](void*) -> void* {
        fesetround(FE_TOWARDZERO);
        return nullptr;
      },
      nullptr);
  EXPECT_EQ(fegetround(), FE_TOWARDZERO);
  fesetround(original);
}

// A C++ exception thrown and caught inside a callback's function, which runs on its task's
// stack: the unwinder (on Windows the SEH dispatcher, which checks frames against the TEB's
// stack fields) must accept that stack. Outermost on the main thread, and nested inside a
// task's call out.
__attribute__((noinline)) void throw_int(int v) { throw v; }

void* throw_and_catch_in_callback(void* p) {
  try {
    throw_int(*static_cast<int*>(p));
  } catch (int v) {
    return reinterpret_cast<void*>(static_cast<intptr_t>(v + 1));
  }
  return nullptr;
}

TEST(Callback, AnExceptionThrownAndCaughtInsideACallbackWorks) {
  int value = 41;
  EXPECT_EQ(reinterpret_cast<intptr_t>(xrt::callback(throw_and_catch_in_callback, &value)), 42);
  struct Nested {
    int value = 7;
    void* result = nullptr;
  } nested;
  xrt::Task* t = xrt::spawn(
      [](void* p) {
        auto* n = static_cast<Nested*>(p);
        n->result = xrt::ccall(
            [](void* q) {
              return xrt::callback(throw_and_catch_in_callback, &static_cast<Nested*>(q)->value);
            },
            n);
      },
      &nested);
  xrt::join(t);
  EXPECT_EQ(reinterpret_cast<intptr_t>(nested.result), 8);
  EXPECT_EQ(current_thread()->callback_depth, 0);
}

TEST(Callback, NestedOnTheMainThread) {
  Nest nest{6};
  xrt::callback(nest_runtime_side, &nest);
  ASSERT_EQ(nest.reached, 6);
  for (int level = 0; level < 6; ++level) {
    EXPECT_EQ(nest.ncgo_seen[level], level) << level;
    EXPECT_EQ(nest.callback_depth_seen[level], level + 1) << level;
  }
  EXPECT_EQ(current_thread()->callback_depth, 0);
  EXPECT_EQ(current_thread()->ncgo, 0);
}

TEST(Callback, SixtyFourCThreadsTenThousandCallbacksEach) {
  constexpr int kThreads = 64;
  constexpr uintptr_t kCalls = 10000;
  uint64_t binds_before = counters.spare_binds.load();
  uint64_t releases_before = counters.spare_releases.load();
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  std::vector<uint64_t> ids(kThreads);
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([i, &wrong, &ids] {
      uint64_t id = 0;
      for (uintptr_t k = 0; k < kCalls; ++k) {
        uintptr_t x = (static_cast<uintptr_t>(i) << 32) | k;
        void* r = xrt::callback(add_one, reinterpret_cast<void*>(x));
        if (reinterpret_cast<uintptr_t>(r) != x + 1) wrong++;
        uint64_t now = xrt::current_thread_id();
        if (id == 0) id = now;
        if (now != id) wrong++;  // the record stays bound while the thread lives
      }
      ids[i] = id;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(counters.spare_binds.load() - binds_before, static_cast<uint64_t>(kThreads));
  EXPECT_EQ(counters.spare_releases.load() - releases_before, static_cast<uint64_t>(kThreads))
      << "every exiting C thread gives its spare record back";
}

TEST(Callback, ACallbackThatWaitsForATask) {
  // The callback's task parks (join, channel): its thread waits for it, and gets a processor
  // back when the task is ready again.
  xrt::Channel ch;
  struct Arg {
    xrt::Channel* ch;
  } arg{&ch};
  std::thread c_thread([&arg] {
    void* r = xrt::callback(
        [](void* p) -> void* {
          Arg* a = static_cast<Arg*>(p);
          xrt::Task* t = xrt::spawn(
              [](void* q) { static_cast<Arg*>(q)->ch->send(7); }, a);
          uint64_t v = a->ch->receive();
          xrt::join(t);
          return reinterpret_cast<void*>(static_cast<uintptr_t>(v));
        },
        &arg);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(r), 7u);
  });
  c_thread.join();
}

TEST(Callback, CallOutFromOutsideATaskIsAPlainCall) {
  EXPECT_EQ(reinterpret_cast<uintptr_t>(xrt::ccall(add_one, reinterpret_cast<void*>(uintptr_t{9}))),
            10u);
}

}  // namespace
