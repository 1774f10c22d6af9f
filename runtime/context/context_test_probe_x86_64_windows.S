// Test helpers (x86_64 Windows) that put known values in every callee-saved register, leave
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
// Slots: rbx rbp rdi rsi r12 r13 r14 r15, xmm6..xmm15 (two slots each), mxcsr (low 32 bits),
// x87 control word (low 16 bits).
        .text
        .globl  xrt_test_switch_with_registers
        .def    xrt_test_switch_with_registers; .scl 2; .type 32; .endef
        .p2align 4
xrt_test_switch_with_registers:
        pushq   %rbx
        pushq   %rbp
        pushq   %rdi
        pushq   %rsi
        pushq   %r12
        pushq   %r13
        pushq   %r14
        pushq   %r15
        subq    $216, %rsp                      // shadow 32, xmm 160, fp control 8, found 8,
                                                // and 8 to keep the call 16-aligned
        movups  %xmm6, 32+0*16(%rsp)
        movups  %xmm7, 32+1*16(%rsp)
        movups  %xmm8, 32+2*16(%rsp)
        movups  %xmm9, 32+3*16(%rsp)
        movups  %xmm10, 32+4*16(%rsp)
        movups  %xmm11, 32+5*16(%rsp)
        movups  %xmm12, 32+6*16(%rsp)
        movups  %xmm13, 32+7*16(%rsp)
        movups  %xmm14, 32+8*16(%rsp)
        movups  %xmm15, 32+9*16(%rsp)
        stmxcsr 192(%rsp)
        fnstcw  196(%rsp)
        movq    %r9, 200(%rsp)                  // `found`: every register is about to change
        movq    0(%r8), %rbx
        movq    8(%r8), %rbp
        movq    16(%r8), %rdi
        movq    24(%r8), %rsi
        movq    32(%r8), %r12
        movq    40(%r8), %r13
        movq    48(%r8), %r14
        movq    56(%r8), %r15
        movups  64+0*16(%r8), %xmm6
        movups  64+1*16(%r8), %xmm7
        movups  64+2*16(%r8), %xmm8
        movups  64+3*16(%r8), %xmm9
        movups  64+4*16(%r8), %xmm10
        movups  64+5*16(%r8), %xmm11
        movups  64+6*16(%r8), %xmm12
        movups  64+7*16(%r8), %xmm13
        movups  64+8*16(%r8), %xmm14
        movups  64+9*16(%r8), %xmm15
        ldmxcsr 224(%r8)
        fldcw   232(%r8)
        callq   *xrt_test_switch(%rip)          // rcx = from, rdx = to, untouched so far
        movq    200(%rsp), %rax
        movq    %rbx, 0(%rax)
        movq    %rbp, 8(%rax)
        movq    %rdi, 16(%rax)
        movq    %rsi, 24(%rax)
        movq    %r12, 32(%rax)
        movq    %r13, 40(%rax)
        movq    %r14, 48(%rax)
        movq    %r15, 56(%rax)
        movups  %xmm6, 64+0*16(%rax)
        movups  %xmm7, 64+1*16(%rax)
        movups  %xmm8, 64+2*16(%rax)
        movups  %xmm9, 64+3*16(%rax)
        movups  %xmm10, 64+4*16(%rax)
        movups  %xmm11, 64+5*16(%rax)
        movups  %xmm12, 64+6*16(%rax)
        movups  %xmm13, 64+7*16(%rax)
        movups  %xmm14, 64+8*16(%rax)
        movups  %xmm15, 64+9*16(%rax)
        movq    $0, 224(%rax)                   // stmxcsr/fnstcw write only the low bytes
        movq    $0, 232(%rax)
        stmxcsr 224(%rax)
        fnstcw  232(%rax)
        movups  32+0*16(%rsp), %xmm6
        movups  32+1*16(%rsp), %xmm7
        movups  32+2*16(%rsp), %xmm8
        movups  32+3*16(%rsp), %xmm9
        movups  32+4*16(%rsp), %xmm10
        movups  32+5*16(%rsp), %xmm11
        movups  32+6*16(%rsp), %xmm12
        movups  32+7*16(%rsp), %xmm13
        movups  32+8*16(%rsp), %xmm14
        movups  32+9*16(%rsp), %xmm15
        ldmxcsr 192(%rsp)
        fldcw   196(%rsp)
        addq    $216, %rsp
        popq    %r15
        popq    %r14
        popq    %r13
        popq    %r12
        popq    %rsi
        popq    %rdi
        popq    %rbp
        popq    %rbx
        ret

