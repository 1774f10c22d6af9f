// Context switching for AArch64 (AAPCS64, Linux).
//
// Register roles:
//   x0  first argument: the context to save into (from / ctx) or fn
//   x1  second argument: the context to load (to), the resume value, or arg
//   x2, x3  stack_lo, stack_hi of xrt_call_on_stack; x2 the owner of xrt_call_on_context_stack
//   x9, x10  scratch (caller-saved, so a switch may destroy them)
// Saved in a Context: x19-x28, x29 (frame pointer), x30 (lr), sp and d8-d15 (only the low 64
// bits of v8-v15 are callee-saved), and FPCR, whose control fields (rounding mode, flush to
// zero, default NaN) are preserved across calls too. A context is always saved at a call boundary, so lr is
// the pc where it continues and loading a context ends with `ret` through the loaded lr.
#include "runtime/context/context_offsets.h"

        .text

// Saves into the context at x0 our caller's state as a return from the current function would
// leave it: the callee-saved registers, sp, and lr (x30) as the pc. Uses x9.
.macro SAVE_CALLER_CONTEXT
        stp     x19, x20, [x0, #XRT_CTX_X19 + 0]
        stp     x21, x22, [x0, #XRT_CTX_X19 + 16]
        stp     x23, x24, [x0, #XRT_CTX_X19 + 32]
        stp     x25, x26, [x0, #XRT_CTX_X19 + 48]
        stp     x27, x28, [x0, #XRT_CTX_X19 + 64]
        stp     x29, x30, [x0, #XRT_CTX_X29]    // x30 is our return address
        mov     x9, sp                          // sp cannot be stored directly
        str     x9, [x0, #XRT_CTX_SP]
        stp     d8, d9, [x0, #XRT_CTX_D8 + 0]
        stp     d10, d11, [x0, #XRT_CTX_D8 + 16]
        stp     d12, d13, [x0, #XRT_CTX_D8 + 32]
        stp     d14, d15, [x0, #XRT_CTX_D8 + 48]
.endm

// void xrt_context_switch(Context* from, const Context* to)
        .globl  xrt_context_switch
        .type   xrt_context_switch, %function
        .p2align 4
xrt_context_switch:
        .cfi_startproc
        mrs     x9, fpcr                        // the FP control register first: from's ...
        str     x9, [x0, #XRT_CTX_FPCR]
        ldr     x10, [x1, #XRT_CTX_FPCR]        // ... and to's (no FP code runs until the ret)
        msr     fpcr, x10
        SAVE_CALLER_CONTEXT
        mov     x0, x1                          // load `to` ...
        mov     w1, #1                          // ... and make a pending xrt_context_save return 1
        b       .Lload_registers
        .cfi_endproc
        .size   xrt_context_switch, .-xrt_context_switch

// xrt_context_load_keep_fp (x0 = to, w1 = the value a pending xrt_context_save returns):
// loads everything but FPCR, which xrt_call_on_stack_resumable does not save.
        .globl  xrt_context_load_keep_fp
// [[noreturn]] void xrt_context_resume(const Context* ctx, int value)
        .globl  xrt_context_resume
        .type   xrt_context_resume, %function
        .p2align 4
xrt_context_resume:
        .cfi_startproc
.Lload:
        ldr     x10, [x0, #XRT_CTX_FPCR]
        msr     fpcr, x10
.Lload_registers:
xrt_context_load_keep_fp:
        ldp     x19, x20, [x0, #XRT_CTX_X19 + 0]
        ldp     x21, x22, [x0, #XRT_CTX_X19 + 16]
        ldp     x23, x24, [x0, #XRT_CTX_X19 + 32]
        ldp     x25, x26, [x0, #XRT_CTX_X19 + 48]
        ldp     x27, x28, [x0, #XRT_CTX_X19 + 64]
        ldp     x29, x30, [x0, #XRT_CTX_X29]
        ldr     x9, [x0, #XRT_CTX_SP]
        mov     sp, x9                          // from here on we are on the other stack
        ldp     d8, d9, [x0, #XRT_CTX_D8 + 0]
        ldp     d10, d11, [x0, #XRT_CTX_D8 + 16]
        ldp     d12, d13, [x0, #XRT_CTX_D8 + 32]
        ldp     d14, d15, [x0, #XRT_CTX_D8 + 48]
        mov     w0, w1                          // xrt_context_save's second return value
        ret                                     // to the loaded x30
        .cfi_endproc
        .size   xrt_context_resume, .-xrt_context_resume

// int xrt_context_save(Context* ctx): the saving half of xrt_context_switch, returning 0.
        .globl  xrt_context_save
        .type   xrt_context_save, %function
        .p2align 4
xrt_context_save:
        .cfi_startproc
        SAVE_CALLER_CONTEXT
        mrs     x9, fpcr
        str     x9, [x0, #XRT_CTX_FPCR]
        mov     w0, #0
        ret
        .cfi_endproc
        .size   xrt_context_save, .-xrt_context_save

// void* xrt_call_on_stack_resumable(Context* back, void* (*fn)(void*), void* arg,
//                                   void* stack_lo, void* stack_hi)
// Saves in back what xrt_context_switch would (less FPCR), as if back were this call's own
// return, then goes on as xrt_call_on_stack(fn, arg, stack_lo, stack_hi).
        .globl  xrt_call_on_stack_resumable
        .type   xrt_call_on_stack_resumable, %function
        .p2align 4
xrt_call_on_stack_resumable:
        .cfi_startproc
        SAVE_CALLER_CONTEXT
        mov     x0, x1                          // xrt_call_on_stack's arguments, one down
        mov     x1, x2
        mov     x2, x3
        mov     x3, x4
        b       .Lcall_on_stack                 // lr untouched: its return is ours
        .cfi_endproc
        .size   xrt_call_on_stack_resumable, .-xrt_call_on_stack_resumable

// void* xrt_call_on_stack(void* (*fn)(void*), void* arg, void* stack_lo, void* stack_hi)
// Only x29/x30 are saved, on the caller's stack; x29 then holds the caller's sp across the
// call and the unwind info computes the frame from it, so unwinders walk back to the old stack.
        .globl  xrt_call_on_stack
        .type   xrt_call_on_stack, %function
        .p2align 4
xrt_call_on_stack:
.Lcall_on_stack:
        .cfi_startproc
        stp     x29, x30, [sp, #-16]!
        .cfi_def_cfa_offset 16
        .cfi_offset x29, -16
        .cfi_offset x30, -8
        mov     x29, sp
        .cfi_def_cfa x29, 16
        mov     x9, x0
        mov     x0, x1
        mov     x10, sp
        cmp     x10, x2                         // sp <= stack_lo: not on that stack
        b.ls    1f
        cmp     x10, x3                         // stack_lo < sp <= stack_hi: already on it,
        b.ls    2f                              // stay below our own live frames
1:      and     x10, x3, #~15                   // sp must be 16-byte aligned at all times
        mov     sp, x10
2:      blr     x9
        mov     sp, x29                         // back on the caller's stack
        .cfi_def_cfa sp, 16
        ldp     x29, x30, [sp], #16
        .cfi_def_cfa_offset 0
        .cfi_restore x29
        .cfi_restore x30
        ret
        .cfi_endproc
        .size   xrt_call_on_stack, .-xrt_call_on_stack

// void* xrt_call_on_context_stack(void* (*fn)(void*), void* arg, const Context* owner)
// xrt_call_on_stack with the stack top taken from a suspended context.
        .globl  xrt_call_on_context_stack
        .type   xrt_call_on_context_stack, %function
        .p2align 4
xrt_call_on_context_stack:
        .cfi_startproc
        stp     x29, x30, [sp, #-16]!
        .cfi_def_cfa_offset 16
        .cfi_offset x29, -16
        .cfi_offset x30, -8
        mov     x29, sp
        .cfi_def_cfa x29, 16
        mov     x9, x0
        mov     x0, x1
        ldr     x10, [x2, #XRT_CTX_SP]          // below owner's frames: its sp is where its
        and     x10, x10, #~15                  // suspended call will return to
        mov     sp, x10
        blr     x9
        mov     sp, x29                         // back on the caller's stack
        .cfi_def_cfa sp, 16
        ldp     x29, x30, [sp], #16
        .cfi_def_cfa_offset 0
        .cfi_restore x29
        .cfi_restore x30
        ret
        .cfi_endproc
        .size   xrt_call_on_context_stack, .-xrt_call_on_context_stack

// The first frame of every context made by context_make: x19 = entry, x20 = arg,
// x29 = 0, sp 16-byte aligned at the top of the stack.
        .globl  xrt_context_start
        .type   xrt_context_start, %function
        .p2align 4
xrt_context_start:
        .cfi_startproc
        .cfi_undefined x30                      // outermost frame: unwinders stop here
        mov     x0, x20
        blr     x19                             // entry(arg)
        bl      xrt_context_entry_returned      // entry must not return: fatal
        brk     #0
        .cfi_endproc
        .size   xrt_context_start, .-xrt_context_start

        .section .note.GNU-stack, "", %progbits
