// Context switching for x86_64 Windows (mingw-w64; runs under Wine too).
//
// Register roles:
//   rcx  first argument: the context to save into (from / ctx) or fn
//   rdx  second argument: the context to load (to), the resume value, or arg
//   r8, r9  stack_lo, stack_hi of xrt_call_on_stack; r8 the owner of xrt_call_on_context_stack
//   rax, r10, r11  scratch (caller-saved, so a switch may destroy them)
// Saved in a Context: rbx, rbp, rdi, rsi, r12-r15, xmm6-xmm15 (all callee-saved on Windows),
// rsp and rip, mxcsr and the x87 control word, and the TEB fields that belong to the current
// stack: StackBase gs:0x08, StackLimit gs:0x10, DeallocationStack gs:0x1478 (the exception
// dispatcher rejects any frame outside [StackLimit, StackBase], so without them a C++
// exception or SEH on a task stack ends the process) and ExceptionList gs:0x00 (unused by
// Windows x64, but Wine keeps its own handler frames there and would call those of another
// stack during dispatch).
// A context is always saved at a call boundary: rip is our return address, rsp the caller's
// sp after return. Loading a context therefore ends with a jump, never with ret.
// xmm slots use movups: correct for any Context address, and as fast as movaps when aligned.
#include "runtime/context/context_offsets.h"

        .text

// Saves into the context at rcx our caller's state as a return from the current function
// would leave it: the callee-saved registers, the sp after that return, the return address as
// the pc, and the TEB fields of the stack it runs on. Uses rax and r10.
.macro SAVE_CALLER_CONTEXT
        movq    (%rsp), %rax                    // our return address: where rcx continues
        leaq    8(%rsp), %r10                   // our caller's sp once that return has happened
        movq    %rbx, XRT_CTX_RBX(%rcx)
        movq    %rbp, XRT_CTX_RBP(%rcx)
        movq    %rdi, XRT_CTX_RDI(%rcx)
        movq    %rsi, XRT_CTX_RSI(%rcx)
        movq    %r12, XRT_CTX_R12(%rcx)
        movq    %r13, XRT_CTX_R13(%rcx)
        movq    %r14, XRT_CTX_R14(%rcx)
        movq    %r15, XRT_CTX_R15(%rcx)
        movq    %r10, XRT_CTX_RSP(%rcx)
        movq    %rax, XRT_CTX_RIP(%rcx)
        movups  %xmm6, XRT_CTX_XMM6+0*16(%rcx)
        movups  %xmm7, XRT_CTX_XMM6+1*16(%rcx)
        movups  %xmm8, XRT_CTX_XMM6+2*16(%rcx)
        movups  %xmm9, XRT_CTX_XMM6+3*16(%rcx)
        movups  %xmm10, XRT_CTX_XMM6+4*16(%rcx)
        movups  %xmm11, XRT_CTX_XMM6+5*16(%rcx)
        movups  %xmm12, XRT_CTX_XMM6+6*16(%rcx)
        movups  %xmm13, XRT_CTX_XMM6+7*16(%rcx)
        movups  %xmm14, XRT_CTX_XMM6+8*16(%rcx)
        movups  %xmm15, XRT_CTX_XMM6+9*16(%rcx)
        movq    %gs:XRT_TIB_STACK_BASE, %rax
        movq    %rax, XRT_CTX_STACK_BASE(%rcx)
        movq    %gs:XRT_TIB_STACK_LIMIT, %rax
        movq    %rax, XRT_CTX_STACK_LIMIT(%rcx)
        movq    %gs:XRT_TEB_DEALLOCATION_STACK, %rax
        movq    %rax, XRT_CTX_DEALLOCATION_STACK(%rcx)
        movq    %gs:XRT_TIB_EXCEPTION_LIST, %rax
        movq    %rax, XRT_CTX_EXCEPTION_LIST(%rcx)
.endm

// void xrt_context_switch(Context* from, const Context* to)
        .globl  xrt_context_switch
        .def    xrt_context_switch; .scl 2; .type 32; .endef
        .p2align 4
xrt_context_switch:
        stmxcsr XRT_CTX_MXCSR(%rcx)             // the FP control state first: from's ...
        fnstcw  XRT_CTX_X87_CW(%rcx)
        ldmxcsr XRT_CTX_MXCSR(%rdx)             // ... and to's (no FP code runs until the jump)
        fldcw   XRT_CTX_X87_CW(%rdx)
        SAVE_CALLER_CONTEXT
        movq    %rdx, %rcx                      // load `to` ...
        movl    $1, %edx                        // ... and make a pending xrt_context_save return 1
        jmp     .Lload_registers

// xrt_context_load_keep_fp (rcx = to, edx = the value a pending xrt_context_save returns):
// loads everything but the FP control state, which xrt_call_on_stack_resumable does not save.
        .globl  xrt_context_load_keep_fp
