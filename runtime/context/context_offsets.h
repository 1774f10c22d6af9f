// Byte offsets of the fields of xrt::Context, one set per ABI. The assembly in
// switch_*.S addresses the struct only through these names; context_offsets.cc ties each one
// to the C++ layout with static_assert, so the two cannot drift apart silently.
// Plain #defines (no C++) because the assembler includes this file too.
#ifndef XRT_RUNTIME_CONTEXT_CONTEXT_OFFSETS_H_
#define XRT_RUNTIME_CONTEXT_CONTEXT_OFFSETS_H_

#if defined(__x86_64__) && defined(_WIN64)
#define XRT_ABI_X86_64_WINDOWS 1
#define XRT_CTX_RBX 0
#define XRT_CTX_RBP 8
#define XRT_CTX_RDI 16
#define XRT_CTX_RSI 24
#define XRT_CTX_R12 32
#define XRT_CTX_R13 40
#define XRT_CTX_R14 48
#define XRT_CTX_R15 56
#define XRT_CTX_RSP 64
#define XRT_CTX_RIP 72
#define XRT_CTX_XMM6 80 /* xmm6..xmm15, 16 bytes each, 16-byte aligned */
#define XRT_CTX_STACK_BASE 240         /* TIB gs:0x08 */
#define XRT_CTX_STACK_LIMIT 248        /* TIB gs:0x10 */
#define XRT_CTX_DEALLOCATION_STACK 256 /* TEB gs:0x1478 */
#define XRT_CTX_EXCEPTION_LIST 264     /* TIB gs:0x00 */
#define XRT_CTX_MXCSR 272
#define XRT_CTX_X87_CW 276
#define XRT_CTX_SIZE 288
/* Where the thread information block keeps the stack of the running code. */
#define XRT_TIB_EXCEPTION_LIST 0x00
#define XRT_TIB_STACK_BASE 0x08
#define XRT_TIB_STACK_LIMIT 0x10
#define XRT_TEB_DEALLOCATION_STACK 0x1478

#elif defined(__x86_64__)
#define XRT_ABI_X86_64_SYSV 1
#define XRT_CTX_RBX 0
#define XRT_CTX_RBP 8
#define XRT_CTX_R12 16
#define XRT_CTX_R13 24
#define XRT_CTX_R14 32
#define XRT_CTX_R15 40
#define XRT_CTX_RSP 48
#define XRT_CTX_RIP 56
#define XRT_CTX_MXCSR 64
#define XRT_CTX_X87_CW 68
#define XRT_CTX_SIZE 80

#elif defined(__aarch64__)
#define XRT_ABI_AARCH64 1
#define XRT_CTX_X19 0 /* x19..x28 in pairs, 8 bytes each */
#define XRT_CTX_X29 80
#define XRT_CTX_X30 88 /* lr: where the context continues */
#define XRT_CTX_SP 96
#define XRT_CTX_D8 104 /* d8..d15 in pairs, 8 bytes each */
#define XRT_CTX_FPCR 168
#define XRT_CTX_SIZE 176

#else
#error "xrt context switching: unsupported target (x86_64 System V, x86_64 Windows, AArch64)"
#endif

#endif  // XRT_RUNTIME_CONTEXT_CONTEXT_OFFSETS_H_
