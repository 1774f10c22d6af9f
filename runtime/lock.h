// A small mutex for runtime-internal state: spins briefly, then sleeps on the platform's
// futex. Used only on the system stack or on task stacks for short critical sections; a task
// never switches while holding one except through park(), which releases it after the switch.
#ifndef XRT_RUNTIME_LOCK_H_
#define XRT_RUNTIME_LOCK_H_

#include <atomic>
#include <cstdint>

#include "runtime/platform.h"

namespace xrt::internal {

class Lock {
 public:
  void lock() {
    uint32_t expected = 0;
    if (state_.compare_exchange_strong(expected, 1, std::memory_order_acquire)) return;
    lock_slow();
  }
  void unlock() {
    if (state_.exchange(0, std::memory_order_release) == 2) futex_wake_one(&state_);
  }
  // Views a word embedded in a public type (WaitGroup, Channel) as a Lock.
  static Lock* at(uint32_t* word) { return reinterpret_cast<Lock*>(word); }

 private:
  void lock_slow() {
    for (int spin = 0; spin < 100; ++spin) {
      uint32_t expected = 0;
      if (state_.load(std::memory_order_relaxed) == 0 &&
          state_.compare_exchange_weak(expected, 1, std::memory_order_acquire)) {
        return;
      }
      cpu_relax();
    }
    while (state_.exchange(2, std::memory_order_acquire) != 0) futex_wait(&state_, 2);
  }
  std::atomic<uint32_t> state_{0};  // 0 free, 1 held, 2 held with sleepers
};
static_assert(sizeof(Lock) == sizeof(uint32_t));

class LockGuard {
 public:
  explicit LockGuard(Lock& l) : l_(l) { l_.lock(); }
  ~LockGuard() { l_.unlock(); }

 private:
  Lock& l_;
};

// A one-shot wake-up for one sleeping thread: sleep() returns once wakeup() was called
// (before or after); clear() rearms it.
class Note {
 public:
  void clear() { key_.store(0, std::memory_order_relaxed); }
  void wakeup() {
    key_.store(1, std::memory_order_release);
    futex_wake_one(&key_);
  }
  void sleep() {
    while (key_.load(std::memory_order_acquire) == 0) futex_wait(&key_, 0);
  }
  bool woken() const { return key_.load(std::memory_order_acquire) != 0; }

 private:
  std::atomic<uint32_t> key_{0};
};

}  // namespace xrt::internal

#endif  // XRT_RUNTIME_LOCK_H_
