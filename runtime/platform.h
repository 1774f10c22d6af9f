// What the runtime needs from the operating system, one implementation per OS
// (platform_linux.cc, platform_windows.cc). Everything above this line is OS-neutral.
#ifndef XRT_RUNTIME_PLATFORM_H_
#define XRT_RUNTIME_PLATFORM_H_

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace xrt::internal {

struct Thread;

// Prepares the OS layer; first thing the runtime does at start-up.
void platform_init();

// Sleeps while *word == expected (futex on Linux, WaitOnAddress on Windows). May wake
// spuriously; callers loop.
void futex_wait(std::atomic<uint32_t>* word, uint32_t expected);
void futex_wake_one(std::atomic<uint32_t>* word);
void futex_wake_all(std::atomic<uint32_t>* word);

// The runtime's record of the calling OS thread, or nullptr if it never ran runtime code.
// Out of line on purpose: a task that switched threads must not see a cached TLS address.
Thread* current_thread();
// The same, inline, for the entry points from C (callback, ccall): they read it once at the
// top, and the thread cannot change under them before they are done with it.
#if defined(_WIN32)
inline Thread* current_thread_at_entry() { return current_thread(); }
#else
extern __thread Thread* tls_thread __attribute__((tls_model("initial-exec")));
__attribute__((always_inline)) inline Thread* current_thread_at_entry() { return tls_thread; }
#endif
void set_current_thread(Thread* thread);
// Arranges for release_spare_thread(thread) to run when the calling OS thread exits.
void call_at_thread_exit(Thread* thread);
void release_spare_thread(Thread* thread);  // defined in spare_threads.cc

// Starts an OS thread running fn(arg) on a stack of stack_size bytes; dies on failure.
void start_os_thread(void (*fn)(void*), void* arg, size_t stack_size);
uint64_t os_thread_id();

uint64_t now_ns();
// Sleeps at least ns. On Windows every thread's sleeps end within a fraction of a millisecond
// where the OS allows it (platform_windows.cc).
void sleep_ns(uint64_t ns);
// Makes the calling thread's short sleeps end on time: Linux otherwise lets a 20 µs sleep run
// up to 50 µs late (the default timer slack). For the monitor, whose 20 µs rule depends on it.
// On Windows, chooses now how the thread sleeps, which its first sleep_ns does otherwise.
void use_precise_sleeps();
void os_yield();  // let another OS thread run
// One pause of a spin-wait loop: lets the core's other hardware thread run.
inline void cpu_relax() {
#if defined(__x86_64__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  __asm__ volatile("yield");
#endif
}
// A process-wide memory barrier: every thread of the process that is running passes a full
// fence before this returns (membarrier on Linux). enable_process_barrier() prepares it at
// start-up and says whether the OS has one; Windows keeps false: Wine 8 implements
// FlushProcessWriteBuffers as a no-op, so under Wine it would be silently unsound.
bool enable_process_barrier();
void process_barrier();
int cpu_count();

// Task stack memory: reserves size usable bytes above an inaccessible guard region.
// Returns the base of the whole mapping; *usable_lo is where the usable stack starts.
void* stack_map(size_t size, uintptr_t* usable_lo, size_t* mapping_size);
void stack_unmap(void* base, size_t mapping_size);
// Makes a guard fault on a task stack print "fatal: task stack overflow" and exit 2.
void install_stack_overflow_handler();
// Per thread: an alternate signal stack so the overflow handler can run (no-op on Windows).
void prepare_thread_for_overflow_handler();

// The OS's bounds of the calling thread's stack (pthread_getattr_np /
// GetCurrentThreadStackLimits); false if the OS cannot tell.
bool os_thread_stack_bounds(uintptr_t* lo, uintptr_t* hi);

// Prints "<message>\n" to stderr and exits with status 2 without running destructors.
[[noreturn]] void die(const char* message);
// Same, for messages built at the call site.
[[noreturn]] void dief(const char* format, ...) __attribute__((format(printf, 1, 2)));

}  // namespace xrt::internal

#endif  // XRT_RUNTIME_PLATFORM_H_
