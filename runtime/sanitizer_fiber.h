// Tells the sanitizers about every stack switch: AddressSanitizer follows the stack the code
// runs on (its fake stacks and stack-use checks), ThreadSanitizer keeps a shadow call stack per
// fiber. Without a sanitizer these compile to nothing.
#ifndef XRT_RUNTIME_SANITIZER_FIBER_H_
#define XRT_RUNTIME_SANITIZER_FIBER_H_

#include <cstddef>
#include <cstdint>

#include "runtime/records.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#endif
#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#endif

namespace xrt::internal {

#if defined(__SANITIZE_ADDRESS__)
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
inline void forget_discarded_frames(uintptr_t, uintptr_t) {}
inline void fiber_switch_begin(uintptr_t, uintptr_t) {}
inline void fiber_switch_begin_to_system(Thread*) {}
inline void fiber_switch_end() {}
#endif

// ThreadSanitizer keeps a shadow call stack per fiber: every task, and every callback that
// starts a fresh context on a task stack, is a fiber of its own; the system side is whatever
// fiber was current when it switched away.
#if defined(__SANITIZE_THREAD__)
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
// On a function that leaves its fiber for the last time: no entry on the shadow call stack,
// which nothing would ever pop (and none of its own memory accesses checked).
#define XRT_NO_TSAN_FRAME __attribute__((no_sanitize_thread))
// On the instrumented part such a function calls: its frame must come and go before the switch.
#define XRT_OWN_TSAN_FRAME __attribute__((noinline))
#else
constexpr bool kTsan = false;
inline void* tsan_current_fiber() { return nullptr; }
inline void* tsan_new_fiber() { return nullptr; }
inline void tsan_destroy_fiber(void*) {}
inline void tsan_switch_to(void*) {}
#define XRT_NO_TSAN_FRAME
#define XRT_OWN_TSAN_FRAME
#endif

}  // namespace xrt::internal

#endif  // XRT_RUNTIME_SANITIZER_FIBER_H_
