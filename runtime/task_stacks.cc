// Task stacks: mmap / VirtualAlloc'd memory with a guard region below the usable part, so a
// task that runs off its stack faults in memory the runtime recognises and dies with
// "fatal: task stack overflow" (exit 2) instead of corrupting a neighbour (the handler is in
// platform_*.cc). Stacks are never grown or moved (no stack copying: C may hold pointers into
// them), so the size is fixed per runtime: 256 KiB unless XRT_TASKSTACK_KB says otherwise.
// Finished tasks keep their stack in a pool of up to kPoolMax records; spawning mostly reuses.
#include "runtime/task_stacks.h"

#include <new>

namespace xrt::internal {
namespace {

constexpr int kPoolMax = 1024;
Lock pool_lock;
Task* pool = nullptr;
int pool_size = 0;

}  // namespace

Task* take_task_record() {
  {
    LockGuard guard(pool_lock);
    if (pool != nullptr) {
      Task* task = pool;
      pool = task->next_all;
      --pool_size;
      return task;
    }
  }
  Task* task = new Task();
  uintptr_t usable_lo = 0;
  task->mapping = stack_map(sched.task_stack_size, &usable_lo, &task->mapping_size);
  task->guard_lo = reinterpret_cast<uintptr_t>(task->mapping);
  task->stack_lo = usable_lo;
  task->stack_hi = task->guard_lo + task->mapping_size;
#if defined(_WIN32)
  // The TIB describes the stack including the overflow reserve, so the exception dispatcher
  // accepts the frames it builds there (see platform_windows.cc).
  task->tib_lo = task->guard_lo + 4096;
#else
  task->tib_lo = usable_lo;
#endif
  return task;
}

void return_task_record(Task* task) {
  {
    LockGuard guard(pool_lock);
    if (pool_size < kPoolMax) {
      task->next_all = pool;
      pool = task;
      ++pool_size;
      return;
    }
  }
  stack_unmap(task->mapping, task->mapping_size);
  delete task;
}

}  // namespace xrt::internal
