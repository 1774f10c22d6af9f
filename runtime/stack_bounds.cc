// System-stack bounds for callbacks (semantics §2), Go's callbackUpdateSystemStack.
//
// Threads the runtime created know their exact bounds (scheduler.cc) and keep them. For any
// other thread, on callback entry at sp:
//  - accurate bounds that contain sp are kept: no OS query (the steady state of the main
//    thread and of C-created threads);
//  - otherwise estimate [sp - 32 KiB, sp + 1 KiB] and ask the OS (pthread_getattr_np /
//    GetCurrentThreadStackLimits), taking its answer only if it contains sp (C may be on a
//    ucontext stack, a fiber, a coroutine: the OS then describes a stack we are not on).
//    Without an answer the estimate stays, marked not accurate, and is re-derived next time.
// The bounds in force before the callback are saved and restored on return, so an outer
// callback (or the call out above it) finds its own again. One exception keeps the cache
// useful: an outermost callback whose thread had no accurate bounds before leaves the
// accurate ones it learned - they describe the thread's own stack and stay true.
//
// Asking glibc for the main thread's bounds reads /proc/self/maps (tens of microseconds), so
// the cache is what makes callbacks on the main thread cheap; re-deriving estimates is what
// keeps a deep C stack from running below bounds estimated at a shallow one.
#include <cstdlib>
#include <cstring>

#include "runtime/records.h"

namespace xrt::internal {
namespace {

class OsStackQuery : public SystemStackQuery {
 public:
  bool current_thread_stack(uintptr_t, uintptr_t* lo, uintptr_t* hi) override {
    return os_thread_stack_bounds(lo, hi);
  }
};

OsStackQuery os_query;

SystemStackQuery* initial_query() {
#if defined(XRT_NO_OS_STACK_QUERY)
  return nullptr;
#else
  const char* mode = getenv("XRT_STACKBOUNDS");
  if (mode == nullptr || *mode == '\0' || strcmp(mode, "os") == 0) return &os_query;
  if (strcmp(mode, "estimate") == 0) return nullptr;
  dief("xrt: XRT_STACKBOUNDS must be \"estimate\" or \"os\", got \"%s\"", mode);
#endif
}

std::atomic<SystemStackQuery*> query_in_use{nullptr};
std::atomic<bool> query_chosen{false};

}  // namespace

SystemStackQuery* system_stack_query() {
  if (!query_chosen.load(std::memory_order_acquire)) {
    query_in_use.store(initial_query(), std::memory_order_release);
    query_chosen.store(true, std::memory_order_release);
  }
  return query_in_use.load(std::memory_order_acquire);
}

SystemStackQuery* replace_system_stack_query_for_testing(SystemStackQuery* query) {
  SystemStackQuery* old = system_stack_query();
  query_in_use.store(query, std::memory_order_release);
  return old;
}

void derive_callback_bounds(Thread* thread, uintptr_t sp) {
  SystemStackBounds& b = thread->bounds;
  b.lo = sp - kEstimateBelow;
  b.hi = sp + kEstimateAbove;
  b.accurate = false;
  SystemStackQuery* query = system_stack_query();
  if (query == nullptr) return;
  uintptr_t lo = 0, hi = 0;
  counters.os_stack_queries.fetch_add(1, std::memory_order_relaxed);
  if (query->current_thread_stack(sp, &lo, &hi) && lo != 0 && sp > lo && sp <= hi) {
    b.lo = lo;
    b.hi = hi;
    b.accurate = true;
  }
}

SystemStackBounds current_system_stack_bounds() {
  Thread* thread = current_thread();
  return thread != nullptr ? thread->bounds : SystemStackBounds{};
}

}  // namespace xrt::internal
