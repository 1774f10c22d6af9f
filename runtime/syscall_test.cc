// System calls through the runtime (semantics §5): 64 tasks on 2 processors make calls of 0 to
// 15 arguments whose results depend on every argument; some block long enough for the monitor
// to retake the processor (so tasks migrate, and the test fails if none did), some call back
// into the runtime, which makes a nested system call, and the outer call's record must be as it
// was when that callback returns. Every r1, r2 and error value is checked. On Windows, real
// Win32 functions go through the same path.
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/platform.h"
#include "runtime/records.h"
#include "xrt/xrt.h"

#if defined(_WIN32)
#include <windows.h>
#endif

namespace {

using U = uintptr_t;

std::atomic<uint64_t> nested_ok{0}, nested_bad{0}, record_intact{0}, record_clobbered{0};

U expected_r1(const U* a, size_t n) {
  U sum = 1000 * n;
  for (size_t i = 0; i < n; ++i) sum += (i + 1) * a[i];
  return sum;
}
U expected_err(U r1) { return 1 + r1 % 97; }

#if defined(_WIN32)
using Ret = U;
Ret make_ret(U r1) { return r1; }
U expected_r2(U) { return 0; }
void set_error(U e) { SetLastError(static_cast<DWORD>(e)); }
#else
struct Ret {
  U r1, r2;
};
Ret make_ret(U r1) { return Ret{r1, ~r1}; }
U expected_r2(U r1) { return ~r1; }
void set_error(U e) { errno = static_cast<int>(e); }
#endif

Ret nested_leaf(U a, U b) {
  U r1 = a * 3 + b;
  set_error(expected_err(r1));
  return make_ret(r1);
}

// The calling thread's record still describes the call in progress: fn, with n arguments
// equal to a's (the record points at the caller's copy of them).
bool record_describes(U fn, const U* a, size_t n) {
  const xrt::internal::SyscallRecord& rec = xrt::internal::current_thread()->syscall;
  if (rec.fn != fn || rec.nargs != n || (n > 0 && rec.args == nullptr)) return false;
  for (size_t i = 0; i < n; ++i) {
    if (rec.args[i] != a[i]) return false;
  }
  return true;
}

Ret weighted_body(U self, const U* a, size_t n) {
  U r1 = expected_r1(a, n);
  // Long enough for the monitor to retake the processor even when it has backed off to its
  // 1 ms poll while threads are in C (and under emulation).
  if (n > 0 && a[0] % 50 == 7) xrt::internal::sleep_ns(3 * 1000 * 1000);
  if (n > 0 && a[0] % 40 == 3) {
    // Call back into the runtime, which makes its own system call, then check the outer
    // record is intact (the callback saved and restored it). The outer results would come out
    // right even if it were not: they are written after this returns.
    xrt::callback(
        [](void* p) -> void* {
          U seed = *static_cast<U*>(p);
          U args[2] = {seed, seed + 1};
          xrt::SyscallResult r =
              xrt::syscall_n(reinterpret_cast<U>(&nested_leaf), args, 2);
          U r1 = seed * 3 + seed + 1;
          if (r.r1 == r1 && r.r2 == expected_r2(r1) && r.err == expected_err(r1)) {
            nested_ok++;
          } else {
            nested_bad++;
          }
          return nullptr;
        },
        const_cast<U*>(&a[0]));
    if (record_describes(self, a, n)) {
      record_intact++;
    } else {
      record_clobbered++;
    }
  }
  set_error(expected_err(r1));
  return make_ret(r1);
}

template <typename Seq>
struct Weighted;
template <size_t... I>
struct Weighted<std::index_sequence<I...>> {
  static Ret fn(decltype((void)I, U{})... a) {
    U args[] = {a..., 0};
    return weighted_body(reinterpret_cast<U>(&fn), args, sizeof...(I));
  }
};

template <size_t... N>
std::vector<U> make_table(std::index_sequence<N...>) {
  return {reinterpret_cast<U>(&Weighted<std::make_index_sequence<N>>::fn)...};
}

struct Totals {
  std::atomic<uint64_t> calls{0}, wrong{0}, migrations{0};
  std::vector<U> table = make_table(std::make_index_sequence<16>());
  int calls_per_task = 0;
};

TEST(Syscall, ManyTasksResultsTravelWithTheTask) {
  ASSERT_EQ(xrt::maxprocs(), 2) << "run with XRT_MAXPROCS=2";
  Totals totals;
  totals.calls_per_task = 2000;
  struct Arg {
    Totals* totals;
    U seed;
  };
  std::vector<Arg> args(64);
  std::vector<xrt::Task*> tasks;
  for (int i = 0; i < 64; ++i) {
    args[i] = {&totals, static_cast<U>(i) * 1000003};
    tasks.push_back(xrt::spawn(
        [](void* p) {
          Arg* arg = static_cast<Arg*>(p);
          Totals* t = arg->totals;
          for (int k = 0; k < t->calls_per_task; ++k) {
            size_t n = static_cast<size_t>(k % 16);
            U a[15];
            for (size_t j = 0; j < 15; ++j) a[j] = arg->seed + static_cast<U>(k) * 31 + j * 7;
            uint64_t before = xrt::current_thread_id();
            xrt::SyscallResult r = xrt::syscall_n(t->table[n], a, n);
            if (xrt::current_thread_id() != before) t->migrations++;
            U r1 = expected_r1(a, n);
            if (r.r1 != r1 || r.r2 != expected_r2(r1) || r.err != expected_err(r1)) t->wrong++;
            t->calls++;
          }
        },
        &args[i]));
  }
  for (xrt::Task* t : tasks) xrt::join(t);
  EXPECT_EQ(totals.calls.load(), 64u * totals.calls_per_task);
  EXPECT_EQ(totals.wrong.load(), 0u);
  const char* lock = getenv("XRT_SYSCALL_LOCK");
  if (lock != nullptr && std::string(lock) == "1") {
    EXPECT_EQ(totals.migrations.load(), 0u) << "XRT_SYSCALL_LOCK=1 locks tasks to their thread";
  } else {
    EXPECT_GT(totals.migrations.load(), 0u) << "no task migrated: the test proved nothing";
  }
  EXPECT_GT(nested_ok.load(), 0u);
  EXPECT_EQ(nested_bad.load(), 0u);
  EXPECT_GT(record_intact.load(), 0u);
  EXPECT_EQ(record_clobbered.load(), 0u) << "a callback left the outer call's record changed";
}

TEST(Syscall, RejectsTooManyArguments) {
  GTEST_FLAG_SET(death_test_style, "fast");
  U a[16] = {};
  EXPECT_EXIT(xrt::syscall_n(reinterpret_cast<U>(&nested_leaf), a, 16),
              ::testing::ExitedWithCode(2), "at most 15");
}

#if defined(_WIN32)
std::atomic<int> locales_seen{0}, pid_mismatch{0};

BOOL CALLBACK on_locale(LPSTR) {
  // Win32 calling back into the runtime, which makes a nested system call.
  xrt::callback(
      [](void*) -> void* {
        xrt::SyscallResult r =
            xrt::syscall_n(reinterpret_cast<U>(&GetCurrentProcessId), nullptr, 0);
        if (r.r1 != GetCurrentProcessId()) pid_mismatch++;
        locales_seen++;
        return nullptr;
      },
      nullptr);
  return TRUE;
}

TEST(SyscallWin32, ValueAndLastErrorFromARealFunction) {
  xrt::Task* t = xrt::spawn(
      [](void*) {
        static char buf[16];
        U args[3] = {reinterpret_cast<U>("XRT_SURELY_NOT_SET_ANYWHERE"), reinterpret_cast<U>(buf),
                     sizeof buf};
        xrt::SyscallResult r =
            xrt::syscall_n(reinterpret_cast<U>(&GetEnvironmentVariableA), args, 3);
        EXPECT_EQ(r.r1, 0u);
        EXPECT_EQ(r.err, static_cast<U>(ERROR_ENVVAR_NOT_FOUND));
      },
      nullptr);
  xrt::join(t);
}

// A value that a record never written would not hold (it starts at 0): GetModuleFileNameA with
// a buffer too small returns the buffer's size and sets ERROR_INSUFFICIENT_BUFFER.
TEST(SyscallWin32, NonZeroValueAndLastErrorFromARealFunction) {
  xrt::Task* t = xrt::spawn(
      [](void*) {
        static char buf[4];
        U args[3] = {0, reinterpret_cast<U>(buf), sizeof buf};
        xrt::SyscallResult r =
            xrt::syscall_n(reinterpret_cast<U>(&GetModuleFileNameA), args, 3);
        EXPECT_EQ(r.r1, sizeof buf);
        EXPECT_EQ(r.err, static_cast<U>(ERROR_INSUFFICIENT_BUFFER));
      },
      nullptr);
  xrt::join(t);
}

TEST(SyscallWin32, EnumerationThatCallsBackIntoTheRuntime) {
  xrt::Task* t = xrt::spawn(
      [](void*) {
        U args[2] = {reinterpret_cast<U>(&on_locale), LCID_INSTALLED};
        xrt::SyscallResult r = xrt::syscall_n(reinterpret_cast<U>(&EnumSystemLocalesA), args, 2);
        EXPECT_NE(r.r1, 0u);
      },
      nullptr);
  xrt::join(t);
  EXPECT_GT(locales_seen.load(), 0);
  EXPECT_EQ(pid_mismatch.load(), 0);
}
#endif

}  // namespace
