// The system-call record a thread keeps for the call in progress (semantics §5): function,
// arguments and results live here, not on the task stack, so a callback made during the call
// can save and restore it, and the call-out exit path can copy it to the thread the task
// resumed on.
#ifndef XRT_RUNTIME_SYSCALL_RECORD_H_
#define XRT_RUNTIME_SYSCALL_RECORD_H_

#include <cstdint>

namespace xrt::internal {

struct SyscallRecord {
  uintptr_t fn = 0;
  uintptr_t nargs = 0;
  const uintptr_t* args = nullptr;
  uintptr_t r1 = 0, r2 = 0, err = 0;
};

}  // namespace xrt::internal

#endif  // XRT_RUNTIME_SYSCALL_RECORD_H_
