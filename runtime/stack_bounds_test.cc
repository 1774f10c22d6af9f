// System-stack bounds on callback entry (semantics §2), with the OS query replaced by a
// GoogleMock: accurate bounds are cached (one query for 10,000 callbacks), estimates are
// re-derived on every entry, odd answers are ignored, nested callbacks see their own bounds
// and the outer ones come back, callbacks after C switched stacks work, and bounds that leave
// runtime code no room end the program with "fatal: morestack on g0".
#include <cstdint>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/death_test_style.h"
#include "runtime/platform.h"
#include "runtime/records.h"
#include "runtime/sanitizer_fiber.h"
#include "runtime/stack_bounds.h"
#include "xrt/xrt.h"

#if defined(_WIN32)
#include <windows.h>
#else
#include <ucontext.h>
#endif

namespace {

using xrt::testing::set_death_test_style;

using ::testing::_;
using ::testing::Invoke;
using ::testing::Return;
using xrt::internal::current_system_stack_bounds;
using xrt::internal::SystemStackBounds;

class MockStackQuery : public xrt::internal::SystemStackQuery {
 public:
  MOCK_METHOD(bool, current_thread_stack, (uintptr_t sp, uintptr_t* lo, uintptr_t* hi),
              (override));
};

bool real_bounds(uintptr_t, uintptr_t* lo, uintptr_t* hi) {
  return xrt::internal::os_thread_stack_bounds(lo, hi);
}

// Installs a query for the scope of a test.
class QueryScope {
 public:
  explicit QueryScope(xrt::internal::SystemStackQuery* q)
      : old_(xrt::internal::replace_system_stack_query_for_testing(q)) {}
  ~QueryScope() { xrt::internal::replace_system_stack_query_for_testing(old_); }