// [[noreturn]] void xrt_context_resume(const Context* ctx, int value)
        .globl  xrt_context_resume
        .def    xrt_context_resume; .scl 2; .type 32; .endef
        .p2align 4
xrt_context_resume:
.Lload:
        ldmxcsr XRT_CTX_MXCSR(%rcx)
        fldcw   XRT_CTX_X87_CW(%rcx)
.Lload_registers:
xrt_context_load_keep_fp:
        movq    XRT_CTX_STACK_BASE(%rcx), %rax
        movq    %rax, %gs:XRT_TIB_STACK_BASE
        movq    XRT_CTX_STACK_LIMIT(%rcx), %rax
        movq    %rax, %gs:XRT_TIB_STACK_LIMIT
        movq    XRT_CTX_DEALLOCATION_STACK(%rcx), %rax
        movq    %rax, %gs:XRT_TEB_DEALLOCATION_STACK
        movq    XRT_CTX_EXCEPTION_LIST(%rcx), %rax
        movq    %rax, %gs:XRT_TIB_EXCEPTION_LIST
        movups  XRT_CTX_XMM6+0*16(%rcx), %xmm6
        movups  XRT_CTX_XMM6+1*16(%rcx), %xmm7
        movups  XRT_CTX_XMM6+2*16(%rcx), %xmm8
        movups  XRT_CTX_XMM6+3*16(%rcx), %xmm9
        movups  XRT_CTX_XMM6+4*16(%rcx), %xmm10
        movups  XRT_CTX_XMM6+5*16(%rcx), %xmm11
        movups  XRT_CTX_XMM6+6*16(%rcx), %xmm12
        movups  XRT_CTX_XMM6+7*16(%rcx), %xmm13
        movups  XRT_CTX_XMM6+8*16(%rcx), %xmm14
        movups  XRT_CTX_XMM6+9*16(%rcx), %xmm15
        movq    XRT_CTX_RBX(%rcx), %rbx
        movq    XRT_CTX_RBP(%rcx), %rbp
        movq    XRT_CTX_RDI(%rcx), %rdi
        movq    XRT_CTX_RSI(%rcx), %rsi
        movq    XRT_CTX_R12(%rcx), %r12
        movq    XRT_CTX_R13(%rcx), %r13
        movq    XRT_CTX_R14(%rcx), %r14
        movq    XRT_CTX_R15(%rcx), %r15
        movq    XRT_CTX_RSP(%rcx), %rsp         // from here on we are on the other stack
        movl    %edx, %eax                      // xrt_context_save's second return value
        jmpq    *XRT_CTX_RIP(%rcx)

// int xrt_context_save(Context* ctx): the saving half of xrt_context_switch, returning 0.
        .globl  xrt_context_save
        .def    xrt_context_save; .scl 2; .type 32; .endef
        .p2align 4
xrt_context_save:
        SAVE_CALLER_CONTEXT
        stmxcsr XRT_CTX_MXCSR(%rcx)
        fnstcw  XRT_CTX_X87_CW(%rcx)
        xorl    %eax, %eax
        ret

// void* xrt_call_on_stack_resumable(Context* back, void* (*fn)(void*), void* arg,
//                                   void* stack_lo, void* stack_hi)
// Saves in back what xrt_context_switch would (less the FP control state), as if back were
// this call's own return, then goes on as xrt_call_on_stack(fn, arg, stack_lo, stack_hi).
// A leaf until then: it moves no stack pointer and changes no callee-saved register.
        .globl  xrt_call_on_stack_resumable
        .def    xrt_call_on_stack_resumable; .scl 2; .type 32; .endef
        .p2align 4
xrt_call_on_stack_resumable:
        SAVE_CALLER_CONTEXT
        movq    %rdx, %rcx                      // xrt_call_on_stack's arguments, one down
        movq    %r8, %rdx
        movq    %r9, %r8
        movq    40(%rsp), %r9                   // stack_hi: our fifth argument, on the stack
        jmp     .Lcall_on_stack                 // no return address pushed: its return is ours

// void* xrt_call_on_stack(void* (*fn)(void*), void* arg, void* stack_lo, void* stack_hi)
// rbp holds our caller's sp across the call and is declared the frame register, so the
// unwind data lets debuggers walk back to the old stack. The caller's TEB fields wait in our
// frame on the old stack while fn runs.
        .globl  xrt_call_on_stack
        .def    xrt_call_on_stack; .scl 2; .type 32; .endef
        .p2align 4
        .seh_proc xrt_call_on_stack
