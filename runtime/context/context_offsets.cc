// Ties the offsets the assembly uses (context_offsets.h) to the layout of xrt::Context.
// A mismatch is a compile error here instead of a corrupted register in a task far away.
#include <cstddef>

#include "runtime/context/context.h"

namespace xrt {
namespace {

#if defined(XRT_ABI_X86_64_WINDOWS)
static_assert(offsetof(Context, rbx) == XRT_CTX_RBX);
static_assert(offsetof(Context, rbp) == XRT_CTX_RBP);
static_assert(offsetof(Context, rdi) == XRT_CTX_RDI);
static_assert(offsetof(Context, rsi) == XRT_CTX_RSI);
static_assert(offsetof(Context, r12) == XRT_CTX_R12);
static_assert(offsetof(Context, r13) == XRT_CTX_R13);
static_assert(offsetof(Context, r14) == XRT_CTX_R14);
static_assert(offsetof(Context, r15) == XRT_CTX_R15);
static_assert(offsetof(Context, rsp) == XRT_CTX_RSP);
static_assert(offsetof(Context, rip) == XRT_CTX_RIP);
static_assert(offsetof(Context, xmm6_15) == XRT_CTX_XMM6);
static_assert(XRT_CTX_XMM6 % 16 == 0, "xmm slots must be 16-byte aligned");
static_assert(offsetof(Context, stack_base) == XRT_CTX_STACK_BASE);
static_assert(offsetof(Context, stack_limit) == XRT_CTX_STACK_LIMIT);
static_assert(offsetof(Context, deallocation_stack) == XRT_CTX_DEALLOCATION_STACK);
static_assert(offsetof(Context, exception_list) == XRT_CTX_EXCEPTION_LIST);
static_assert(offsetof(Context, mxcsr) == XRT_CTX_MXCSR);
static_assert(offsetof(Context, x87_control) == XRT_CTX_X87_CW);
#elif defined(XRT_ABI_X86_64_SYSV)
static_assert(offsetof(Context, rbx) == XRT_CTX_RBX);
static_assert(offsetof(Context, rbp) == XRT_CTX_RBP);
static_assert(offsetof(Context, r12) == XRT_CTX_R12);
static_assert(offsetof(Context, r13) == XRT_CTX_R13);
static_assert(offsetof(Context, r14) == XRT_CTX_R14);
static_assert(offsetof(Context, r15) == XRT_CTX_R15);
static_assert(offsetof(Context, rsp) == XRT_CTX_RSP);
static_assert(offsetof(Context, rip) == XRT_CTX_RIP);
static_assert(offsetof(Context, mxcsr) == XRT_CTX_MXCSR);
static_assert(offsetof(Context, x87_control) == XRT_CTX_X87_CW);
#elif defined(XRT_ABI_AARCH64)
static_assert(offsetof(Context, x19_28) == XRT_CTX_X19);
static_assert(offsetof(Context, x29) == XRT_CTX_X29);
static_assert(offsetof(Context, x30) == XRT_CTX_X30);
static_assert(offsetof(Context, sp) == XRT_CTX_SP);
static_assert(offsetof(Context, d8_15) == XRT_CTX_D8);
static_assert(offsetof(Context, fpcr) == XRT_CTX_FPCR);
#endif
static_assert(sizeof(Context) == XRT_CTX_SIZE);
static_assert(alignof(Context) == 16);

}  // namespace
}  // namespace xrt
