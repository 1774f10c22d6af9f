// Test helpers (x86_64 System V) that put known values in every callee-saved register, leave
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
// Slots: rbx rbp r12 r13 r14 r15, mxcsr (low 32 bits), x87 control word (low 16 bits).
        .text
        .globl  xrt_test_switch_with_registers
        .type   xrt_test_switch_with_registers, @function
        .p2align 4
xrt_test_switch_with_registers:
        pushq   %rbx
        pushq   %rbp
        pushq   %r12
        pushq   %r13
        pushq   %r14
        pushq   %r15
        subq    $24, %rsp                       // 6 pushes + 24 keeps the call 16-aligned
        stmxcsr 0(%rsp)                         // the caller's FP control state
        fnstcw  4(%rsp)
        movq    %rcx, 8(%rsp)                   // `found`: every register is about to change
        movq    0(%rdx), %rbx
        movq    8(%rdx), %rbp
        movq    16(%rdx), %r12
        movq    24(%rdx), %r13
        movq    32(%rdx), %r14
        movq    40(%rdx), %r15
        ldmxcsr 48(%rdx)
        fldcw   56(%rdx)
        movq    xrt_test_switch@GOTPCREL(%rip), %rax
        callq   *(%rax)                         // rdi = from, rsi = to, untouched so far
        movq    8(%rsp), %rax
        movq    %rbx, 0(%rax)
        movq    %rbp, 8(%rax)
        movq    %r12, 16(%rax)
        movq    %r13, 24(%rax)
        movq    %r14, 32(%rax)
        movq    %r15, 40(%rax)
        movq    $0, 48(%rax)                    // stmxcsr/fnstcw write only the low bytes
        movq    $0, 56(%rax)
        stmxcsr 48(%rax)
        fnstcw  56(%rax)
        ldmxcsr 0(%rsp)
        fldcw   4(%rsp)
        addq    $24, %rsp
        popq    %r15
        popq    %r14
        popq    %r13
        popq    %r12
        popq    %rbp
        popq    %rbx
        ret
        .size   xrt_test_switch_with_registers, .-xrt_test_switch_with_registers

        .globl  xrt_test_save_with_registers
        .type   xrt_test_save_with_registers, @function
        .p2align 4
xrt_test_save_with_registers:
        pushq   %rbx
        pushq   %rbp
        pushq   %r12
        pushq   %r13
        pushq   %r14
        pushq   %r15
        subq    $40, %rsp                       // 6 pushes + 40 keeps the calls 16-aligned
        stmxcsr 0(%rsp)
        fnstcw  4(%rsp)
        movq    %rdx, 8(%rsp)                   // found
        movq    %rcx, 16(%rsp)                  // then
        movq    %rdi, 24(%rsp)                  // ctx
        movq    0(%rsi), %rbx
        movq    8(%rsi), %rbp
        movq    16(%rsi), %r12
        movq    24(%rsi), %r13
        movq    32(%rsi), %r14
        movq    40(%rsi), %r15
        ldmxcsr 48(%rsi)
        fldcw   56(%rsi)
        callq   xrt_context_save@PLT            // rdi = ctx
        testl   %eax, %eax
        jnz     1f
        movq    24(%rsp), %rdi
        callq   *16(%rsp)                       // then(ctx): resumes ctx, never returns
        ud2
1:      movq    8(%rsp), %rcx                   // eax holds the resume value: keep it
        movq    %rbx, 0(%rcx)
        movq    %rbp, 8(%rcx)
        movq    %r12, 16(%rcx)
        movq    %r13, 24(%rcx)
        movq    %r14, 32(%rcx)
        movq    %r15, 40(%rcx)
        movq    $0, 48(%rcx)
        movq    $0, 56(%rcx)
        stmxcsr 48(%rcx)
        fnstcw  56(%rcx)
        ldmxcsr 0(%rsp)
        fldcw   4(%rsp)
        addq    $40, %rsp
        popq    %r15
        popq    %r14
        popq    %r13
        popq    %r12
        popq    %rbp
        popq    %rbx
        ret
        .size   xrt_test_save_with_registers, .-xrt_test_save_with_registers

        .globl  xrt_test_resume_with_registers
        .type   xrt_test_resume_with_registers, @function
        .p2align 4
xrt_test_resume_with_registers:
        movq    0(%rsi), %rbx                   // no need to keep the caller's: no return
        movq    8(%rsi), %rbp
        movq    16(%rsi), %r12
        movq    24(%rsi), %r13
        movq    32(%rsi), %r14
        movq    40(%rsi), %r15
        ldmxcsr 48(%rsi)
        fldcw   56(%rsi)
        movl    %edx, %esi
        jmp     xrt_context_resume@PLT          // rdi = ctx, esi = value
        .size   xrt_test_resume_with_registers, .-xrt_test_resume_with_registers

// xrt_test_resumable_as_switch and its callee xrt_test_scramble_and_leave: what they do is
// said once, where context_test.cc declares the first.
        .globl  xrt_test_resumable_as_switch
        .type   xrt_test_resumable_as_switch, @function
        .p2align 4
xrt_test_resumable_as_switch:
        movq    0(%rsi), %rcx
        movq    8(%rsi), %r8
        movq    %rdi, %rdx
        leaq    xrt_test_scramble_and_leave(%rip), %rsi
        jmp     xrt_call_on_stack_resumable@PLT
        .size   xrt_test_resumable_as_switch, .-xrt_test_resumable_as_switch

        .type   xrt_test_scramble_and_leave, @function
        .p2align 4
xrt_test_scramble_and_leave:
        movabsq $0x5c5c5c5c5c5c5c01, %rbx
        movabsq $0x5c5c5c5c5c5c5c02, %rbp
        movabsq $0x5c5c5c5c5c5c5c03, %r12
        movabsq $0x5c5c5c5c5c5c5c04, %r13
        movabsq $0x5c5c5c5c5c5c5c05, %r14
        movabsq $0x5c5c5c5c5c5c5c06, %r15
        movl    $7, %esi
        jmp     xrt_context_load_keep_fp@PLT
        .size   xrt_test_scramble_and_leave, .-xrt_test_scramble_and_leave

        .section .note.GNU-stack, "", @progbits
