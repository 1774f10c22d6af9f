// Scheduler: many tasks, ping-pong, join, and no lost wake-ups. Run with XRT_MAXPROCS=1 and
// =2 (see BUILD): a lost wake-up shows as a hang, which the test's timeout turns into a
// failure.
#include <atomic>
#include <cstdint>
#include <vector>

#include "gtest/gtest.h"
#include "xrt/xrt.h"

namespace {

TEST(Scheduler, TenThousandTasksAllRunAndJoin) {
  constexpr int kTasks = 10000;
  std::vector<uint64_t> seen(kTasks, 0);
  struct Arg {
    uint64_t* slot;
    uint64_t value;
  };
  std::vector<Arg> args(kTasks);
  std::vector<xrt::Task*> tasks(kTasks);
  for (int i = 0; i < kTasks; ++i) {
    args[i] = {&seen[i], static_cast<uint64_t>(i) * 7 + 1};
    tasks[i] = xrt::spawn(
        [](void* p) {
          Arg* a = static_cast<Arg*>(p);
          xrt::yield();
          *a->slot = a->value;
        },
        &args[i]);
  }
  for (xrt::Task* t : tasks) xrt::join(t);
  for (int i = 0; i < kTasks; ++i) ASSERT_EQ(seen[i], static_cast<uint64_t>(i) * 7 + 1) << i;
}

TEST(Scheduler, PingPongBetweenTwoTasks) {
  constexpr uint64_t kRounds = 20000;
  struct Pair {
    xrt::Channel ping, pong;
    uint64_t last = 0;
  } pair;
  xrt::Task* ponger = xrt::spawn(
      [](void* p) {
        Pair* pair = static_cast<Pair*>(p);
        for (uint64_t i = 0; i < kRounds; ++i) pair->pong.send(pair->ping.receive() + 1);
      },
      &pair);
  xrt::Task* pinger = xrt::spawn(
      [](void* p) {
        Pair* pair = static_cast<Pair*>(p);
        uint64_t v = 0;
        for (uint64_t i = 0; i < kRounds; ++i) {
          pair->ping.send(v);
          uint64_t back = pair->pong.receive();
          if (back != v + 1) xrt::panic("ping-pong: wrong value back");
          v = back;
        }
        pair->last = v;
      },
      &pair);
  xrt::join(pinger);
  xrt::join(ponger);
  EXPECT_EQ(pair.last, kRounds);
}

TEST(Scheduler, JoinWaitsForTheTaskToFinish) {
  struct State {
    xrt::Channel gate;
    std::atomic<int> stage{0};
  } st;
  xrt::Task* t = xrt::spawn(
      [](void* p) {
        State* st = static_cast<State*>(p);
        st->gate.receive();
        for (int i = 0; i < 100; ++i) xrt::yield();
        st->stage.store(2);
      },
      &st);
  xrt::Task* opener = xrt::spawn(
      [](void* p) {
        State* st = static_cast<State*>(p);
        st->stage.store(1);
        st->gate.send(1);
      },
      &st);
  xrt::join(t);
  EXPECT_EQ(st.stage.load(), 2);
  xrt::join(opener);
}

TEST(Scheduler, JoinFromATaskParksOnlyThatTask) {
  struct State {
    std::atomic<int> done{0};
  } st;
  xrt::Task* outer = xrt::spawn(
      [](void* p) {
        State* st = static_cast<State*>(p);
        std::vector<xrt::Task*> inner;
        for (int i = 0; i < 100; ++i) {
          inner.push_back(xrt::spawn([](void* q) { static_cast<State*>(q)->done++; }, st));
        }
        for (xrt::Task* t : inner) xrt::join(t);
      },
      &st);
  xrt::join(outer);
  EXPECT_EQ(st.done.load(), 100);
}

// A token passed around a ring of tasks through unbuffered channels: every hand-over is a
// park on one side and a wake-up on the other, 8 x 5,000 times.
TEST(Scheduler, NoLostWakeUpsAroundARing) {
  constexpr int kTasks = 8;
  constexpr uint64_t kLaps = 5000;
  struct Ring {
    xrt::Channel links[kTasks];
    uint64_t final_token = 0;
  } ring;
  struct Member {
    Ring* ring;
    int index;
  } members[kTasks];
  std::vector<xrt::Task*> tasks;
  for (int i = 0; i < kTasks; ++i) {
    members[i] = {&ring, i};
    tasks.push_back(xrt::spawn(
        [](void* p) {
          Member* m = static_cast<Member*>(p);
          for (uint64_t lap = 0; lap < kLaps; ++lap) {
            uint64_t token = m->ring->links[m->index].receive();
            if (m->index == kTasks - 1 && lap == kLaps - 1) {
              m->ring->final_token = token + 1;
            } else {
              m->ring->links[(m->index + 1) % kTasks].send(token + 1);
            }
          }
        },
        &members[i]));
  }
  ring.links[0].send(0);
  for (xrt::Task* t : tasks) xrt::join(t);
  EXPECT_EQ(ring.final_token, kTasks * kLaps);
}

TEST(Scheduler, NoLostWakeUpsOnWaitGroups) {
  for (int round = 0; round < 2000; ++round) {
    struct State {
      xrt::WaitGroup wg;
      std::atomic<int> after{0};
    } st;
    st.wg.add(2);
    auto worker = [](void* p) { static_cast<State*>(p)->wg.done(); };
    auto waiter = [](void* p) {
      State* st = static_cast<State*>(p);
      st->wg.wait();
      st->after++;
    };
    xrt::Task* w1 = xrt::spawn(waiter, &st);
    xrt::Task* d1 = xrt::spawn(worker, &st);
    xrt::Task* d2 = xrt::spawn(worker, &st);
    st.wg.wait();
    xrt::join(w1);
    xrt::join(d1);
    xrt::join(d2);
    ASSERT_EQ(st.after.load(), 1) << "round " << round;
  }
}

TEST(Scheduler, BufferedChannelKeepsOrder) {
  xrt::Channel ch(16);
  struct Arg {
    xrt::Channel* ch;
  } arg{&ch};
  xrt::Task* producer = xrt::spawn(
      [](void* p) {
        for (uint64_t i = 0; i < 1000; ++i) static_cast<Arg*>(p)->ch->send(i);
      },
      &arg);
  for (uint64_t i = 0; i < 1000; ++i) ASSERT_EQ(ch.receive(), i);
  xrt::join(producer);
}

TEST(Scheduler, MaxprocsFollowsTheEnvironment) {
  const char* env = getenv("XRT_MAXPROCS");
  if (env != nullptr) {
    EXPECT_EQ(xrt::maxprocs(), atoi(env));
  }
  EXPECT_GE(xrt::maxprocs(), 1);
}

}  // namespace
