// Linux (glibc) side of platform.h: futex parking, a thread-local record pointer with a
// pthread key whose destructor releases spare thread records, mmap'd task stacks with a
// guard region caught by a SIGSEGV handler running on an alternate signal stack.
#if !defined(_WIN32)
#include <linux/futex.h>
#include <linux/membarrier.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "runtime/platform.h"
#include "runtime/records.h"

namespace xrt::internal {

__thread Thread* tls_thread = nullptr;  // platform.h

namespace {

pthread_key_t exit_key;
pthread_once_t exit_key_once = PTHREAD_ONCE_INIT;

void on_thread_exit(void* thread) { release_spare_thread(static_cast<Thread*>(thread)); }
void make_exit_key() { pthread_key_create(&exit_key, on_thread_exit); }

constexpr size_t kGuardBytes = 64 * 1024;  // wide enough that large frames cannot skip it

struct OsThreadStart {
  void (*fn)(void*);
  void* arg;
};

void* os_thread_main(void* p) {
  OsThreadStart start = *static_cast<OsThreadStart*>(p);
  delete static_cast<OsThreadStart*>(p);
  start.fn(start.arg);
  return nullptr;
}

void overflow_handler(int sig, siginfo_t* info, void* uc) {
  Thread* thread = tls_thread;
  uintptr_t addr = reinterpret_cast<uintptr_t>(info->si_addr);
  if (thread != nullptr && thread->current != nullptr) {
    Task* task = thread->current;
    if (addr >= task->guard_lo && addr < task->stack_lo) {
      static const char msg[] = "fatal: task stack overflow\n";
      ssize_t ignored = write(2, msg, sizeof msg - 1);
      (void)ignored;
      _exit(2);
    }
  }
  // Not ours: let the default action happen when the instruction faults again.
  (void)uc;
  signal(sig, SIG_DFL);
}

}  // namespace

void platform_init() {}

void futex_wait(std::atomic<uint32_t>* word, uint32_t expected) {
  syscall(SYS_futex, reinterpret_cast<uint32_t*>(word), FUTEX_WAIT_PRIVATE, expected, nullptr,
          nullptr, 0);
}
void futex_wake_one(std::atomic<uint32_t>* word) {
  syscall(SYS_futex, reinterpret_cast<uint32_t*>(word), FUTEX_WAKE_PRIVATE, 1, nullptr, nullptr,
          0);
}
void futex_wake_all(std::atomic<uint32_t>* word) {
  syscall(SYS_futex, reinterpret_cast<uint32_t*>(word), FUTEX_WAKE_PRIVATE, 0x7fffffff, nullptr,
          nullptr, 0);
}

__attribute__((noinline)) Thread* current_thread() {
  Thread* t = tls_thread;
  __asm__ volatile("" ::: "memory");
  return t;
}
void set_current_thread(Thread* thread) { tls_thread = thread; }

void call_at_thread_exit(Thread* thread) {
  pthread_once(&exit_key_once, make_exit_key);
  pthread_setspecific(exit_key, thread);
}

void start_os_thread(void (*fn)(void*), void* arg, size_t stack_size) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, stack_size);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_t id;
  int err = pthread_create(&id, &attr, os_thread_main, new OsThreadStart{fn, arg});
  pthread_attr_destroy(&attr);
  if (err != 0) dief("fatal: cannot start a thread: %s", strerror(err));
}

uint64_t os_thread_id() { return static_cast<uint64_t>(syscall(SYS_gettid)); }

uint64_t now_ns() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000u + static_cast<uint64_t>(ts.tv_nsec);
}

void sleep_ns(uint64_t ns) {
  timespec ts{static_cast<time_t>(ns / 1000000000u), static_cast<long>(ns % 1000000000u)};
  nanosleep(&ts, nullptr);
}

void use_precise_sleeps() { prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL); }

void os_yield() { sched_yield(); }

bool enable_process_barrier() {
  return syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0) == 0;
}
void process_barrier() {
  if (syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0) != 0) {
    dief("fatal: membarrier failed: %s", strerror(errno));
  }
}

int cpu_count() {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? static_cast<int>(n) : 1;
}

void* stack_map(size_t size, uintptr_t* usable_lo, size_t* mapping_size) {
  size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  size = (size + page - 1) & ~(page - 1);
  *mapping_size = size + kGuardBytes;
  void* base = mmap(nullptr, *mapping_size, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
  if (base == MAP_FAILED) {
    dief("fatal: cannot map a task stack of %llu bytes", static_cast<unsigned long long>(size));
  }
  if (mprotect(base, kGuardBytes, PROT_NONE) != 0) die("fatal: cannot protect a stack guard");
  *usable_lo = reinterpret_cast<uintptr_t>(base) + kGuardBytes;
  return base;
}

void stack_unmap(void* base, size_t mapping_size) { munmap(base, mapping_size); }

void install_stack_overflow_handler() {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = overflow_handler;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGSEGV, &sa, nullptr);
  sigaction(SIGBUS, &sa, nullptr);
}

void prepare_thread_for_overflow_handler() {
  stack_t current;
  if (sigaltstack(nullptr, &current) == 0 && !(current.ss_flags & SS_DISABLE)) return;
  size_t size = 64 * 1024;
  void* mem = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED) return;
  stack_t ss;
  ss.ss_sp = mem;
  ss.ss_size = size;
  ss.ss_flags = 0;
  sigaltstack(&ss, nullptr);
}

bool os_thread_stack_bounds(uintptr_t* lo, uintptr_t* hi) {
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) != 0) return false;
  void* addr = nullptr;
  size_t size = 0;
  int err = pthread_attr_getstack(&attr, &addr, &size);
  pthread_attr_destroy(&attr);
  if (err != 0 || addr == nullptr) return false;
  *lo = reinterpret_cast<uintptr_t>(addr);
  *hi = *lo + size;
  return true;
}

void die(const char* message) {
  fprintf(stderr, "%s\n", message);
  fflush(stderr);
  fflush(stdout);
  _exit(2);
}

}  // namespace xrt::internal
#endif  // !_WIN32