// void xrt_test_entry_using_shadow_space(void* arg): a task entry that writes all four
// slots of the shadow space its caller must have reserved (any function may), then
// continues as xrt_test_alignment_entry(arg) with the stack as it found it.
        .globl  xrt_test_entry_using_shadow_space
        .def    xrt_test_entry_using_shadow_space; .scl 2; .type 32; .endef
        .p2align 4
xrt_test_entry_using_shadow_space:
        movq    %rcx, 8(%rsp)
        movq    %rcx, 16(%rsp)
        movq    %rcx, 24(%rsp)
        movq    %rcx, 32(%rsp)
        jmp     xrt_test_alignment_entry

        .globl  xrt_test_save_with_registers
        .def    xrt_test_save_with_registers; .scl 2; .type 32; .endef
        .p2align 4
xrt_test_save_with_registers:
        pushq   %rbx
        pushq   %rbp
        pushq   %rdi
        pushq   %rsi
        pushq   %r12
        pushq   %r13
        pushq   %r14
        pushq   %r15
        subq    $232, %rsp                      // shadow 32, xmm 160, fp control 8, found,
                                                // then, ctx 24, and 8 to keep calls aligned
        movups  %xmm6, 32+0*16(%rsp)
        movups  %xmm7, 32+1*16(%rsp)
        movups  %xmm8, 32+2*16(%rsp)
        movups  %xmm9, 32+3*16(%rsp)
        movups  %xmm10, 32+4*16(%rsp)
        movups  %xmm11, 32+5*16(%rsp)
        movups  %xmm12, 32+6*16(%rsp)
        movups  %xmm13, 32+7*16(%rsp)
        movups  %xmm14, 32+8*16(%rsp)
        movups  %xmm15, 32+9*16(%rsp)
        stmxcsr 192(%rsp)
        fnstcw  196(%rsp)
        movq    %r8, 200(%rsp)                  // found
        movq    %r9, 208(%rsp)                  // then
        movq    %rcx, 216(%rsp)                 // ctx
        movq    0(%rdx), %rbx
        movq    8(%rdx), %rbp
        movq    16(%rdx), %rdi
        movq    24(%rdx), %rsi
        movq    32(%rdx), %r12
        movq    40(%rdx), %r13
        movq    48(%rdx), %r14
        movq    56(%rdx), %r15
        movups  64+0*16(%rdx), %xmm6
        movups  64+1*16(%rdx), %xmm7
        movups  64+2*16(%rdx), %xmm8
        movups  64+3*16(%rdx), %xmm9
        movups  64+4*16(%rdx), %xmm10
        movups  64+5*16(%rdx), %xmm11
        movups  64+6*16(%rdx), %xmm12
        movups  64+7*16(%rdx), %xmm13
        movups  64+8*16(%rdx), %xmm14
        movups  64+9*16(%rdx), %xmm15
        ldmxcsr 224(%rdx)
        fldcw   232(%rdx)
        callq   xrt_context_save                // rcx = ctx
        testl   %eax, %eax
        jnz     1f
        movq    216(%rsp), %rcx
        callq   *208(%rsp)                      // then(ctx): resumes ctx, never returns
        ud2
