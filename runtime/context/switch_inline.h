// xrt_context_switch_keep_fp written inline at its call site, with no call and no return.
//
// Why: a switch made by calling a function leaves the CPU's return-address predictor out of
// step. The call pushes the caller's return address; the other stack then returns through
// its own frames and every such return is predicted to go to an address of the stack it came
// from: one mispredicted return (about 8 ns on this project's x86_64 machine) per switch
// side, more when the frames nest. Inline, the saving side pushes nothing (its resume
// address comes from `lea`/`adr`) and reaches the loading code with a plain jump, so the
// predictor holds exactly the calls each stack made itself. A callback round trip (C stack ->
// task -> C stack) measured 22.6 ns with called switches and 13.4 ns with these, everything
// else equal (the design's floor: TLS, one CAS, the switches and the callback's call).
//
// What it saves: only what the compiler cannot be told about - the resume address, sp, the
// frame pointer and, on Windows, the TIB's stack fields. Every other register is declared
// clobbered, so the compiler keeps what it needs across the switch itself. The loading half
// (xrt_context_load_keep_fp in switch_*.S) loads a whole context, so a context saved here may
// be loaded by xrt_context_switch_keep_fp too and the other way round; like that switch, it
// neither saves nor loads the FP control state (context.h). Not declared clobbered, so not
// allowed to be live across it: x87 registers (long double values). x18 is clobbered: the
// other side may use it as the temporary register it is on Linux.
#ifndef XRT_RUNTIME_CONTEXT_SWITCH_INLINE_H_
#define XRT_RUNTIME_CONTEXT_SWITCH_INLINE_H_

#include "runtime/context/context.h"

#define XRT_SWITCH_INLINE_STR2(x) #x
#define XRT_SWITCH_INLINE_STR(x) XRT_SWITCH_INLINE_STR2(x)
#define XRT_OFF(name) XRT_SWITCH_INLINE_STR(XRT_CTX_##name)
#define XRT_GS(name) XRT_SWITCH_INLINE_STR(name)
// x86_64, both ABIs: where `from` (in rax) resumes - label 1 - with its sp and frame pointer.
#define XRT_SAVE_RESUME_POINT                           \
  "leaq    1f(%%rip), %%r10\n\t"                        \
  "movq    %%r10, " XRT_OFF(RIP) "(%%rax)\n\t"          \
  "movq    %%rsp, " XRT_OFF(RSP) "(%%rax)\n\t"          \
  "movq    %%rbp, " XRT_OFF(RBP) "(%%rax)\n\t"
// x86_64, both ABIs: every register the switch does not keep, but for the one of rcx / rdi
// that carries `to` (each ABI's first argument register).
#define XRT_X86_CLOBBERS                                                                   \
  "rbx", "rdx", "rsi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "xmm0", "xmm1", \
      "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11",     \
      "xmm12", "xmm13", "xmm14", "xmm15", "memory", "cc"

namespace xrt {

__attribute__((always_inline)) inline void context_switch_keep_fp_inline(Context* from,
                                                                        const Context* to) {
#if defined(XRT_ABI_X86_64_SYSV)
  __asm__ volatile(
      XRT_SAVE_RESUME_POINT
      "movl    $1, %%esi\n\t"  // what a pending xrt_context_save would return
      "jmp     xrt_context_load_keep_fp@PLT\n"
      "1:"
      : "+a"(from), "+D"(to)
      :
      : "rcx", XRT_X86_CLOBBERS);
#elif defined(XRT_ABI_X86_64_WINDOWS)
  __asm__ volatile(
      XRT_SAVE_RESUME_POINT
      "movq    %%gs:" XRT_GS(XRT_TIB_STACK_BASE) ", %%r10\n\t"
      "movq    %%r10, " XRT_OFF(STACK_BASE) "(%%rax)\n\t"
      "movq    %%gs:" XRT_GS(XRT_TIB_STACK_LIMIT) ", %%r10\n\t"
      "movq    %%r10, " XRT_OFF(STACK_LIMIT) "(%%rax)\n\t"
      "movq    %%gs:" XRT_GS(XRT_TEB_DEALLOCATION_STACK) ", %%r10\n\t"
      "movq    %%r10, " XRT_OFF(DEALLOCATION_STACK) "(%%rax)\n\t"
      "movq    %%gs:" XRT_GS(XRT_TIB_EXCEPTION_LIST) ", %%r10\n\t"
      "movq    %%r10, " XRT_OFF(EXCEPTION_LIST) "(%%rax)\n\t"
      "movl    $1, %%edx\n\t"
      "jmp     xrt_context_load_keep_fp\n"
      "1:"
      : "+a"(from), "+c"(to)
      :
      : "rdi", XRT_X86_CLOBBERS);
#elif defined(XRT_ABI_AARCH64)
  register Context* from_reg __asm__("x9") = from;
  register const Context* to_reg __asm__("x0") = to;
  __asm__ volatile(
      "adr     x10, 1f\n\t"
      "str     x10, [x9, #" XRT_OFF(X30) "]\n\t"
      "mov     x10, sp\n\t"
      "str     x10, [x9, #" XRT_OFF(SP) "]\n\t"
      "str     x29, [x9, #" XRT_OFF(X29) "]\n\t"
      "mov     w1, #1\n\t"
      "b       xrt_context_load_keep_fp\n"
      "1:"
      : "+r"(from_reg), "+r"(to_reg)
      :
      : "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x10", "x11", "x12", "x13", "x14",
        "x15", "x16", "x17", "x18", "x19", "x20", "x21", "x22", "x23", "x24", "x25", "x26",
        "x27", "x28", "x30", "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10",
        "v11", "v12", "v13", "v14", "v15", "v16", "v17", "v18", "v19", "v20", "v21", "v22",
        "v23", "v24", "v25", "v26", "v27", "v28", "v29", "v30", "v31", "memory", "cc");
#endif
}

}  // namespace xrt

#undef XRT_OFF
#undef XRT_GS
#undef XRT_X86_CLOBBERS
#undef XRT_SAVE_RESUME_POINT
#undef XRT_SWITCH_INLINE_STR
#undef XRT_SWITCH_INLINE_STR2

#endif  // XRT_RUNTIME_CONTEXT_SWITCH_INLINE_H_
