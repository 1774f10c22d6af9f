// Stop-the-world collection (semantics §3): xrt::gc() walks every task stack - parked tasks,
// tasks in C, the caller - and the system stack of every thread that runs tasks or callbacks,
// while other tasks keep calling C and calling back.
#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/records.h"
#include "xrt/xrt.h"

namespace {

TEST(Collect, WalksParkedTasksTasksInCAndNestedCallbacks) {
  struct World {
    xrt::Channel gate;
    std::atomic<bool> stop{false};
    std::atomic<int> in_c{0};
    std::atomic<uint64_t> calls{0};
  } w;
  std::vector<xrt::Task*> tasks;
  for (int i = 0; i < 8; ++i) {  // parked on a channel
    tasks.push_back(xrt::spawn([](void* p) { static_cast<World*>(p)->gate.receive(); }, &w));
  }
  for (int i = 0; i < 4; ++i) {  // busy calling C that calls back
    tasks.push_back(xrt::spawn(
        [](void* p) {
          World* w = static_cast<World*>(p);
          while (!w->stop.load()) {
            xrt::ccall(
                [](void* q) -> void* {
                  return xrt::callback(
                      [](void* r) -> void* {
                        static_cast<World*>(r)->calls++;
                        return nullptr;
                      },
                      q);
                },
                w);
            xrt::yield();
          }
        },
        &w));
  }
  std::thread c_thread([&w] {  // a C thread calling back all the time
    while (!w.stop.load()) {
      xrt::callback(
          [](void* r) -> void* {
            static_cast<World*>(r)->calls++;
            return nullptr;
          },
          &w);
    }
  });
  for (int i = 0; i < 20; ++i) {
    xrt::CollectStats stats = xrt::gc();
    EXPECT_GE(stats.task_stacks, 12u + 1u);
    EXPECT_GE(stats.system_stacks, 1u);
    EXPECT_GT(stats.bytes, 0u);
  }
  w.stop.store(true);
  c_thread.join();
  for (int i = 0; i < 8; ++i) w.gate.send(0);
  for (xrt::Task* t : tasks) xrt::join(t);
  EXPECT_GT(w.calls.load(), 0u);
}

TEST(Collect, FromInsideANestedCallback) {
  xrt::CollectStats stats;
  xrt::Task* t = xrt::spawn(
      [](void* p) {
        xrt::ccall(
            [](void* q) -> void* {
              return xrt::callback(
                  [](void* r) -> void* {
                    *static_cast<xrt::CollectStats*>(r) = xrt::gc();
                    return nullptr;
                  },
                  q);
            },
            p);
      },
      &stats);
  xrt::join(t);
  EXPECT_GE(stats.task_stacks, 1u);
  EXPECT_GE(stats.system_stacks, 1u);
}

}  // namespace
