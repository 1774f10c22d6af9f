// The reference adapter: the xcall ABI (conformance/abi/xcall.h) on xrt, the reference runtime.
//
// Every xc_* function is a callback into xrt (xrt::callback), so drivers reach runtime code the
// same way a Go c-archive's exported functions do; every call to the driver's xcd_* functions is
// a call out (xrt::ccall, or xrt::syscall_n for xc_syscall_sum), so it runs on the thread's
// system stack with the processor lent out.
// The meaning of each flag matches the Go adapter (conformance/adapters/go/xcall.go) exactly:
// XC_COLLECT is xrt::gc(), XC_PANIC is xrt::panic("xcall panic"), XC_RECOVER a recovering
// call around the call out. Bad flags are a driver bug: exit 3 with a message.
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "conformance/abi/xcall.h"
#include "runtime/include/xrt/xrt.h"

namespace {

constexpr int kKnownFlags = XC_COLLECT | XC_PANIC | XC_RECOVER | XC_NEST;
constexpr char kPanicMessage[] = "xcall panic";

void CheckFlags(const char* fn, int flags) {
  if (flags & ~kKnownFlags) {
    std::fprintf(stderr, "%s: unknown flag bits %#x (known: %#x)\n", fn, flags & ~kKnownFlags,
                 kKnownFlags);
    std::exit(3);
  }
}

void* CallDriver(void* flags) {
  xcd_callback(*static_cast<int*>(flags));
  return nullptr;
}

void CallDriverExpectingPanic(void* flags) {
  xrt::ccall(CallDriver, flags);
  std::fprintf(stderr, "xc_call_c: expected a panic\n");
  std::exit(3);
}

// Runtime code of xc_call_c: calls C, optionally behind a recover frame.
void CallC(int flags) {
  if (!(flags & XC_RECOVER)) {
    xrt::ccall(CallDriver, &flags);
    return;
  }
  const char* recovered = xrt::try_call(CallDriverExpectingPanic, &flags);
  if (recovered == nullptr || std::strcmp(recovered, kPanicMessage) != 0) {
    std::fprintf(stderr, "xc_call_c: expected a panic \"%s\", recovered %s\n", kPanicMessage,
                 recovered ? recovered : "nothing");
    std::exit(3);
  }
  xrt::gc();
}

void* Enter(void* arg) {
  int flags = *static_cast<int*>(arg);
  if (flags & XC_COLLECT) xrt::gc();
  if (flags & XC_NEST) CallC(flags & ~XC_NEST);
  if (flags & XC_PANIC) xrt::panic(kPanicMessage);
  return nullptr;
}

void* CallCEntry(void* arg) {
  CallC(*static_cast<int*>(arg));
  return nullptr;
}

void* Echo(void* arg) { return reinterpret_cast<void*>(reinterpret_cast<uintptr_t>(arg) + 1); }

struct Sum3Call {
  uint64_t a, b, c, result;
};

// xcd_sum3 through xrt's system-call path (semantics §5): no lock to the thread, results
// travel with the task wherever it resumes.
void CallSum3(Sum3Call* call) {
  const uintptr_t args[] = {call->a, call->b, call->c};
  call->result = xrt::syscall_n(reinterpret_cast<uintptr_t>(&xcd_sum3), args, 3).r1;
}

struct SyscallSumTask {
  uint64_t index = 0;
  int32_t calls = 0;
  uint64_t total = 0;
};

void RunSyscallSumTask(void* arg) {
  auto* task = static_cast<SyscallSumTask*>(arg);
  for (uint64_t i = 0; i < static_cast<uint64_t>(task->calls); ++i) {
    Sum3Call call{task->index, i, task->index * i + 7, 0};
    CallSum3(&call);
    uint64_t want = call.a + 2 * call.b + 3 * call.c;
    if (call.result != want) {
      std::fprintf(stderr,
                   "xc_syscall_sum: task %" PRIu64 " call %" PRIu64 ": xcd_sum3(%" PRIu64
                   ", %" PRIu64 ", %" PRIu64 ") = %" PRIu64 ", want %" PRIu64 "\n",
                   task->index, i, call.a, call.b, call.c, call.result, want);
      std::exit(3);
    }
    task->total += call.result;
  }
}

struct SyscallSum {
  int32_t tasks, calls;
  uint64_t total;
};

void* SyscallSumBody(void* arg) {
  auto* sum = static_cast<SyscallSum*>(arg);
  auto* tasks = new SyscallSumTask[sum->tasks];
  auto** handles = new xrt::Task*[sum->tasks];
  for (int32_t t = 0; t < sum->tasks; ++t) {
    tasks[t].index = static_cast<uint64_t>(t);
    tasks[t].calls = sum->calls;
    handles[t] = xrt::spawn(RunSyscallSumTask, &tasks[t]);
  }
  for (int32_t t = 0; t < sum->tasks; ++t) {
    xrt::join(handles[t]);
    sum->total += tasks[t].total;
  }
  delete[] handles;
  delete[] tasks;
  return nullptr;
}

}  // namespace

extern "C" {

void xc_enter(int flags) {
  CheckFlags("xc_enter", flags);
  xrt::callback(Enter, &flags);
}

void xc_call_c(int flags) {
  CheckFlags("xc_call_c", flags);
  xrt::callback(CallCEntry, &flags);
}

uint64_t xc_echo(uint64_t x) {
  return reinterpret_cast<uintptr_t>(xrt::callback(Echo, reinterpret_cast<void*>(x)));
}

uint64_t xc_syscall_sum(int32_t tasks, int32_t calls) {
  if (tasks < 0 || calls < 0) {
    std::fprintf(stderr, "xc_syscall_sum: negative tasks (%d) or calls (%d)\n", tasks, calls);
    std::exit(3);
  }
  SyscallSum sum{tasks, calls, 0};
  xrt::callback(SyscallSumBody, &sum);
  return sum.total;
}

const char* xc_runtime_name(void) { return "xrt 0.1"; }

}  // extern "C"
