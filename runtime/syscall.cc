// System calls without locking the task to its thread (semantics §5, Go's syscall.SyscallN on
// Windows after "don't call lockOSThread for every syscall call on Windows").
//
// syscall_n stores the function, argument count and argument pointer in the calling thread's
// SyscallRecord and makes an ordinary call out (callout.cc). On the system stack,
// run_syscall reads the record of the thread it runs on, clears the error value, calls the
// function and stores r1, r2 and the error value (errno / GetLastError()) back into that
// record. Nothing lives on the task stack, and the task is not locked to the thread: if the
// monitor took the processor during the call, the task resumes wherever a processor picks it
// up, and the call-out exit path has copied the record to that thread, so the results are read
// from the thread the task is on now. A callback made during the call saves the record on
// entry and restores it on return (callback.cc), so a system call inside it cannot clobber
// the outer one.
//
// XRT_SYSCALL_LOCK=1 restores the old behaviour - the task is locked to its thread for every
// call, so after a retake it waits for a processor on that same thread - for comparing the two
// in the contention benchmark only.
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "runtime/records.h"
#include "xrt/xrt.h"

#if defined(_WIN32)
#include <windows.h>
#endif

namespace xrt::internal {

std::atomic<bool> syscall_lock{[] {
  const char* v = getenv("XRT_SYSCALL_LOCK");
  return v != nullptr && strcmp(v, "1") == 0;
}()};

namespace {

using U = uintptr_t;

#if defined(_WIN32)
// Windows x64 returns r1 in rax; r2 has no register of its own (Go reports 0 there too).
struct Pair {
  U r1, r2;
};
template <typename... A>
Pair call_with(U fn, A... a) {
  return Pair{reinterpret_cast<U (*)(A...)>(fn)(a...), 0};
}
#else
// x86_64 System V and AArch64 return a two-word struct in rax:rdx / x0:x1: exactly r1, r2.
struct Pair {
  U r1, r2;
};
template <typename... A>
Pair call_with(U fn, A... a) {
  return reinterpret_cast<Pair (*)(A...)>(fn)(a...);
}
#endif

Pair dispatch(U fn, U n, const U* a) {
  switch (n) {
    case 0: return call_with(fn);
    case 1: return call_with(fn, a[0]);
    case 2: return call_with(fn, a[0], a[1]);
    case 3: return call_with(fn, a[0], a[1], a[2]);
    case 4: return call_with(fn, a[0], a[1], a[2], a[3]);
    case 5: return call_with(fn, a[0], a[1], a[2], a[3], a[4]);
    case 6: return call_with(fn, a[0], a[1], a[2], a[3], a[4], a[5]);
    case 7: return call_with(fn, a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
    case 8: return call_with(fn, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
    case 9: return call_with(fn, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8]);
    case 10: return call_with(fn, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9]);
    case 11:
      return call_with(fn, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10]);
    case 12:
      return call_with(fn, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10],
                       a[11]);
    case 13:
      return call_with(fn, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10],
                       a[11], a[12]);
    case 14:
      return call_with(fn, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10],
                       a[11], a[12], a[13]);
    case 15:
      return call_with(fn, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10],
                       a[11], a[12], a[13], a[14]);
  }
  die("fatal: syscall_n: more than 15 arguments");
}

// On the system stack: the record of the thread C runs on.
void* run_syscall(void*) {
  SyscallRecord* rec = &current_thread()->syscall;
#if defined(_WIN32)
  SetLastError(0);
  Pair r = dispatch(rec->fn, rec->nargs, rec->args);
  rec->err = GetLastError();
#else
  errno = 0;
  Pair r = dispatch(rec->fn, rec->nargs, rec->args);
  rec->err = static_cast<U>(errno);
#endif
  rec->r1 = r.r1;
  rec->r2 = r.r2;
  return nullptr;
}

}  // namespace
}  // namespace xrt::internal

namespace xrt {

using namespace internal;

SyscallResult syscall_n(uintptr_t fn, const uintptr_t* args, size_t nargs) {
  if (nargs > 15) {
    dief("xrt::syscall_n: %llu arguments, at most 15 are supported",
         static_cast<unsigned long long>(nargs));
  }
  Thread* thread = current_thread();
  if (thread == nullptr || thread->current == nullptr || thread->in_c) {
    // Not from a task: call directly, using a record on the stack.
    SyscallRecord saved;
    if (thread != nullptr) saved = thread->syscall;
    SyscallRecord local{fn, nargs, args, 0, 0, 0};
    Pair r;
#if defined(_WIN32)
    SetLastError(0);
    r = dispatch(fn, nargs, args);
    local.err = GetLastError();
#else
    errno = 0;
    r = dispatch(fn, nargs, args);
    local.err = static_cast<uintptr_t>(errno);
#endif
    if (thread != nullptr) thread->syscall = saved;
    return SyscallResult{r.r1, r.r2, local.err};
  }
  Task* task = thread->current;
  thread->syscall = SyscallRecord{fn, nargs, args, 0, 0, 0};
  const bool lock = syscall_lock.load(std::memory_order_relaxed) && task->locked_thread == nullptr;
  if (lock) task->locked_thread = thread;
  call_out(run_syscall, nullptr, ProcStatus::kInSyscall);
  thread = current_thread();  // the task may have moved: the record came with it
  if (lock) task->locked_thread = nullptr;
  SyscallRecord& rec = thread->syscall;
  rec.fn = 0;  // no call in progress any more
  return SyscallResult{rec.r1, rec.r2, rec.err};
}

}  // namespace xrt
