// Task records and their stacks, recycled through a small pool.
#ifndef XRT_RUNTIME_TASK_STACKS_H_
#define XRT_RUNTIME_TASK_STACKS_H_

#include "runtime/records.h"

namespace xrt::internal {

// A task record with a stack of sched.task_stack_size bytes above a guard region.
Task* take_task_record();
void return_task_record(Task* task);

}  // namespace xrt::internal

#endif  // XRT_RUNTIME_TASK_STACKS_H_
