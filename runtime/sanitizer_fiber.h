// Tells the sanitizers about every stack switch: AddressSanitizer follows the stack the code
// runs on (its fake stacks and stack-use checks), ThreadSanitizer keeps a shadow call stack per
// fiber. Without a sanitizer these compile to nothing.
#ifndef XRT_RUNTIME_SANITIZER_FIBER_H_
#define XRT_RUNTIME_SANITIZER_FIBER_H_

#include <cstddef>
#include <cstdint>

#include "runtime/records.h"
#include "runtime/sanitizer_build.h"

#if defined(XRT_ASAN)
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#endif
#if defined(XRT_TSAN)
#include <sanitizer/tsan_interface.h>

#include <cstdlib>
#endif

namespace xrt::internal {

#if defined(XRT_ASAN)
constexpr bool kAsan = true;
// Before switching to a stack [lo, hi).
inline void fiber_switch_begin(uintptr_t lo, uintptr_t hi) {
  __sanitizer_start_switch_fiber(nullptr, reinterpret_cast<const void*>(lo), hi - lo);
}
inline void fiber_switch_begin_to_system(Thread* thread) {
  uintptr_t lo = thread->bounds.lo, hi = thread->bounds.hi;
  if (hi == 0) {
    lo = current_sp() - 64 * 1024;
    hi = lo + 64 * 1024;
  }
  __sanitizer_start_switch_fiber(nullptr, reinterpret_cast<const void*>(lo), hi - lo);
}
// First thing after arriving on a stack.
inline void fiber_switch_end() { __sanitizer_finish_switch_fiber(nullptr, nullptr, nullptr); }
// A panic discarded frames in [lo, hi) without returning through them: clear their poison.
inline void forget_discarded_frames(uintptr_t lo, uintptr_t hi) {
  if (hi > lo) __asan_unpoison_memory_region(reinterpret_cast<void*>(lo), hi - lo);
}
#else
constexpr bool kAsan = false;
inline void forget_discarded_frames(uintptr_t, uintptr_t) {}
inline void fiber_switch_begin(uintptr_t, uintptr_t) {}
inline void fiber_switch_begin_to_system(Thread*) {}
inline void fiber_switch_end() {}
#endif

// ThreadSanitizer keeps a shadow call stack per fiber: every task, and every nested callback
// (frames of its own on its task's stack, below the call out's), is a fiber of its own; the
// system side is whatever fiber was current when it switched or called away.
#if defined(XRT_TSAN)
constexpr bool kTsan = true;
inline void* tsan_current_fiber() { return __tsan_get_current_fiber(); }
inline void* tsan_new_fiber() { return __tsan_create_fiber(0); }
inline void tsan_destroy_fiber(void* f) {
  if (f != nullptr) __tsan_destroy_fiber(f);
}
// Always inline: as a function of its own, its TSan frame would be entered on one fiber and
// left on the other.
__attribute__((always_inline)) inline void tsan_switch_to(void* f) {
  if (f != nullptr) __tsan_switch_to_fiber(f, 0);
}
// A nested callback's fiber (callback.cc): one its thread kept, or a new one. A new fiber costs
// about 0.7 ms in GCC 12's libtsan (FiberCreate clears a 785 KB ThreadState), and
// callback_bench makes millions of nested callbacks.
inline void* tsan_take_callback_fiber(Thread* thread) {
  if (thread->tsan_spare_fiber_count == 0) return tsan_new_fiber();
  return thread->tsan_spare_fibers[--thread->tsan_spare_fiber_count];
}
// Its callback is over. Kept for the next one on this thread only if its shadow call stack is
// empty again, as a new fiber's is: otherwise every reuse would leave entries behind, and
// libtsan's fixed shadow stack (64 Ki entries) would overflow. The thread keeps at most as
// many as its callbacks once had in use at the same time.
inline void tsan_end_callback_fiber(Thread* thread, void* fiber, bool unbalanced) {
  uint32_t& count = thread->tsan_spare_fiber_count;
  if (!unbalanced && count == thread->tsan_spare_fiber_capacity) {
    uint32_t capacity = count == 0 ? 8 : 2 * count;
    void* grown = realloc(thread->tsan_spare_fibers, capacity * sizeof(void*));
    if (grown != nullptr) {
      thread->tsan_spare_fibers = static_cast<void**>(grown);
      thread->tsan_spare_fiber_capacity = capacity;
    }
  }
  if (unbalanced || count == thread->tsan_spare_fiber_capacity) {
    tsan_destroy_fiber(fiber);
    return;
  }
  thread->tsan_spare_fibers[count++] = fiber;
}
#else
constexpr bool kTsan = false;
inline void* tsan_current_fiber() { return nullptr; }
inline void* tsan_new_fiber() { return nullptr; }
inline void tsan_destroy_fiber(void*) {}
inline void tsan_switch_to(void*) {}
inline void* tsan_take_callback_fiber(Thread*) { return nullptr; }
inline void tsan_end_callback_fiber(Thread*, void*, bool) {}
#endif

}  // namespace xrt::internal

#endif  // XRT_RUNTIME_SANITIZER_FIBER_H_
