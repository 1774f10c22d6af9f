// Context switching for x86_64 System V (Linux).
//
// Register roles:
//   rdi  first argument: the context to save into (from / ctx) or fn
//   rsi  second argument: the context to load (to), the resume value, or arg
//   rdx, rcx  stack_lo, stack_hi of xrt_call_on_stack; rdx the owner of
//             xrt_call_on_context_stack
//   rax, r8-r11  scratch (caller-saved, so a switch may destroy them)
// Saved in a Context: rbx, rbp, r12-r15 (callee-saved), rsp and rip, plus the control bits
// of mxcsr and the x87 control word, which the ABI also makes callee-saved.
// A context is always saved at a call boundary: rip is our return address, rsp the caller's
// sp after return. Loading a context therefore ends with a jump, never with ret.
#include "runtime/context/context_offsets.h"

        .text

// Saves into the context at rdi our caller's state as a return from the current function
// would leave it: the callee-saved registers, the sp after that return and the return address
// as the pc. Uses rax and r11.
.macro SAVE_CALLER_CONTEXT
        movq    (%rsp), %rax                    // our return address: where rdi continues
        leaq    8(%rsp), %r11                   // our caller's sp once that return has happened
        movq    %rbx, XRT_CTX_RBX(%rdi)
        movq    %rbp, XRT_CTX_RBP(%rdi)
        movq    %r12, XRT_CTX_R12(%rdi)
        movq    %r13, XRT_CTX_R13(%rdi)
        movq    %r14, XRT_CTX_R14(%rdi)
        movq    %r15, XRT_CTX_R15(%rdi)
        movq    %r11, XRT_CTX_RSP(%rdi)
        movq    %rax, XRT_CTX_RIP(%rdi)
.endm

// void xrt_context_switch(Context* from, const Context* to)
        .globl  xrt_context_switch
        .type   xrt_context_switch, @function
        .p2align 4
xrt_context_switch:
        .cfi_startproc
        stmxcsr XRT_CTX_MXCSR(%rdi)             // the FP control state first: from's ...
        fnstcw  XRT_CTX_X87_CW(%rdi)
        ldmxcsr XRT_CTX_MXCSR(%rsi)             // ... and to's (no FP code runs until the jump)
        fldcw   XRT_CTX_X87_CW(%rsi)
        SAVE_CALLER_CONTEXT
        movq    %rsi, %rdi                      // load `to` ...
        movl    $1, %esi                        // ... and make a pending xrt_context_save return 1
        jmp     .Lload_registers
        .cfi_endproc
        .size   xrt_context_switch, .-xrt_context_switch

// [[noreturn]] void xrt_context_resume(const Context* ctx, int value)
// xrt_context_load_keep_fp (rdi = to, esi = the value a pending xrt_context_save returns):
// loads everything but the FP control state, which xrt_call_on_stack_resumable does not save.
        .globl  xrt_context_resume
        .type   xrt_context_resume, @function
        .globl  xrt_context_load_keep_fp
        .p2align 4
xrt_context_resume:
        .cfi_startproc
.Lload:
        ldmxcsr XRT_CTX_MXCSR(%rdi)
        fldcw   XRT_CTX_X87_CW(%rdi)
.Lload_registers:
xrt_context_load_keep_fp:
        movq    XRT_CTX_RBX(%rdi), %rbx
        movq    XRT_CTX_RBP(%rdi), %rbp
        movq    XRT_CTX_R12(%rdi), %r12
        movq    XRT_CTX_R13(%rdi), %r13
        movq    XRT_CTX_R14(%rdi), %r14
        movq    XRT_CTX_R15(%rdi), %r15
        movq    XRT_CTX_RSP(%rdi), %rsp         // from here on we are on the other stack
        movl    %esi, %eax                      // xrt_context_save's second return value
        jmpq    *XRT_CTX_RIP(%rdi)
        .cfi_endproc
        .size   xrt_context_resume, .-xrt_context_resume

// int xrt_context_save(Context* ctx): the saving half of xrt_context_switch, returning 0.
        .globl  xrt_context_save
        .type   xrt_context_save, @function
        .p2align 4
