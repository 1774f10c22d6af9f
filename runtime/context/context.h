// Context switching for xrt: the only code in the runtime that changes which stack the CPU
// runs on. Tasks, callbacks and calls out are all built from the primitives below.
//
// Why hand-written assembly and not ucontext/fibers: a switch must cost a few nanoseconds
// (the callback budget is 20 ns in total), must behave the same on every target, and must
// keep exactly the state the ABI says survives a call - nothing more (no signal mask, no
// system call) and nothing less (on Windows the TIB stack fields, or SEH and C++ exceptions
// stop working on task stacks). A switch is an ordinary function call as far as the compiler
// knows, so only the callee-saved registers, sp and the return address need saving.
//
// One file per ABI: switch_x86_64_sysv.S, switch_x86_64_windows.S, switch_aarch64.S; the
// struct layout is shared with them through context_offsets.h.
#ifndef XRT_RUNTIME_CONTEXT_CONTEXT_H_
#define XRT_RUNTIME_CONTEXT_CONTEXT_H_

#include <cstdint>

#include "runtime/context/context_offsets.h"

namespace xrt {

// Saved state of a suspended execution: the callee-saved registers, sp and the pc to continue
// at. Caller-saved registers are not kept: every way into a Context is a function call.
struct alignas(16) Context {
#if defined(XRT_ABI_X86_64_WINDOWS)
  uint64_t rbx, rbp, rdi, rsi, r12, r13, r14, r15;
  uint64_t rsp, rip;
  alignas(16) uint8_t xmm6_15[10][16];  // all 128 bits are callee-saved on Windows
  // The thread information block describes the stack the thread is running on; the SEH
  // dispatcher rejects frames outside [stack_limit, stack_base], so these travel with the stack.
  uint64_t stack_base, stack_limit, deallocation_stack;
  // The x86-style frame chain at gs:0. Windows x64 ignores it, but Wine registers its own
  // handlers there and calls every one whose address is below the faulting frame's sp, which
  // on a task stack above the thread's stack means all of them: each stack keeps its own chain.
  uint64_t exception_list;
  uint32_t mxcsr;        // rounding mode and exception masks are callee-saved
  uint16_t x87_control;  // likewise the x87 precision and rounding control
  uint16_t unused;
#elif defined(XRT_ABI_X86_64_SYSV)
  uint64_t rbx, rbp, r12, r13, r14, r15;
  uint64_t rsp, rip;
  uint32_t mxcsr;        // control bits are callee-saved in the System V ABI
  uint16_t x87_control;  // likewise the x87 control word
  uint16_t unused;
#elif defined(XRT_ABI_AARCH64)
  uint64_t x19_28[10];
  uint64_t x29;  // frame pointer
  uint64_t x30;  // link register: the pc the context continues at
  uint64_t sp;
  uint64_t d8_15[8];  // only the low 64 bits of v8..v15 are callee-saved
  uint64_t fpcr;      // rounding mode, flush-to-zero, default NaN: preserved across calls
#endif
};

// Prepares ctx so that the first xrt_context_switch/resume to it calls entry(arg) on the stack
// [stack_lo, stack_hi) with the ABI's stack alignment (on Windows the TIB fields describe that
// stack and the 32-byte shadow space is reserved). The FP control state (mxcsr and x87
// control word, or FPCR) is inherited from the caller of context_make. entry must not return;
// if it does the process prints "fatal: task entry returned" to stderr and aborts.
void context_make(Context* ctx, void* stack_lo, void* stack_hi, void (*entry)(void*), void* arg);

}  // namespace xrt

extern "C" {
// Saves the running state into *from and loads *to. Returns when someone switches back to
// from. Switching to a context saved by xrt_context_save makes that call return 1.
void xrt_context_switch(xrt::Context* from, const xrt::Context* to);

// setjmp-like: saves the state into *ctx and returns 0. Returns `value` (must be non-zero)
// when xrt_context_resume(ctx, value) is called later from any stack, provided the frame that
// called xrt_context_save is still live.
int xrt_context_save(xrt::Context* ctx) __attribute__((returns_twice));
[[noreturn]] void xrt_context_resume(const xrt::Context* ctx, int value);

// Runs fn(arg) on the stack [stack_lo, stack_hi) and returns its result on the caller's
// stack. Cheap: only a frame pointer and (on Windows) four TIB fields are saved, no full
// context. On Windows StackBase/StackLimit/DeallocationStack describe [stack_lo, stack_hi)
// during the call, the ExceptionList (used by Wine) starts empty, and all four are restored
// afterwards. Re-entrant. If the caller already runs inside (stack_lo, stack_hi], fn runs
// just below the current sp instead of at stack_hi, which would overwrite the caller's own
// live frames. A caller that has left live frames on that stack and moved elsewhere must pass
// a stack_hi below them. Exceptions must not leave fn on Windows (the SEH dispatcher refuses
// to walk from one stack to another); on Linux the unwind tables let them pass.
void* xrt_call_on_stack(void* (*fn)(void*), void* arg, void* stack_lo, void* stack_hi);

// xrt_call_on_stack that fn can also leave early. It first saves into *back what
// xrt_context_switch saves but the FP control state, as if *back were this call's own return:
// xrt_context_load_keep_fp(back, value), from fn or anything it calls, on any stack, abandons
// every frame fn's call left on both stacks and makes this call return
// (void*)(uintptr_t)(unsigned)value, with the callee-saved registers it was called with.
// Until then *back is also a context of the caller's stack that a call made below its saved
// sp leaves alone, provided it keeps 64 bytes away (this call's own words lie there).
// For callbacks: C calls in, the runtime runs the callback on a task stack with one call, and a
// panic recovered in the callback's own frame returns from it at once.
void* xrt_call_on_stack_resumable(xrt::Context* back, void* (*fn)(void*), void* arg,
                                  void* stack_lo, void* stack_hi);
// Loads ctx except for the FP control state, which stays as it is; a pending
// xrt_context_save or xrt_call_on_stack_resumable that saved ctx returns value.
[[noreturn]] void xrt_context_load_keep_fp(const xrt::Context* ctx, int value);

// Runs fn(arg) on the stack of the suspended context `owner`, just below its saved sp, and
// returns fn's result on the caller's stack. On Windows the TIB fields are the ones `owner`
// was saved with (its StackBase, StackLimit, DeallocationStack and ExceptionList), restored
// afterwards. Meant for calls out to a thread's system stack: C code finds exactly the TIB
// it had there - the OS's own values, kept current by the OS, or a fiber's - where
// xrt_call_on_stack would describe the stack with bounds the runtime may only have estimated
// (and an estimated StackLimit/DeallocationStack on the thread's own stack breaks Windows'
// stack growth through the guard page). `owner` must stay suspended during the call.
void* xrt_call_on_context_stack(void* (*fn)(void*), void* arg, const xrt::Context* owner);

// The first frame of every context made by context_make (in switch_*.S): calls entry(arg),
// with entry and arg taken from the callee-saved registers context_make put them in, and
// calls xrt_context_entry_returned if entry returns. Unwinders stop at this frame.
void xrt_context_start();
// Prints "fatal: task entry returned" and aborts (context.cc).
[[noreturn]] void xrt_context_entry_returned();
}

#endif  // XRT_RUNTIME_CONTEXT_CONTEXT_H_
