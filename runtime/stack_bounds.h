// System-stack bounds of a thread, and how callbacks set them (semantics §2).
#ifndef XRT_RUNTIME_STACK_BOUNDS_H_
#define XRT_RUNTIME_STACK_BOUNDS_H_

#include <cstdint>

namespace xrt::internal {

struct Thread;

struct SystemStackBounds {
  uintptr_t lo = 0, hi = 0;
  bool accurate = false;  // from the OS (or the runtime's own thread creation), not estimated
};

// The OS query behind an interface, so tests can count calls and feed odd answers.
class SystemStackQuery {
 public:
  virtual ~SystemStackQuery() = default;
  // Bounds of the calling thread's stack, asked on behalf of a callback entered at sp (the
  // OS ignores sp; it lets a test answer relative to it); false if the OS cannot tell.
  virtual bool current_thread_stack(uintptr_t sp, uintptr_t* lo, uintptr_t* hi) = 0;
};

// The query in use, or nullptr when the runtime behaves as if the OS could not answer
// (built with -DXRT_NO_OS_STACK_QUERY, or run with XRT_STACKBOUNDS=estimate).
SystemStackQuery* system_stack_query();
// Tests: replace the query (nullptr: as if the OS had none). Returns the previous one.
SystemStackQuery* replace_system_stack_query_for_testing(SystemStackQuery* query);

// Estimate used when the OS gives nothing: [sp - 32 KiB, sp + 1 KiB].
constexpr uintptr_t kEstimateBelow = 32 * 1024;
constexpr uintptr_t kEstimateAbove = 1024;
// Room runtime code on the system stack needs below sp (Go's stack guard is 928 bytes).
constexpr uintptr_t kSystemStackGuard = 928;

// enter_callback_bounds (sets the bounds per §2, saving the old ones if it changes them) and
// leave_callback_bounds (restores those on return) are inline in records.h: they run on
// every callback and need the Thread record.
// The part of enter_callback_bounds that estimates and asks the OS.
void derive_callback_bounds(Thread* thread, uintptr_t sp);

// The bounds the calling thread's runtime code currently uses (tests).
SystemStackBounds current_system_stack_bounds();

}  // namespace xrt::internal

#endif  // XRT_RUNTIME_STACK_BOUNDS_H_
