// Windows side of platform.h: WaitOnAddress parking, a TLS slot for the thread record and a
// TLS callback (DLL_THREAD_DETACH) that releases spare thread records when a C thread exits,
// VirtualAlloc'd task stacks with a guard page and an overflow reserve below it, caught by a
// vectored exception handler.
//
// Why a reserve: Windows delivers an exception on the faulting stack. The guard is a
// PAGE_GUARD page with 60 KiB of ordinary memory under it (and a no-access page under that),
// so when a task runs into the guard the dispatcher and our handler still have room to run.
//
// Short sleeps: Sleep() counts whole milliseconds and ends on the system timer tick (1 to
// 15.6 ms), far too coarse for the monitor's 20 µs polls, a collection's 10 µs waits for the
// world to stop, or a benchmark's 100 µs blocking calls. Every thread that sleeps - at its
// first sleep_ns, or earlier if it calls use_precise_sleeps (the monitor) - gets, in this
// order of preference:
//  - on Windows 10 1803 and later, its own waitable timer created with
//    CREATE_WAITABLE_TIMER_HIGH_RESOLUTION, which ends a wait in 100 ns units independently of
//    the tick (Go's runtime sleeps the same way); sleep_ns sets it and waits on it;
//  - where the flag is refused, the process's tick raised to 1 ms once with timeBeginPeriod(1)
//    (winmm.dll, loaded only then) and an ordinary waitable timer, which ends on the next
//    tick: sleeps of up to 1 ms rather than 15.6 ms;
//  - under Wine, neither: NtDelayExecution, which Wine serves in-process with select() at
//    microsecond resolution, while its waitable timers live in wineserver and end on whole
//    milliseconds (it accepts the flag, and any other). Measured under Wine 8, 1000 sleeps of
//    20 µs each: timer half ~50-90 µs and half ~1.1 ms, a 200 µs timer always 1.1-1.2 ms;
//    NtDelayExecution median 120 µs, p90 175 µs.
// A thread for which none of these works (no handle left for a timer) sleeps with Sleep(),
// rounded up to whole milliseconds, and tries again at its next sleep.
#if defined(_WIN32)
#include <windows.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "runtime/platform.h"
#include "runtime/records.h"

namespace xrt::internal {
namespace {

DWORD tls_slot = TLS_OUT_OF_INDEXES;  // set by platform_init (before any static initializer)
// How the calling thread sleeps: its waitable timer (a HANDLE, closed by the TLS callback when
// the thread exits) or kDelayExecution; null: not chosen yet, or Sleep() for lack of a timer.
DWORD sleep_timer_slot = TLS_OUT_OF_INDEXES;
// Never a handle (those are multiples of 4): sleep with NtDelayExecution (Wine).
void* const kDelayExecution = reinterpret_cast<void*>(uintptr_t{1});
using NtDelayExecutionFn = LONG(NTAPI*)(BOOLEAN alertable, LARGE_INTEGER* interval);

// NtDelayExecution if this is Wine (ntdll exports wine_get_version), else null.
NtDelayExecutionFn wine_delay_execution() {
  static const NtDelayExecutionFn fn = []() -> NtDelayExecutionFn {
    HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
    if (ntdll == nullptr || GetProcAddress(ntdll, "wine_get_version") == nullptr) return nullptr;
    return reinterpret_cast<NtDelayExecutionFn>(
        reinterpret_cast<void*>(GetProcAddress(ntdll, "NtDelayExecution")));
  }();
  return fn;
}

constexpr size_t kNoAccessBytes = 4096;
constexpr size_t kReserveBytes = 60 * 1024;
constexpr size_t kGuardPageBytes = 4096;

struct OsThreadStart {
  void (*fn)(void*);
  void* arg;
};

DWORD WINAPI os_thread_main(LPVOID p) {
  OsThreadStart start = *static_cast<OsThreadStart*>(p);
  delete static_cast<OsThreadStart*>(p);
  start.fn(start.arg);
  return 0;
}

void write_stderr(const char* s, size_t n) {
  DWORD written;
  WriteFile(GetStdHandle(STD_ERROR_HANDLE), s, static_cast<DWORD>(n), &written, nullptr);
}

LONG CALLBACK overflow_handler(EXCEPTION_POINTERS* info) {
  DWORD code = info->ExceptionRecord->ExceptionCode;
  if (code != STATUS_GUARD_PAGE_VIOLATION && code != EXCEPTION_ACCESS_VIOLATION &&
      code != EXCEPTION_STACK_OVERFLOW) {
    return EXCEPTION_CONTINUE_SEARCH;
  }
  Thread* thread = static_cast<Thread*>(TlsGetValue(tls_slot));
  if (thread == nullptr || thread->current == nullptr) return EXCEPTION_CONTINUE_SEARCH;
  Task* task = thread->current;
  uintptr_t addr = info->ExceptionRecord->NumberParameters >= 2
                       ? static_cast<uintptr_t>(info->ExceptionRecord->ExceptionInformation[1])
                       : static_cast<uintptr_t>(info->ContextRecord->Rsp);
  if (addr >= task->guard_lo && addr < task->stack_lo) {
    static const char msg[] = "fatal: task stack overflow\n";
    write_stderr(msg, sizeof msg - 1);
    TerminateProcess(GetCurrentProcess(), 2);
  }
  return EXCEPTION_CONTINUE_SEARCH;
}

void NTAPI tls_callback(PVOID, DWORD reason, PVOID) {
  if (reason != DLL_THREAD_DETACH) return;
  if (sleep_timer_slot != TLS_OUT_OF_INDEXES) {
    HANDLE timer = TlsGetValue(sleep_timer_slot);
    if (timer != nullptr && timer != kDelayExecution) {
      TlsSetValue(sleep_timer_slot, nullptr);
      CloseHandle(timer);
    }
  }
  if (tls_slot == TLS_OUT_OF_INDEXES) return;
  Thread* thread = static_cast<Thread*>(TlsGetValue(tls_slot));
  if (thread != nullptr && thread->spare) release_spare_thread(thread);
}

}  // namespace
}  // namespace xrt::internal

