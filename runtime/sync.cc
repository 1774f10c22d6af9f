// WaitGroup and Channel: the two ways tasks wait for each other in tests and adapters. Both
// are a Lock plus lists of waiting tasks (linked through Task::next_waiter); a waiting task
// parks with the lock held and the scheduler releases it after the switch (scheduler.cc), so
// a wake-up can never fall between "decided to wait" and "is waiting". Called from a plain C
// thread, wait/send/receive enter the runtime through a callback first.
#include "runtime/records.h"
#include "xrt/xrt.h"

namespace xrt {

using namespace internal;

namespace {

void push_back(void** head, Task* task) {
  task->next_waiter = nullptr;
  Task** link = reinterpret_cast<Task**>(head);
  while (*link != nullptr) link = &(*link)->next_waiter;
  *link = task;
}

Task* pop_front(void** head) {
  Task* task = static_cast<Task*>(*head);
  if (task != nullptr) *head = task->next_waiter;
  return task;
}

template <typename F>
void in_runtime(F&& f) {
  callback(
      [](void* p) -> void* {
        (*static_cast<F*>(p))();
        return nullptr;
      },
      &f);
}

}  // namespace

void WaitGroup::add(int64_t n) {
  Lock* lock = Lock::at(&lock_);
  lock->lock();
  count_ += n;
  if (count_ < 0) die("fatal: xrt::WaitGroup counter went negative");
  Task* woken = nullptr;
  if (count_ == 0) {
    woken = static_cast<Task*>(waiters_);
    waiters_ = nullptr;
  }
  lock->unlock();
  while (woken != nullptr) {
    Task* next = woken->next_waiter;
    ready(woken);
    woken = next;
  }
}

void WaitGroup::wait() {
  Task* self = running_task();
  if (self == nullptr) {
    in_runtime([this] { wait(); });
    return;
  }
  Lock* lock = Lock::at(&lock_);
  lock->lock();
  if (count_ == 0) {
    lock->unlock();
    return;
  }
  push_back(&waiters_, self);
  park(lock);
}

Channel::Channel(size_t capacity)
    : ring_(capacity > 0 ? new uint64_t[capacity] : nullptr), capacity_(capacity) {}

Channel::~Channel() { delete[] ring_; }

void Channel::send(uint64_t value) {
  Task* self = running_task();
  if (self == nullptr) {
    in_runtime([this, value] { send(value); });
    return;
  }
  Lock* lock = Lock::at(&lock_);
  lock->lock();
  if (Task* receiver = pop_front(&receivers_)) {
    receiver->wait_value = value;
    lock->unlock();
    ready(receiver);
    return;
  }
  if (count_ < capacity_) {
    ring_[(head_ + count_) % capacity_] = value;
    ++count_;
    lock->unlock();
    return;
  }
  self->wait_value = value;
  push_back(&senders_, self);
  park(lock);  // a receiver took the value
}

uint64_t Channel::receive() {
  Task* self = running_task();
  if (self == nullptr) {
    uint64_t value = 0;
    in_runtime([this, &value] { value = receive(); });
    return value;
  }
  Lock* lock = Lock::at(&lock_);
  lock->lock();
  if (count_ > 0) {
    uint64_t value = ring_[head_];
    head_ = (head_ + 1) % capacity_;
    --count_;
    Task* sender = pop_front(&senders_);
    if (sender != nullptr) {
      ring_[(head_ + count_) % capacity_] = sender->wait_value;
      ++count_;
    }
    lock->unlock();
    if (sender != nullptr) ready(sender);
    return value;
  }
  if (Task* sender = pop_front(&senders_)) {
    uint64_t value = sender->wait_value;
    lock->unlock();
    ready(sender);
    return value;
  }
  push_back(&receivers_, self);
  park(lock);
  return running_task()->wait_value;
}

}  // namespace xrt