1:      movq    200(%rsp), %rcx                 // eax holds the resume value: keep it
        movq    %rbx, 0(%rcx)
        movq    %rbp, 8(%rcx)
        movq    %rdi, 16(%rcx)
        movq    %rsi, 24(%rcx)
        movq    %r12, 32(%rcx)
        movq    %r13, 40(%rcx)
        movq    %r14, 48(%rcx)
        movq    %r15, 56(%rcx)
        movups  %xmm6, 64+0*16(%rcx)
        movups  %xmm7, 64+1*16(%rcx)
        movups  %xmm8, 64+2*16(%rcx)
        movups  %xmm9, 64+3*16(%rcx)
        movups  %xmm10, 64+4*16(%rcx)
        movups  %xmm11, 64+5*16(%rcx)
        movups  %xmm12, 64+6*16(%rcx)
        movups  %xmm13, 64+7*16(%rcx)
        movups  %xmm14, 64+8*16(%rcx)
        movups  %xmm15, 64+9*16(%rcx)
        movq    $0, 224(%rcx)
        movq    $0, 232(%rcx)
        stmxcsr 224(%rcx)
        fnstcw  232(%rcx)
        movups  32+0*16(%rsp), %xmm6
        movups  32+1*16(%rsp), %xmm7
        movups  32+2*16(%rsp), %xmm8
        movups  32+3*16(%rsp), %xmm9
        movups  32+4*16(%rsp), %xmm10
        movups  32+5*16(%rsp), %xmm11
        movups  32+6*16(%rsp), %xmm12
        movups  32+7*16(%rsp), %xmm13
        movups  32+8*16(%rsp), %xmm14
        movups  32+9*16(%rsp), %xmm15
        ldmxcsr 192(%rsp)
        fldcw   196(%rsp)
        addq    $232, %rsp
        popq    %r15
        popq    %r14
        popq    %r13
        popq    %r12
        popq    %rsi
        popq    %rdi
        popq    %rbp
        popq    %rbx
        ret

        .globl  xrt_test_resume_with_registers
        .def    xrt_test_resume_with_registers; .scl 2; .type 32; .endef
        .p2align 4
xrt_test_resume_with_registers:
        movq    %rdx, %rax                      // no need to keep the caller's: no return
        movq    0(%rax), %rbx
        movq    8(%rax), %rbp
        movq    16(%rax), %rdi
        movq    24(%rax), %rsi
        movq    32(%rax), %r12
        movq    40(%rax), %r13
        movq    48(%rax), %r14
        movq    56(%rax), %r15
        movups  64+0*16(%rax), %xmm6
        movups  64+1*16(%rax), %xmm7
        movups  64+2*16(%rax), %xmm8
        movups  64+3*16(%rax), %xmm9
        movups  64+4*16(%rax), %xmm10
        movups  64+5*16(%rax), %xmm11
        movups  64+6*16(%rax), %xmm12
        movups  64+7*16(%rax), %xmm13
        movups  64+8*16(%rax), %xmm14
        movups  64+9*16(%rax), %xmm15
        ldmxcsr 224(%rax)
        fldcw   232(%rax)
        movl    %r8d, %edx
        jmp     xrt_context_resume              // rcx = ctx, edx = value

// xrt_test_resumable_as_switch and its callee xrt_test_scramble_and_leave: what they do is
// said once, where context_test.cc declares the first.
        .globl  xrt_test_resumable_as_switch
        .def    xrt_test_resumable_as_switch; .scl 2; .type 32; .endef
        .p2align 4
xrt_test_resumable_as_switch:
        subq    $56, %rsp                       // shadow 32, the fifth argument, alignment
        movq    8(%rdx), %rax
        movq    %rax, 32(%rsp)                  // stack_hi
        movq    0(%rdx), %r9                    // stack_lo
        movq    %rcx, %r8                       // arg: back
        leaq    xrt_test_scramble_and_leave(%rip), %rdx
        callq   xrt_call_on_stack_resumable
        addq    $56, %rsp
        ret

        .def    xrt_test_scramble_and_leave; .scl 3; .type 32; .endef
        .p2align 4
xrt_test_scramble_and_leave:
        movabsq $0x5c5c5c5c5c5c5c01, %rbx
        movabsq $0x5c5c5c5c5c5c5c02, %rbp
        movabsq $0x5c5c5c5c5c5c5c03, %rdi
        movabsq $0x5c5c5c5c5c5c5c04, %rsi
        movabsq $0x5c5c5c5c5c5c5c05, %r12
        movabsq $0x5c5c5c5c5c5c5c06, %r13
        movabsq $0x5c5c5c5c5c5c5c07, %r14
        movabsq $0x5c5c5c5c5c5c5c08, %r15
        movq    %rbx, %xmm6
        movq    %rbp, %xmm7
        movq    %rdi, %xmm8
        movq    %rsi, %xmm9
        movq    %r12, %xmm10
        movq    %r13, %xmm11
        movq    %r14, %xmm12
        movq    %r15, %xmm13
        pcmpeqd %xmm14, %xmm14
        pcmpeqd %xmm15, %xmm15
        movl    $7, %edx
        jmp     xrt_context_load_keep_fp
