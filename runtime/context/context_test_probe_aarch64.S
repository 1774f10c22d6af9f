// Test helpers (AArch64) that put known values in every callee-saved register, leave
// through a context primitive and, once back, record what the registers hold. The caller's
// own registers are kept and restored around all that.
//   void xrt_test_switch_with_registers(Context* from, const Context* to,
//                                       const uint64_t* load, uint64_t* found)
//     loads `load`, xrt_test_switch(from, to), stores into `found`.
//   int xrt_test_save_with_registers(Context* ctx, const uint64_t* load, uint64_t* found,
//                                    void (*then)(Context*))
//     loads `load`, xrt_context_save(ctx); on 0 calls then(ctx), which must resume ctx;
//     on the second return stores into `found` and returns the resume value.
//   [[noreturn]] void xrt_test_resume_with_registers(const Context* ctx, const uint64_t* load,
//                                                    int value)
//     loads `load`, xrt_context_resume(ctx, value).
// Slots: x19..x29, d8..d15, fpcr.
        .text
        .globl  xrt_test_switch_with_registers
        .type   xrt_test_switch_with_registers, %function
        .p2align 4
xrt_test_switch_with_registers:
        stp     x29, x30, [sp, #-176]!          // frame: x29 x30, x19-x28, d8-d15, found
        stp     x19, x20, [sp, #16]
        stp     x21, x22, [sp, #32]
        stp     x23, x24, [sp, #48]
        stp     x25, x26, [sp, #64]
        stp     x27, x28, [sp, #80]
        stp     d8, d9, [sp, #96]
        stp     d10, d11, [sp, #112]
        stp     d12, d13, [sp, #128]
        stp     d14, d15, [sp, #144]
        str     x3, [sp, #160]                  // `found`: every register is about to change
        mrs     x9, fpcr                        // the caller's FP control
        str     x9, [sp, #168]
        ldr     x9, [x2, #152]
        msr     fpcr, x9
        ldp     x19, x20, [x2, #0]
        ldp     x21, x22, [x2, #16]
        ldp     x23, x24, [x2, #32]
        ldp     x25, x26, [x2, #48]
        ldp     x27, x28, [x2, #64]
        ldr     x29, [x2, #80]
        ldp     d8, d9, [x2, #88]
        ldp     d10, d11, [x2, #104]
        ldp     d12, d13, [x2, #120]
        ldp     d14, d15, [x2, #136]
        adrp    x9, :got:xrt_test_switch
        ldr     x9, [x9, :got_lo12:xrt_test_switch]
        ldr     x9, [x9]
        blr     x9                              // x0 = from, x1 = to, untouched so far
        ldr     x9, [sp, #160]
        mrs     x10, fpcr
        str     x10, [x9, #152]
        ldr     x10, [sp, #168]
        msr     fpcr, x10
        stp     x19, x20, [x9, #0]
        stp     x21, x22, [x9, #16]
        stp     x23, x24, [x9, #32]
        stp     x25, x26, [x9, #48]
        stp     x27, x28, [x9, #64]
        str     x29, [x9, #80]
        stp     d8, d9, [x9, #88]
        stp     d10, d11, [x9, #104]
        stp     d12, d13, [x9, #120]
        stp     d14, d15, [x9, #136]
        ldp     x19, x20, [sp, #16]
        ldp     x21, x22, [sp, #32]
        ldp     x23, x24, [sp, #48]
        ldp     x25, x26, [sp, #64]
        ldp     x27, x28, [sp, #80]
        ldp     d8, d9, [sp, #96]
        ldp     d10, d11, [sp, #112]
        ldp     d12, d13, [sp, #128]
        ldp     d14, d15, [sp, #144]
        ldp     x29, x30, [sp], #176
        ret
        .size   xrt_test_switch_with_registers, .-xrt_test_switch_with_registers

        .globl  xrt_test_save_with_registers
        .type   xrt_test_save_with_registers, %function
        .p2align 4
xrt_test_save_with_registers:
        stp     x29, x30, [sp, #-192]!          // frame: x29 x30, x19-x28, d8-d15, found,
        stp     x19, x20, [sp, #16]             // then, ctx
        stp     x21, x22, [sp, #32]
        stp     x23, x24, [sp, #48]
        stp     x25, x26, [sp, #64]
        stp     x27, x28, [sp, #80]
        stp     d8, d9, [sp, #96]
        stp     d10, d11, [sp, #112]
        stp     d12, d13, [sp, #128]
        stp     d14, d15, [sp, #144]
        stp     x2, x3, [sp, #160]              // found, then
        str     x0, [sp, #176]                  // ctx
        mrs     x9, fpcr                        // the caller's FP control
        str     x9, [sp, #184]
        ldr     x9, [x1, #152]
        msr     fpcr, x9
        ldp     x19, x20, [x1, #0]
        ldp     x21, x22, [x1, #16]
        ldp     x23, x24, [x1, #32]
        ldp     x25, x26, [x1, #48]
        ldp     x27, x28, [x1, #64]
        ldr     x29, [x1, #80]
        ldp     d8, d9, [x1, #88]
        ldp     d10, d11, [x1, #104]
        ldp     d12, d13, [x1, #120]
        ldp     d14, d15, [x1, #136]
        bl      xrt_context_save                // x0 = ctx
        cbnz    w0, 1f
        ldr     x0, [sp, #176]
        ldr     x9, [sp, #168]
        blr     x9                              // then(ctx): resumes ctx, never returns
        brk     #0
1:      ldr     x9, [sp, #160]                  // w0 holds the resume value: keep it
        mrs     x10, fpcr
        str     x10, [x9, #152]
        ldr     x10, [sp, #184]
        msr     fpcr, x10
        stp     x19, x20, [x9, #0]
        stp     x21, x22, [x9, #16]
        stp     x23, x24, [x9, #32]
        stp     x25, x26, [x9, #48]
        stp     x27, x28, [x9, #64]
        str     x29, [x9, #80]
        stp     d8, d9, [x9, #88]
        stp     d10, d11, [x9, #104]
        stp     d12, d13, [x9, #120]
        stp     d14, d15, [x9, #136]
        ldp     x19, x20, [sp, #16]
        ldp     x21, x22, [sp, #32]
        ldp     x23, x24, [sp, #48]
        ldp     x25, x26, [sp, #64]
        ldp     x27, x28, [sp, #80]
        ldp     d8, d9, [sp, #96]
        ldp     d10, d11, [sp, #112]
        ldp     d12, d13, [sp, #128]
        ldp     d14, d15, [sp, #144]
        ldp     x29, x30, [sp], #192
        ret
        .size   xrt_test_save_with_registers, .-xrt_test_save_with_registers

        .globl  xrt_test_resume_with_registers
        .type   xrt_test_resume_with_registers, %function
        .p2align 4
xrt_test_resume_with_registers:
        ldp     x19, x20, [x1, #0]
        ldp     x21, x22, [x1, #16]
        ldp     x23, x24, [x1, #32]
        ldp     x25, x26, [x1, #48]
        ldp     x27, x28, [x1, #64]
        ldr     x29, [x1, #80]
        ldp     d8, d9, [x1, #88]
        ldp     d10, d11, [x1, #104]
        ldp     d12, d13, [x1, #120]
        ldp     d14, d15, [x1, #136]
        ldr     x9, [x1, #152]
        msr     fpcr, x9
        mov     w1, w2                          // no need to keep the caller's: no return
        b       xrt_context_resume              // x0 = ctx, w1 = value
        .size   xrt_test_resume_with_registers, .-xrt_test_resume_with_registers

// xrt_test_resumable_as_switch and its callee xrt_test_scramble_and_leave: what they do is
// said once, where context_test.cc declares the first.
        .globl  xrt_test_resumable_as_switch
        .type   xrt_test_resumable_as_switch, %function
        .p2align 4
xrt_test_resumable_as_switch:
        ldp     x3, x4, [x1]
        mov     x2, x0
        adr     x1, xrt_test_scramble_and_leave
        b       xrt_call_on_stack_resumable
        .size   xrt_test_resumable_as_switch, .-xrt_test_resumable_as_switch

        .type   xrt_test_scramble_and_leave, %function
        .p2align 4
xrt_test_scramble_and_leave:
        mov     x19, #0x5c01
        mov     x20, #0x5c02
        mov     x21, #0x5c03
        mov     x22, #0x5c04
        mov     x23, #0x5c05
        mov     x24, #0x5c06
        mov     x25, #0x5c07
        mov     x26, #0x5c08
        mov     x27, #0x5c09
        mov     x28, #0x5c0a
        mov     x29, #0x5c0b
        fmov    d8, x19
        fmov    d9, x20
        fmov    d10, x21
        fmov    d11, x22
        fmov    d12, x23
        fmov    d13, x24
        fmov    d14, x25
        fmov    d15, x26
        mov     w1, #7
        b       xrt_context_load_keep_fp
        .size   xrt_test_scramble_and_leave, .-xrt_test_scramble_and_leave

        .section .note.GNU-stack, "", %progbits
