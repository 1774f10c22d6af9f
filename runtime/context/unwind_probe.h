// For tests: does an unwinder, started in a function called on another stack, walk back to
// a given frame? (_Unwind_Backtrace, as debuggers, profilers and backtrace() would.)
#ifndef XRT_RUNTIME_CONTEXT_UNWIND_PROBE_H_
#define XRT_RUNTIME_CONTEXT_UNWIND_PROBE_H_

#include <unwind.h>

#include <cstdint>

namespace xrt {

struct UnwindProbe {
  uintptr_t target_return = 0;  // the return address of the frame the walk must reach
  int frames = 0;               // frames walked before it, or before giving up at 64
  bool reached = false;

  // Walks from the caller; stops at the target frame, the outermost one, or 64 frames.
  __attribute__((noinline)) void walk() { _Unwind_Backtrace(note_frame, this); }

 private:
  static _Unwind_Reason_Code note_frame(_Unwind_Context* context, void* arg) {
    auto* probe = static_cast<UnwindProbe*>(arg);
    if (_Unwind_GetIP(context) == probe->target_return) {
      probe->reached = true;
      return _URC_END_OF_STACK;
    }
    return ++probe->frames < 64 ? _URC_NO_REASON : _URC_END_OF_STACK;
  }
};

}  // namespace xrt

#endif  // XRT_RUNTIME_CONTEXT_UNWIND_PROBE_H_