xrt_context_save:
        .cfi_startproc
        SAVE_CALLER_CONTEXT
        stmxcsr XRT_CTX_MXCSR(%rdi)
        fnstcw  XRT_CTX_X87_CW(%rdi)
        xorl    %eax, %eax
        ret
        .cfi_endproc
        .size   xrt_context_save, .-xrt_context_save

// void* xrt_call_on_stack_resumable(Context* back, void* (*fn)(void*), void* arg,
//                                   void* stack_lo, void* stack_hi)
// Saves in back what xrt_context_switch would (less the FP control state), as if back were
// this call's own return, then goes on as xrt_call_on_stack(fn, arg, stack_lo, stack_hi).
        .globl  xrt_call_on_stack_resumable
        .type   xrt_call_on_stack_resumable, @function
        .p2align 4
xrt_call_on_stack_resumable:
        .cfi_startproc
        SAVE_CALLER_CONTEXT
        movq    %rsi, %rdi                      // xrt_call_on_stack's arguments, one down
        movq    %rdx, %rsi
        movq    %rcx, %rdx
        movq    %r8, %rcx
        jmp     .Lcall_on_stack                 // no return address pushed: its return is ours
        .cfi_endproc
        .size   xrt_call_on_stack_resumable, .-xrt_call_on_stack_resumable

// void* xrt_call_on_stack(void* (*fn)(void*), void* arg, void* stack_lo, void* stack_hi)
// Only rbp is saved: it holds our caller's sp across the call, and the unwind info below
// computes the frame from rbp, so unwinders and debuggers can walk back to the old stack.
        .globl  xrt_call_on_stack
        .type   xrt_call_on_stack, @function
        .p2align 4
xrt_call_on_stack:
.Lcall_on_stack:
        .cfi_startproc
        pushq   %rbp
        .cfi_def_cfa_offset 16
        .cfi_offset %rbp, -16
        movq    %rsp, %rbp
        .cfi_def_cfa_register %rbp
        movq    %rdi, %rax
        movq    %rsi, %rdi
        cmpq    %rdx, %rsp                      // sp <= stack_lo: not on that stack
        jbe     1f
        cmpq    %rcx, %rsp                      // stack_lo < sp <= stack_hi: already on it,
        jbe     2f                              // stay below our own live frames
1:      movq    %rcx, %rsp
        andq    $-16, %rsp                      // the ABI's alignment at a call
2:      callq   *%rax
        leave                                   // rsp = rbp, pop rbp: back on the caller's stack
        .cfi_def_cfa %rsp, 8
        ret
        .cfi_endproc
        .size   xrt_call_on_stack, .-xrt_call_on_stack

// void* xrt_call_on_context_stack(void* (*fn)(void*), void* arg, const Context* owner)
// xrt_call_on_stack with the stack top taken from a suspended context.
        .globl  xrt_call_on_context_stack
        .type   xrt_call_on_context_stack, @function
        .p2align 4
xrt_call_on_context_stack:
        .cfi_startproc
        pushq   %rbp
        .cfi_def_cfa_offset 16
        .cfi_offset %rbp, -16
        movq    %rsp, %rbp
        .cfi_def_cfa_register %rbp
        movq    %rdi, %rax
        movq    %rsi, %rdi
        movq    XRT_CTX_RSP(%rdx), %rsp         // below owner's frames: its sp is where its
        andq    $-16, %rsp                      // suspended call will return to
        callq   *%rax
        leave
        .cfi_def_cfa %rsp, 8
        ret
        .cfi_endproc
        .size   xrt_call_on_context_stack, .-xrt_call_on_context_stack

// The first frame of every context made by context_make: r12 = entry, r13 = arg.
// Entered by a jump with rsp = 8 mod 16 and a zero "return address" at (%rsp).
        .globl  xrt_context_start
        .type   xrt_context_start, @function
        .p2align 4
xrt_context_start:
        .cfi_startproc
        .cfi_undefined %rip                     // outermost frame: unwinders stop here
        subq    $8, %rsp                        // realign to 16 for the call
        .cfi_adjust_cfa_offset 8
        movq    %r13, %rdi
        callq   *%r12                           // entry(arg)
        callq   xrt_context_entry_returned@PLT  // entry must not return: fatal
        ud2
        .cfi_endproc
        .size   xrt_context_start, .-xrt_context_start

        .section .note.GNU-stack, "", @progbits