// The loader calls every pointer in .CRT$XL? at thread attach/detach (mingw's tlssup).
extern "C" __attribute__((section(".CRT$XLX"), used))
const PIMAGE_TLS_CALLBACK xrt_tls_callback = xrt::internal::tls_callback;

namespace xrt::internal {

void platform_init() {
  if (tls_slot == TLS_OUT_OF_INDEXES) tls_slot = TlsAlloc();
  if (sleep_timer_slot == TLS_OUT_OF_INDEXES) sleep_timer_slot = TlsAlloc();
}

void futex_wait(std::atomic<uint32_t>* word, uint32_t expected) {
  WaitOnAddress(reinterpret_cast<volatile void*>(word), &expected, sizeof expected, INFINITE);
}
void futex_wake_one(std::atomic<uint32_t>* word) {
  WakeByAddressSingle(reinterpret_cast<void*>(word));
}
void futex_wake_all(std::atomic<uint32_t>* word) { WakeByAddressAll(reinterpret_cast<void*>(word)); }

__attribute__((noinline)) Thread* current_thread() {
  if (tls_slot == TLS_OUT_OF_INDEXES) return nullptr;
  return static_cast<Thread*>(TlsGetValue(tls_slot));
}
void set_current_thread(Thread* thread) { TlsSetValue(tls_slot, thread); }

void call_at_thread_exit(Thread*) {}  // the TLS callback finds the record in the slot

void start_os_thread(void (*fn)(void*), void* arg, size_t stack_size) {
  HANDLE h = CreateThread(nullptr, stack_size, os_thread_main, new OsThreadStart{fn, arg},
                          STACK_SIZE_PARAM_IS_A_RESERVATION, nullptr);
  if (h == nullptr) dief("fatal: cannot start a thread: error %lu", GetLastError());
  CloseHandle(h);
}

uint64_t os_thread_id() { return GetCurrentThreadId(); }

uint64_t now_ns() {
  static LARGE_INTEGER freq = [] {
    LARGE_INTEGER f;
    QueryPerformanceFrequency(&f);
    return f;
  }();
  LARGE_INTEGER c;
  QueryPerformanceCounter(&c);
  return static_cast<uint64_t>(static_cast<double>(c.QuadPart) * 1e9 /
                               static_cast<double>(freq.QuadPart));
}

void sleep_ns(uint64_t ns) {
  if (ns == 0) {
    os_yield();
    return;
  }
  HANDLE timer = nullptr;
  if (sleep_timer_slot != TLS_OUT_OF_INDEXES) {
    timer = static_cast<HANDLE>(TlsGetValue(sleep_timer_slot));
    if (timer == nullptr) {
      use_precise_sleeps();
      timer = static_cast<HANDLE>(TlsGetValue(sleep_timer_slot));
    }
  }
  if (timer == nullptr) {
    Sleep(static_cast<DWORD>((ns + 999999) / 1000000));
    return;
  }
  // Relative due time in 100 ns units (negative), rounded up so the sleep is never short.
  LARGE_INTEGER due;
  due.QuadPart = -static_cast<LONGLONG>((ns + 99) / 100);
  if (timer == kDelayExecution) {
    LONG status = wine_delay_execution()(FALSE, &due);
    if (status != 0) dief("fatal: NtDelayExecution failed: status 0x%lx", status);
    return;
  }
  if (!SetWaitableTimer(timer, &due, 0, nullptr, nullptr, FALSE)) {
    dief("fatal: SetWaitableTimer failed: error %lu", GetLastError());
  }
  DWORD result = WaitForSingleObject(timer, INFINITE);
  if (result != WAIT_OBJECT_0) {
    dief("fatal: waiting on the sleep timer returned %lu: error %lu", result, GetLastError());
  }
}

void use_precise_sleeps() {
  if (sleep_timer_slot == TLS_OUT_OF_INDEXES) die("fatal: use_precise_sleeps before platform_init");
  if (TlsGetValue(sleep_timer_slot) != nullptr) return;
#if !defined(XRT_SLEEP_IGNORE_WINE)  // defined to test the timer paths under Wine
  if (wine_delay_execution() != nullptr) {
    TlsSetValue(sleep_timer_slot, kDelayExecution);
    return;
  }
#endif
  constexpr DWORD kAccess = SYNCHRONIZE | TIMER_MODIFY_STATE;
  HANDLE timer = nullptr;
#if !defined(XRT_NO_HIGH_RESOLUTION_TIMER)  // defined to test the fallback below
  // Not in mingw-w64's headers; documented for CreateWaitableTimerExW since 10 1803.
  constexpr DWORD kCreateWaitableTimerHighResolution = 0x00000002;
  timer = CreateWaitableTimerExW(nullptr, nullptr, kCreateWaitableTimerHighResolution, kAccess);
#endif
  if (timer == nullptr) {
    // Older Windows refuses the flag (ERROR_INVALID_PARAMETER): make the tick 1 ms, once per
    // process and for its lifetime, and wait on an ordinary timer, which ends on the next tick.
    static const bool tick_raised = [] {
      HMODULE winmm = LoadLibraryExW(L"winmm.dll", nullptr, LOAD_LIBRARY_SEARCH_SYSTEM32);
      if (winmm == nullptr) return false;
      auto begin_period = reinterpret_cast<UINT(WINAPI*)(UINT)>(
          reinterpret_cast<void*>(GetProcAddress(winmm, "timeBeginPeriod")));
      return begin_period != nullptr && begin_period(1) == 0;  // TIMERR_NOERROR
    }();
    (void)tick_raised;  // if not: sleeps end on the default tick, late but never early
    timer = CreateWaitableTimerExW(nullptr, nullptr, 0, kAccess);
  }
  // No timer at all (out of handles): Sleep() this time, whole milliseconds; sleep_ns asks again.
  if (timer != nullptr) TlsSetValue(sleep_timer_slot, timer);
}

void os_yield() { SwitchToThread(); }

bool enable_process_barrier() { return false; }  // see platform.h
void process_barrier() { die("fatal: no process-wide barrier on Windows"); }

int cpu_count() {
  SYSTEM_INFO si;
  GetSystemInfo(&si);
  return si.dwNumberOfProcessors > 0 ? static_cast<int>(si.dwNumberOfProcessors) : 1;
}

void* stack_map(size_t size, uintptr_t* usable_lo, size_t* mapping_size) {
  size = (size + 4095) & ~size_t{4095};
  size_t below = kNoAccessBytes + kReserveBytes + kGuardPageBytes;
  *mapping_size = size + below;
  char* base = static_cast<char*>(
      VirtualAlloc(nullptr, *mapping_size, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE));
  if (base == nullptr) {
    dief("fatal: cannot allocate a task stack of %llu bytes", static_cast<unsigned long long>(size));
  }
  DWORD old;
  VirtualProtect(base, kNoAccessBytes, PAGE_NOACCESS, &old);
  VirtualProtect(base + kNoAccessBytes + kReserveBytes, kGuardPageBytes,
                 PAGE_READWRITE | PAGE_GUARD, &old);
  *usable_lo = reinterpret_cast<uintptr_t>(base) + below;
  return base;
}

void stack_unmap(void* base, size_t) { VirtualFree(base, 0, MEM_RELEASE); }

void install_stack_overflow_handler() { AddVectoredExceptionHandler(1, overflow_handler); }
void prepare_thread_for_overflow_handler() {}

bool os_thread_stack_bounds(uintptr_t* lo, uintptr_t* hi) {
  ULONG_PTR l = 0, h = 0;
  GetCurrentThreadStackLimits(&l, &h);
  if (l == 0 || h <= l) return false;
  *lo = l;
  *hi = h;
  return true;
}

void die(const char* message) {
  fflush(stdout);
  write_stderr(message, strlen(message));
  write_stderr("\n", 1);
  TerminateProcess(GetCurrentProcess(), 2);
  ExitProcess(2);
}

}  // namespace xrt::internal
#endif  // _WIN32