 private:
  xrt::internal::SystemStackQuery* old_;
};

void* record_bounds(void* out) {
  *static_cast<SystemStackBounds*>(out) = current_system_stack_bounds();
  return nullptr;
}

// Calls back from C `depth` KiB deeper than the caller; returns the C-side sp used.
__attribute__((noinline)) uintptr_t callback_at_depth(int kib, SystemStackBounds* seen) {
  volatile char pad[1024];
  pad[0] = 1;
  if (kib > 0) return callback_at_depth(kib - 1, seen) + pad[0] - 1;
  uintptr_t sp = reinterpret_cast<uintptr_t>(&pad[0]);
  xrt::callback(record_bounds, seen);
  return sp;
}

TEST(StackBounds, AccurateBoundsAreAskedOnceAndCached) {
  MockStackQuery query;
  EXPECT_CALL(query, current_thread_stack(_, _, _)).Times(1).WillOnce(Invoke(real_bounds));
  QueryScope scope(&query);
  std::thread c_thread([] {
    SystemStackBounds first;
    callback_at_depth(0, &first);
    EXPECT_TRUE(first.accurate);
    for (int i = 0; i < 10000; ++i) {
      SystemStackBounds b;
      uintptr_t sp = callback_at_depth(i % 8, &b);
      ASSERT_TRUE(b.accurate);
      ASSERT_EQ(b.lo, first.lo);
      ASSERT_EQ(b.hi, first.hi);
      ASSERT_GT(sp, b.lo);
      ASSERT_LE(sp, b.hi);
    }
  });
  c_thread.join();
}

TEST(StackBounds, EstimatesAreRederivedOnEveryEntry) {
  MockStackQuery query;
  EXPECT_CALL(query, current_thread_stack(_, _, _)).Times(1000).WillRepeatedly(Return(false));
  QueryScope scope(&query);
  std::thread c_thread([] {
    for (int i = 0; i < 1000; ++i) {
      SystemStackBounds b;
      int kib = (i % 5) * 16;  // 0..64 KiB deeper: a stale estimate would not contain sp
      uintptr_t sp = callback_at_depth(kib, &b);
      ASSERT_FALSE(b.accurate);
      ASSERT_EQ(b.hi - b.lo, xrt::internal::kEstimateBelow + xrt::internal::kEstimateAbove);
      ASSERT_GT(sp, b.lo) << "estimate must be taken at this entry's sp";
      ASSERT_LE(sp, b.hi);
    }
  });
  c_thread.join();
}

TEST(StackBounds, AnswersThatDoNotContainSpAreIgnored) {
  MockStackQuery query;
  EXPECT_CALL(query, current_thread_stack(_, _, _))
      .Times(2)
      .WillRepeatedly(Invoke([](uintptr_t, uintptr_t* lo, uintptr_t* hi) {
        *lo = 0x1000;  // a stack somewhere else entirely
        *hi = 0x2000;
        return true;
      }));
  QueryScope scope(&query);
  std::thread c_thread([] {
    for (int i = 0; i < 2; ++i) {
      SystemStackBounds b;
      uintptr_t sp = callback_at_depth(0, &b);
      EXPECT_FALSE(b.accurate);
      EXPECT_GT(sp, b.lo);
      EXPECT_LE(sp, b.hi);
    }
  });
  c_thread.join();
}

// Outer callback -> call out -> C 64 KiB deeper -> nested callback.
struct NestedSeen {
  SystemStackBounds outer_before, inner, outer_after;
};

void* nested_c(void* p) {
  callback_at_depth(64, &static_cast<NestedSeen*>(p)->inner);
  return nullptr;
}

void* outer_runtime(void* p) {
  NestedSeen* s = static_cast<NestedSeen*>(p);
  s->outer_before = current_system_stack_bounds();
  xrt::ccall(nested_c, p);
  s->outer_after = current_system_stack_bounds();
  return nullptr;
}

TEST(StackBounds, NestedCallbacksSeeTheirOwnBoundsAndTheOuterComeBack) {
  MockStackQuery query;
  EXPECT_CALL(query, current_thread_stack(_, _, _)).Times(2).WillRepeatedly(Return(false));
  QueryScope scope(&query);
  std::thread c_thread([] {
    NestedSeen s;
    xrt::callback(outer_runtime, &s);
    EXPECT_FALSE(s.outer_before.accurate);
    EXPECT_FALSE(s.inner.accurate);
    EXPECT_LT(s.inner.hi, s.outer_before.hi) << "the inner callback runs deeper";
    EXPECT_NE(s.inner.lo, s.outer_before.lo);
    EXPECT_EQ(s.outer_after.lo, s.outer_before.lo);
    EXPECT_EQ(s.outer_after.hi, s.outer_before.hi);
    EXPECT_EQ(s.outer_after.accurate, s.outer_before.accurate);
  });
  c_thread.join();
}

TEST(StackBounds, NestedOnARuntimeThreadKeepsTheExactBounds) {
  struct Seen {
    SystemStackBounds before, inner;
    uint64_t queries = 0;
  } seen;
  xrt::Task* t = xrt::spawn(
      [](void* p) {
        Seen* s = static_cast<Seen*>(p);
        s->before = current_system_stack_bounds();
        uint64_t queries_before = xrt::internal::counters.os_stack_queries.load();
        xrt::ccall(
            [](void* q) -> void* {
              callback_at_depth(16, &static_cast<Seen*>(q)->inner);
              return nullptr;
            },
            s);
        s->queries = xrt::internal::counters.os_stack_queries.load() - queries_before;
      },
      &seen);
  xrt::join(t);
  EXPECT_EQ(seen.queries, 0u) << "runtime threads know their bounds";
  EXPECT_TRUE(seen.before.accurate);
  EXPECT_EQ(seen.inner.lo, seen.before.lo);
  EXPECT_EQ(seen.inner.hi, seen.before.hi);
}

// The exact bounds of a runtime thread lie inside the stack the OS gave it, however much of
// that stack the C library keeps above the thread's first frame (glibc's static TLS: a few
// KiB, 771 KiB under ThreadSanitizer). Bounds reaching below the stack let C run on a
// neighbouring task stack, under a nested callback's frames.
TEST(StackBounds, RuntimeThreadBoundsLieInsideItsStack) {
  struct Seen {
    SystemStackBounds bounds;
    uintptr_t os_lo = 0, os_hi = 0;
    bool os_answered = false;
  } seen;
  xrt::Task* t = xrt::spawn(
      [](void* p) {
        xrt::ccall(
            [](void* q) -> void* {
              Seen* s = static_cast<Seen*>(q);
              s->bounds = current_system_stack_bounds();
              s->os_answered = xrt::internal::os_thread_stack_bounds(&s->os_lo, &s->os_hi);
              return nullptr;
            },
            p);
      },
      &seen);
  xrt::join(t);
  ASSERT_TRUE(seen.os_answered) << "the OS could not tell this runtime thread's stack";
  EXPECT_TRUE(seen.bounds.accurate);
  EXPECT_GE(seen.bounds.lo, seen.os_lo) << "bounds.lo is " << (seen.os_lo - seen.bounds.lo)
                                        << " bytes below the thread's stack";
  EXPECT_LT(seen.bounds.lo, seen.bounds.hi);
}

// C switches to a stack of its own making and calls back from there.
struct SwitchedSeen {
  SystemStackBounds bounds;
  uintptr_t sp = 0;
  uint64_t sum = 0;
};

void callback_on_switched_stack(SwitchedSeen* s) {
  s->sp = callback_at_depth(1, &s->bounds);
  xrt::gc();  // the walk must accept the bounds it was given
  for (uint64_t i = 0; i < 100; ++i) {
    s->sum += reinterpret_cast<uintptr_t>(
        xrt::callback([](void* x) -> void* { return x; }, reinterpret_cast<void*>(i)));
  }
}

#if defined(_WIN32)
void* main_fiber;
VOID CALLBACK fiber_main(LPVOID p) {
  callback_on_switched_stack(static_cast<SwitchedSeen*>(p));
  SwitchToFiber(main_fiber);
}
#else
ucontext_t main_uc, side_uc;
// Like any C program that switches stacks itself, this one tells ThreadSanitizer (no-ops in
// other builds): the side stack is a fiber of its own.
void* main_tsan_fiber;
void uc_main(unsigned hi, unsigned lo) {
  callback_on_switched_stack(
      reinterpret_cast<SwitchedSeen*>((static_cast<uintptr_t>(hi) << 32) | lo));
  xrt::internal::tsan_switch_to(main_tsan_fiber);  // back to main_uc through uc_link
}
#endif

TEST(StackBounds, CallbackAfterCSwitchedStacks) {
  std::thread c_thread([] {
    SystemStackBounds before;
    uintptr_t sp_before = callback_at_depth(0, &before);
    SwitchedSeen s;
#if defined(_WIN32)
    main_fiber = ConvertThreadToFiber(nullptr);
    void* fiber = CreateFiber(256 * 1024, fiber_main, &s);
    SwitchToFiber(fiber);
    DeleteFiber(fiber);
    ConvertFiberToThread();
#else
    // The estimate reaches 1 KiB above sp (semantics §2) and the collection walks up to it
    // (§3): keep readable memory above the side stack's top, as a thread stack has, or the
    // walk reads past the end of this buffer (it faulted under TSan's allocator).
    constexpr size_t kSideStack = 256 * 1024, kAboveTop = 4096;
    std::vector<char> stack(kSideStack + kAboveTop);
    getcontext(&side_uc);
    side_uc.uc_stack.ss_sp = stack.data();
    side_uc.uc_stack.ss_size = kSideStack;
    side_uc.uc_link = &main_uc;
    uintptr_t p = reinterpret_cast<uintptr_t>(&s);
    makecontext(&side_uc, reinterpret_cast<void (*)()>(uc_main), 2,
                static_cast<unsigned>(p >> 32), static_cast<unsigned>(p));
    main_tsan_fiber = xrt::internal::tsan_current_fiber();
    void* side_tsan_fiber = xrt::internal::tsan_new_fiber();
    xrt::internal::tsan_switch_to(side_tsan_fiber);
    swapcontext(&main_uc, &side_uc);
    xrt::internal::tsan_destroy_fiber(side_tsan_fiber);
    EXPECT_FALSE(s.bounds.accurate) << "the OS describes the thread stack, not this one";
#endif
    EXPECT_GT(s.sp, s.bounds.lo);
    EXPECT_LE(s.sp, s.bounds.hi);
    EXPECT_EQ(s.sum, 4950u);
    SystemStackBounds after;
    uintptr_t sp_after = callback_at_depth(0, &after);
    EXPECT_GT(sp_after, after.lo);
    EXPECT_LE(sp_after, after.hi);
    EXPECT_GT(sp_before, before.lo);
  });
  c_thread.join();
}

TEST(StackBoundsDeathTest, BoundsWithoutRoomForRuntimeCodeAreFatal) {
  set_death_test_style();
  EXPECT_EXIT(
      {
        MockStackQuery query;
        EXPECT_CALL(query, current_thread_stack(_, _, _))
            .WillRepeatedly(Invoke([](uintptr_t sp, uintptr_t* lo, uintptr_t* hi) {
              *lo = sp - 128;  // contains sp, but leaves less than the guard below it
              *hi = sp + 4096;
              return true;
            }));
        xrt::internal::replace_system_stack_query_for_testing(&query);
        // On this thread (the forked child has no other): forget its cached bounds first.
        if (xrt::internal::Thread* t = xrt::internal::current_thread()) t->bounds = {};
        xrt::callback([](void* x) -> void* { return x; }, nullptr);
      },
      ::testing::ExitedWithCode(2), "fatal: morestack on g0");
}

TEST(StackBounds, StackBoundsSettingDecidesWhetherTheOsIsAsked) {
  const char* mode = getenv("XRT_STACKBOUNDS");
  bool estimate = mode != nullptr && std::string(mode) == "estimate";
#if defined(XRT_NO_OS_STACK_QUERY)
  estimate = true;
#endif
  uint64_t before = xrt::internal::counters.os_stack_queries.load();
  std::thread c_thread([] {
    SystemStackBounds b;
    for (int i = 0; i < 100; ++i) callback_at_depth(i % 3, &b);
  });
  c_thread.join();
  uint64_t queries = xrt::internal::counters.os_stack_queries.load() - before;
  if (estimate) {
    EXPECT_EQ(xrt::internal::system_stack_query(), nullptr);
    EXPECT_EQ(queries, 0u);
  } else {
    EXPECT_NE(xrt::internal::system_stack_query(), nullptr);
    EXPECT_EQ(queries, 1u) << "one query, then cached";
  }
}

}  // namespace
