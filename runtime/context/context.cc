// Building a fresh context and the first frame of every task stack.
//
// context_make writes a Context that looks as if the task had been suspended just before its
// first instruction: sp at the top of its stack below a zero return address (so unwinders and
// debuggers see the end of the stack), pc at xrt_context_start, entry and arg parked in two
// callee-saved registers (the only registers a switch carries over). xrt_context_start, a few
// instructions of assembly per ABI, calls entry(arg) itself - so the stack alignment and the
// Windows shadow space entry sees are the ones context_make and xrt_context_start set up, and
// the tests check exactly those - and if entry returns, there is no caller to return to:
// xrt_context_entry_returned reports it and aborts.
#include "runtime/context/context.h"

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace xrt {
namespace {

uintptr_t align_down(uintptr_t address, uintptr_t alignment) {
  return address & ~(alignment - 1);
}

// New contexts start with the FP control state of their creator, as a call would see it.
#if defined(__x86_64__)
void read_fp_control(uint32_t* mxcsr, uint16_t* x87_control) {
  __asm__ volatile("stmxcsr %0" : "=m"(*mxcsr));
  __asm__ volatile("fnstcw %0" : "=m"(*x87_control));
}
#else
uint64_t read_fp_control() {
  uint64_t fpcr;
  __asm__ volatile("mrs %0, fpcr" : "=r"(fpcr));
  return fpcr;
}
#endif

}  // namespace

void context_make(Context* ctx, void* stack_lo, void* stack_hi, void (*entry)(void*), void* arg) {
  // Room for the first frame with its alignment and shadow space, and some to run in.
  constexpr uintptr_t kMinimumStack = 256;
  if (entry == nullptr || stack_lo == nullptr || stack_hi < stack_lo ||
      static_cast<char*>(stack_hi) - static_cast<char*>(stack_lo) < ptrdiff_t{kMinimumStack}) {
    fputs("fatal: context_make: no entry, or a stack smaller than 256 bytes\n", stderr);
    abort();
  }
  std::memset(ctx, 0, sizeof *ctx);
  const uintptr_t top = align_down(reinterpret_cast<uintptr_t>(stack_hi), 16);
  const uintptr_t start = reinterpret_cast<uintptr_t>(&xrt_context_start);
  const uintptr_t entry_bits = reinterpret_cast<uintptr_t>(entry);
  const uintptr_t arg_bits = reinterpret_cast<uintptr_t>(arg);
#if defined(XRT_ABI_X86_64_WINDOWS) || defined(XRT_ABI_X86_64_SYSV)
  // xrt_context_start is entered as if called: rsp = 8 mod 16, with a zero return address.
  uint64_t* sp = reinterpret_cast<uint64_t*>(top - 8);
  *sp = 0;
  ctx->rsp = reinterpret_cast<uint64_t>(sp);
  ctx->rip = start;
  ctx->r12 = entry_bits;
  ctx->r13 = arg_bits;
  read_fp_control(&ctx->mxcsr, &ctx->x87_control);
#if defined(XRT_ABI_X86_64_WINDOWS)
  ctx->stack_base = reinterpret_cast<uint64_t>(stack_hi);
  ctx->stack_limit = reinterpret_cast<uint64_t>(stack_lo);
  ctx->deallocation_stack = reinterpret_cast<uint64_t>(stack_lo);
  ctx->exception_list = ~uint64_t{0};  // end of the chain: no frames on a fresh stack
#endif
#elif defined(XRT_ABI_AARCH64)
  // sp stays 16-byte aligned at all times on AArch64; x29 = 0 ends frame-pointer walks.
  ctx->sp = top;
  ctx->x30 = start;
  ctx->x29 = 0;
  ctx->x19_28[0] = entry_bits;  // x19
  ctx->x19_28[1] = arg_bits;    // x20
  ctx->fpcr = read_fp_control();
#endif
}

}  // namespace xrt

extern "C" [[noreturn]] void xrt_context_entry_returned() {
  fputs("fatal: task entry returned\n", stderr);
  fflush(stderr);
  abort();
}
