// xrt: the reference runtime of xcall. Tasks run on their own stacks over OS threads, call C
// on the thread's system stack (ccall) and are called back from any C thread (callback).
//
// No init call is needed: the runtime starts itself when the program (or the static archive
// it is linked from) is loaded, reading XRT_MAXPROCS (processors; default: the number of
// cores) and XRT_STACKBOUNDS (=estimate: never ask the OS for system-stack bounds).
//
// Every function here may be called from a task or from any C thread. Functions that wait
// (join, WaitGroup::wait, Channel) called from a plain C thread enter the runtime through a
// callback first, exactly as an exported function would.
#ifndef XRT_INCLUDE_XRT_XRT_H_
#define XRT_INCLUDE_XRT_XRT_H_

#include <cstddef>
#include <cstdint>

namespace xrt {

struct Task;  // opaque: a task handle from spawn, valid until join

// Starts fn(arg) as a new task. The handle must be joined exactly once.
Task* spawn(void (*fn)(void*), void* arg);
// Starts fn(arg) as a task nobody joins; its record is freed when it ends.
void go(void (*fn)(void*), void* arg);
// Waits until the task has ended and frees its handle.
void join(Task* task);
// Lets other runnable tasks run first.
void yield();

// Number of processors (tasks running at once).
int maxprocs();
// The runtime's id of the thread the caller runs on (a task may see it change across ccall).
uint64_t current_thread_id();

// Calls C: fn(arg) runs on the thread's system stack while the processor is lent out; the
// calling task may continue on a different thread afterwards. From outside a task it is a
// plain call.
void* ccall(void* (*fn)(void*), void* arg);

// A system call through the runtime (semantics §5): fn(args[0..nargs)) with up to 15
// integer arguments, made as a call out without locking the task to its thread; r1, r2 and the
// error value (errno; GetLastError() on Windows) come back with the task wherever it resumes.
// XRT_SYSCALL_LOCK=1 locks the task to its thread for each call instead: a benchmarking aid
// for comparison only.
struct SyscallResult {
  uintptr_t r1, r2, err;
};
SyscallResult syscall_n(uintptr_t fn, const uintptr_t* args, size_t nargs);

// Enters the runtime from C on any thread: runs fn(arg) as runtime code (on a task stack,
// holding a processor) and returns its result. Nests: C -> runtime -> C -> runtime.
void* callback(void* (*fn)(void*), void* arg);

// Panics with message (copied). Unrecovered, it prints "panic: <message>" and exits 2.
[[noreturn]] void panic(const char* message);
// Registers fn(arg) to run when the innermost protected call (or the task, or the callback)
// ends, normally or by panic, last registered first.
void defer(void (*fn)(void*), void* arg);
// Inside a deferred call while panicking: stops the panic and returns its message (valid
// until the protected call returns). Otherwise returns nullptr.
const char* recover();
// Runs fn(arg) as a protected call: its deferred calls run when it ends; returns true if a
// panic was recovered by one of them (then *message, if given, receives it).
bool protect(void (*fn)(void*), void* arg, const char** message = nullptr);
// try-style call: like protect, but recovers any panic itself. Returns the panic message or
// nullptr if fn returned normally. The message is valid until the next panic of this task.
const char* try_call(void (*fn)(void*), void* arg);

// Stop-the-world collection: walks every task stack and every thread's system stack between
// its saved sp and its high bound; fatal if a saved sp lies outside its stack's bounds.
struct CollectStats {
  uint64_t task_stacks = 0, system_stacks = 0, bytes = 0;
};
CollectStats gc();

// Counts tasks down to zero; wait() returns once the count is zero.
class WaitGroup {
 public:
  void add(int64_t n);
  void done() { add(-1); }
  void wait();

 private:
  friend struct WaitGroupAccess;
  uint32_t lock_ = 0;
  int64_t count_ = 0;
  void* waiters_ = nullptr;
};

// A channel of 64-bit values; capacity 0 is a rendezvous.
class Channel {
 public:
  explicit Channel(size_t capacity = 0);
  ~Channel();
  Channel(const Channel&) = delete;
  Channel& operator=(const Channel&) = delete;
  void send(uint64_t value);
  uint64_t receive();

 private:
  friend struct ChannelAccess;
  uint32_t lock_ = 0;
  uint64_t* ring_;
  size_t capacity_, head_ = 0, count_ = 0;
  void* senders_ = nullptr;    // tasks waiting to send
  void* receivers_ = nullptr;  // tasks waiting to receive
};

}  // namespace xrt

// C entry points for adapters and archives: the same operations with C linkage.
#include "xrt/xrt_c.h"

#endif  // XRT_INCLUDE_XRT_XRT_H_