xrt_call_on_stack:
.Lcall_on_stack:
        pushq   %rbp
        .seh_pushreg %rbp
        movq    %rsp, %rbp
        .seh_setframe %rbp, 0
        .seh_endprologue
        pushq   %gs:XRT_TIB_STACK_BASE          // -8(%rbp)
        pushq   %gs:XRT_TIB_STACK_LIMIT         // -16(%rbp)
        pushq   %gs:XRT_TEB_DEALLOCATION_STACK  // -24(%rbp)
        pushq   %gs:XRT_TIB_EXCEPTION_LIST      // -32(%rbp)
        movq    %r9, %gs:XRT_TIB_STACK_BASE
        movq    %r8, %gs:XRT_TIB_STACK_LIMIT
        movq    %r8, %gs:XRT_TEB_DEALLOCATION_STACK
        movq    $-1, %gs:XRT_TIB_EXCEPTION_LIST  // an empty chain for the new stack
        movq    %rcx, %rax
        movq    %rdx, %rcx
        cmpq    %r8, %rsp                       // sp <= stack_lo: not on that stack
        jbe     1f
        cmpq    %r9, %rsp                       // stack_lo < sp <= stack_hi: already on it,
        jbe     2f                              // stay below our own live frames
1:      movq    %r9, %rsp
2:      andq    $-16, %rsp                      // the ABI's alignment at a call ...
        subq    $32, %rsp                       // ... below the callee's shadow space
        callq   *%rax
        movq    -8(%rbp), %rcx
        movq    %rcx, %gs:XRT_TIB_STACK_BASE
        movq    -16(%rbp), %rcx
        movq    %rcx, %gs:XRT_TIB_STACK_LIMIT
        movq    -24(%rbp), %rcx
        movq    %rcx, %gs:XRT_TEB_DEALLOCATION_STACK
        movq    -32(%rbp), %rcx
        movq    %rcx, %gs:XRT_TIB_EXCEPTION_LIST
        leaq    0(%rbp), %rsp                   // the epilogue form the unwinder recognises
        popq    %rbp
        ret
        .seh_endproc

// void* xrt_call_on_context_stack(void* (*fn)(void*), void* arg, const Context* owner)
// xrt_call_on_stack with the stack top and the TEB fields taken from a suspended context.
        .globl  xrt_call_on_context_stack
        .def    xrt_call_on_context_stack; .scl 2; .type 32; .endef
        .p2align 4
        .seh_proc xrt_call_on_context_stack
xrt_call_on_context_stack:
        pushq   %rbp
        .seh_pushreg %rbp
        movq    %rsp, %rbp
        .seh_setframe %rbp, 0
        .seh_endprologue
        pushq   %gs:XRT_TIB_STACK_BASE          // -8(%rbp)
        pushq   %gs:XRT_TIB_STACK_LIMIT         // -16(%rbp)
        pushq   %gs:XRT_TEB_DEALLOCATION_STACK  // -24(%rbp)
        pushq   %gs:XRT_TIB_EXCEPTION_LIST      // -32(%rbp)
        movq    XRT_CTX_STACK_BASE(%r8), %rax
        movq    %rax, %gs:XRT_TIB_STACK_BASE
        movq    XRT_CTX_STACK_LIMIT(%r8), %rax
        movq    %rax, %gs:XRT_TIB_STACK_LIMIT
        movq    XRT_CTX_DEALLOCATION_STACK(%r8), %rax
        movq    %rax, %gs:XRT_TEB_DEALLOCATION_STACK
        movq    XRT_CTX_EXCEPTION_LIST(%r8), %rax
        movq    %rax, %gs:XRT_TIB_EXCEPTION_LIST
        movq    %rcx, %rax
        movq    %rdx, %rcx
        movq    XRT_CTX_RSP(%r8), %rsp          // below owner's frames: its sp is where its
        andq    $-16, %rsp                      // suspended call will return to
        subq    $32, %rsp                       // the callee's shadow space
        callq   *%rax
        movq    -8(%rbp), %rcx
        movq    %rcx, %gs:XRT_TIB_STACK_BASE
        movq    -16(%rbp), %rcx
        movq    %rcx, %gs:XRT_TIB_STACK_LIMIT
        movq    -24(%rbp), %rcx
        movq    %rcx, %gs:XRT_TEB_DEALLOCATION_STACK
        movq    -32(%rbp), %rcx
        movq    %rcx, %gs:XRT_TIB_EXCEPTION_LIST
        leaq    0(%rbp), %rsp                   // the epilogue form the unwinder recognises
        popq    %rbp
        ret
        .seh_endproc

// The first frame of every context made by context_make: r12 = entry, r13 = arg.
// Entered by a jump with rsp = 8 mod 16 and a zero "return address" at (%rsp), which is
// where unwinders stop.
        .globl  xrt_context_start
        .def    xrt_context_start; .scl 2; .type 32; .endef
        .p2align 4
        .seh_proc xrt_context_start
xrt_context_start:
        subq    $40, %rsp                       // entry's 32-byte shadow space, and realign
        .seh_stackalloc 40                      // to 16 for the call
        .seh_endprologue
        movq    %r13, %rcx
        callq   *%r12                           // entry(arg)
        callq   xrt_context_entry_returned      // entry must not return: fatal
        ud2
        .seh_endproc
