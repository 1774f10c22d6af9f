// xrt_call_on_stack without a call of its own: the stack switch is written into the caller.
//
// Why: xrt_call_on_stack is a function, so while fn runs two return addresses are live, the
// caller's into xrt_call_on_stack and its own into fn; inlined, only the call of fn is. Fewer
// live return addresses per call out means C -> runtime -> C nesting fills the CPU's return
// stack (16 to 32 entries on current x86_64 cores) more slowly. Past its capacity the return
// stack still predicts a return when the entry it wraps around to holds the same address,
// which nesting of one repeating shape gives when the shape's length divides the capacity.
// callback_bench's nesting (benchmark frames included) went from 5 return addresses per level
// to 4, and on this project's AMD EPYC host of November 2026 depth 64 from 1.6-1.8x the cost
// per level of depth 1 to about 1.05x; a C caller with other frames per level gets the
// shorter shape but not necessarily that divisibility. Not every CPU wraps so: on the AMD EPYC
// (family 26) host of December 2026 every return past about 32 entries is mispredicted,
// whatever the shape, and depth 64 costs 2.3-2.5x (a plain C chain of the same shape: 5-6x).
//
// Where: x86_64, System V and Windows. The switch keeps the caller's sp in rbx (callee-saved
// in both ABIs, so fn keeps it) and the caller must be compiled with frame pointers
// (-fno-omit-frame-pointer, as the runtime is): its unwind info (DWARF CFI, or SEH's frame
// register) then finds the frame from rbp, which the switch does not move, and unwinders and
// debuggers walk from fn back to the caller's stack. On Windows the four TIB fields
// xrt_call_on_stack switches are switched here too. On AArch64 this is xrt_call_on_stack: GCC
// describes AArch64 frames from sp even with frame pointers, which an inline switch would
// break.
#ifndef XRT_RUNTIME_CONTEXT_CALL_ON_STACK_INLINE_H_
#define XRT_RUNTIME_CONTEXT_CALL_ON_STACK_INLINE_H_

#include <cstdint>

#include "runtime/context/context.h"

namespace xrt {

#if defined(__x86_64__)
// Where fn's frames start: stack_hi, or below the caller's sp and its red zone if the caller
// already runs inside (stack_lo, stack_hi]; aligned as the ABI wants it at a call.
__attribute__((always_inline)) inline uintptr_t call_stack_top(void* stack_lo, void* stack_hi,
                                                               uintptr_t red_zone) {
  uintptr_t sp;
  __asm__ volatile("movq %%rsp, %0" : "=r"(sp));
  uintptr_t top = reinterpret_cast<uintptr_t>(stack_hi);
  if (sp > reinterpret_cast<uintptr_t>(stack_lo) && sp <= top) top = sp - red_zone;
  return top & ~uintptr_t{15};
}
#endif

// xrt_call_on_stack's contract (context.h): fn(arg) on [stack_lo, stack_hi), or just below
// the caller's sp (and its red zone) if it already runs inside (stack_lo, stack_hi].
__attribute__((always_inline)) inline void* call_on_stack_inline(void* (*fn)(void*), void* arg,
                                                                 void* stack_lo,
                                                                 void* stack_hi) {
#if defined(XRT_ABI_X86_64_SYSV)
  const uintptr_t top = call_stack_top(stack_lo, stack_hi, 128);
  register void* rdi __asm__("rdi") = arg;
  void* result;
  // Everything a call may change but rbx, which holds our sp instead.
  __asm__ volatile(
      "movq %%rsp, %%rbx\n\t"
      "movq %[top], %%rsp\n\t"
      "callq *%[fn]\n\t"
      "movq %%rbx, %%rsp"
      : "=a"(result), "+r"(rdi)
      : [fn] "r"(fn), [top] "r"(top)
      : "rbx", "rcx", "rdx", "rsi", "r8", "r9", "r10", "r11", "memory", "cc", "xmm0", "xmm1",
        "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11",
        "xmm12", "xmm13", "xmm14", "xmm15", "st", "st(1)", "st(2)", "st(3)", "st(4)", "st(5)",
        "st(6)", "st(7)", "mm0", "mm1", "mm2", "mm3", "mm4", "mm5", "mm6", "mm7");
  return result;
#elif defined(XRT_ABI_X86_64_WINDOWS)
  const uintptr_t top = call_stack_top(stack_lo, stack_hi, 0);  // no red zone on Windows
  register void* rcx __asm__("rcx") = arg;
  void* result;
  // As xrt_call_on_stack: the thread's four TIB fields, kept on the new stack above the
  // callee's shadow space, describe [stack_lo, stack_hi) during the call; the exception chain
  // starts empty. Everything a call may change but rbx, which holds our sp instead.
  __asm__ volatile(
      "movq %%rsp, %%rbx\n\t"
      "movq %[top], %%rsp\n\t"
      "pushq %%gs:%c[base]\n\t"
      "pushq %%gs:%c[limit]\n\t"
      "pushq %%gs:%c[deallocation]\n\t"
      "pushq %%gs:%c[chain]\n\t"
      "movq %[hi], %%gs:%c[base]\n\t"
      "movq %[lo], %%gs:%c[limit]\n\t"
      "movq %[lo], %%gs:%c[deallocation]\n\t"
      "movq $-1, %%gs:%c[chain]\n\t"
      "subq $32, %%rsp\n\t"
      "callq *%[fn]\n\t"
      "addq $32, %%rsp\n\t"
      "popq %%gs:%c[chain]\n\t"
      "popq %%gs:%c[deallocation]\n\t"
      "popq %%gs:%c[limit]\n\t"
      "popq %%gs:%c[base]\n\t"
      "movq %%rbx, %%rsp"
      : "=a"(result), "+r"(rcx)
      : [fn] "r"(fn), [top] "r"(top), [lo] "r"(stack_lo), [hi] "r"(stack_hi),
        [base] "i"(XRT_TIB_STACK_BASE), [limit] "i"(XRT_TIB_STACK_LIMIT),
        [deallocation] "i"(XRT_TEB_DEALLOCATION_STACK), [chain] "i"(XRT_TIB_EXCEPTION_LIST)
      : "rbx", "rdx", "r8", "r9", "r10", "r11", "memory", "cc", "xmm0", "xmm1", "xmm2", "xmm3",
        "xmm4", "xmm5", "st", "st(1)", "st(2)", "st(3)", "st(4)", "st(5)", "st(6)", "st(7)",
        "mm0", "mm1", "mm2", "mm3", "mm4", "mm5", "mm6", "mm7");
  return result;
#else
  return xrt_call_on_stack(fn, arg, stack_lo, stack_hi);
#endif
}

}  // namespace xrt

#endif  // XRT_RUNTIME_CONTEXT_CALL_ON_STACK_INLINE_H_
