// Tests for the context-switching primitives: register preservation through a switch and
// through save/resume, context_make and ping-pong, stack alignment at entry, migration between
// threads, save/resume across stacks, xrt_call_on_stack (nested, TIB fields on Windows) and
// its resumable form, xrt_call_on_context_stack, C++ exceptions on other stacks, and the fatal
// paths.
#include "runtime/context/context.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

#include "runtime/context/call_on_stack_inline.h"
#include "runtime/context/unwind_probe.h"

extern "C" {
// The switch the probe below calls: xrt_context_switch unless a test picks another.
void (*xrt_test_switch)(xrt::Context* from, const xrt::Context* to) = xrt_context_switch;
// context_test_probe_*.S
void xrt_test_switch_with_registers(xrt::Context* from, const xrt::Context* to,
                                    const uint64_t* load, uint64_t* found);
int xrt_test_save_with_registers(xrt::Context* ctx, const uint64_t* load, uint64_t* found,
                                 void (*then)(xrt::Context*));
[[noreturn]] void xrt_test_resume_with_registers(const xrt::Context* ctx, const uint64_t* load,
                                                 int value);
#if defined(_WIN64)
void xrt_test_entry_using_shadow_space(void* arg);
#endif
// A switch for xrt_test_switch_with_registers that touches no callee-saved register itself:
// xrt_call_on_stack_resumable(from, xrt_test_scramble_and_leave, from, lo, hi) on the stack
// {lo, hi} that `to` points to. Its callee (in the same probe file) changes every callee-saved
// register, then leaves through xrt_context_load_keep_fp(from, 7).
void xrt_test_resumable_as_switch(xrt::Context* from, const xrt::Context* to);
// Below; extern "C" so that the Windows probe can continue into it.
void xrt_test_alignment_entry(void* arg);
}

namespace xrt {
namespace {

// A stack for tests, from the heap, with a canary region just above stack_hi so that a
// write past the top of the stack is caught.
class TestStack {
 public:
  static constexpr size_t kSize = 256 * 1024;
  static constexpr size_t kCanary = 256;
  static constexpr unsigned char kCanaryByte = 0xA5;

  TestStack() : memory_(new unsigned char[kSize + kCanary + 16]) {
    uintptr_t base = (reinterpret_cast<uintptr_t>(memory_.get()) + 15) & ~uintptr_t{15};
    lo_ = reinterpret_cast<unsigned char*>(base);
    std::memset(hi(), kCanaryByte, kCanary);
  }
  void* lo() const { return lo_; }
  unsigned char* hi() const { return lo_ + kSize; }
  bool contains(const void* p) const {
    auto* c = static_cast<const unsigned char*>(p);
    return c >= lo_ && c < hi();
  }
  bool canary_intact() const {
    for (size_t i = 0; i < kCanary; i++) {
      if (hi()[i] != kCanaryByte) return false;
    }
    return true;
  }

 private:
  std::unique_ptr<unsigned char[]> memory_;
  unsigned char* lo_;
};

#if defined(_WIN64)
// A field of this thread's TEB (the mingw __readgsqword trips -Warray-bounds in GCC 12).
uint64_t read_teb(uint64_t offset) {
  uint64_t value;
  __asm__ volatile("movq %%gs:(%1), %0" : "=r"(value) : "r"(offset));
  return value;
}
constexpr uint64_t kStackBase = 0x08, kStackLimit = 0x10, kDeallocationStack = 0x1478,
                   kExceptionList = 0x00;
#endif

__attribute__((noinline)) void throw_runtime_error(const char* what) {
  throw std::runtime_error(what);
}

// The address of a local of the calling function: a portable stand-in for its sp.
__attribute__((noinline)) uintptr_t current_frame() {
  volatile char marker = 0;
  return reinterpret_cast<uintptr_t>(&marker);
}

// ---- every callee-saved register survives a switch ------------------------------------

#if defined(XRT_ABI_X86_64_SYSV)
const char* const kSlotNames[] = {"rbx", "rbp", "r12", "r13", "r14", "r15", "mxcsr",
                                  "x87 control word"};
constexpr int kPlainSlots = 6;  // then mxcsr, x87 control word
#elif defined(XRT_ABI_X86_64_WINDOWS)
const char* const kSlotNames[] = {
    "rbx",        "rbp",        "rdi",        "rsi",        "r12",        "r13",
    "r14",        "r15",        "xmm6.lo",    "xmm6.hi",    "xmm7.lo",    "xmm7.hi",
    "xmm8.lo",    "xmm8.hi",    "xmm9.lo",    "xmm9.hi",    "xmm10.lo",   "xmm10.hi",
    "xmm11.lo",   "xmm11.hi",   "xmm12.lo",   "xmm12.hi",   "xmm13.lo",   "xmm13.hi",
    "xmm14.lo",   "xmm14.hi",   "xmm15.lo",   "xmm15.hi",   "mxcsr",      "x87 control word"};
constexpr int kPlainSlots = 28;  // then mxcsr, x87 control word
#elif defined(XRT_ABI_AARCH64)
const char* const kSlotNames[] = {"x19", "x20", "x21", "x22", "x23", "x24", "x25",
                                  "x26", "x27", "x28", "x29", "d8",  "d9",  "d10",
                                  "d11", "d12", "d13", "d14", "d15", "fpcr"};
constexpr int kPlainSlots = 19;  // then fpcr
#endif
constexpr int kSlots = sizeof kSlotNames / sizeof kSlotNames[0];

struct RegisterFile {
  uint64_t slot[kSlots];
};

// Distinct, recognisable values per side and per register. The last slots are FP control
// state (x86: mxcsr and x87 control word; AArch64: FPCR): each side picks a different, valid
// rounding mode, and precision or flush-to-zero.
RegisterFile patterns(uint64_t side) {
  RegisterFile file{};
  for (int i = 0; i < kPlainSlots; i++) {
    file.slot[i] = (side << 56) ^ (0x0101010101010101ull * uint64_t(i + 1)) ^ 0x8000000000000001ull;
  }
#if defined(__x86_64__)
  file.slot[kSlots - 2] = side == 1 ? 0x7F80 : 0xBFC0;  // mxcsr: round toward zero | FZ+DAZ+down
  file.slot[kSlots - 1] = side == 1 ? 0x0F7F : 0x067F;  // x87: truncate, 64-bit | down, 53-bit
#else
  // FPCR: RMode (bits 22-23) toward zero | toward minus infinity with FZ (bit 24).
  file.slot[kSlots - 1] = side == 1 ? 0x00C00000 : 0x01800000;
#endif
  return file;
}

struct RegisterTrip {
  Context main, task;
  RegisterFile task_load, task_found;
  int task_rounds = 0;
};

void clobbering_task(void* arg) {
  auto* trip = static_cast<RegisterTrip*>(arg);
  for (;;) {
    xrt_test_switch_with_registers(&trip->task, &trip->main, trip->task_load.slot,
                                   trip->task_found.slot);
    trip->task_rounds++;
  }
}

// Two round trips through the switch `sw` (the probe calls it): main loads side-1 values into
// every register and switches, the task loads side-2 values and switches back. Each side must
// find its own values again.
void check_register_round_trips(void (*sw)(Context*, const Context*)) {
  xrt_test_switch = sw;
  TestStack stack;
  RegisterTrip trip;
  trip.task_load = patterns(2);
  context_make(&trip.task, stack.lo(), stack.hi(), clobbering_task, &trip);
  const RegisterFile main_load = patterns(1);
  RegisterFile main_found{};
  // main -> task -> main.
  xrt_test_switch_with_registers(&trip.main, &trip.task, main_load.slot, main_found.slot);
  for (int i = 0; i < kSlots; i++) {
    EXPECT_EQ(main_found.slot[i], main_load.slot[i]) << "main side, register " << kSlotNames[i];
  }
  // task -> main -> task: main's values must not leak into the resumed task.
  xrt_test_switch_with_registers(&trip.main, &trip.task, main_load.slot, main_found.slot);
  EXPECT_EQ(trip.task_rounds, 1);
  for (int i = 0; i < kSlots; i++) {
    EXPECT_EQ(trip.task_found.slot[i], trip.task_load.slot[i])
        << "task side, register " << kSlotNames[i];
  }
  EXPECT_TRUE(stack.canary_intact());
  xrt_test_switch = xrt_context_switch;
}

TEST(ContextSwitch, EveryCalleeSavedRegisterSurvivesARoundTrip) {
  check_register_round_trips(xrt_context_switch);
}

// Tasks migrate: a context saved on one thread is resumed on another. Each side must find its
// own thread's state (on Windows the TIB) after the switch.
struct Migration {
  Context first_home, second_home, task;
  std::thread::id first_thread, second_thread;
  uint64_t task_tib_base = 0;  // Windows: StackBase as the task saw it on the second thread
};

// Not inlined, and with an empty asm that may touch memory: pthread_self is a const function,
// so a compiler may reuse its result across the switch inside one function - the very hazard
// migrating code must avoid. Clang infers the same of a wrapper that is only not inlined
// (caught under --config=tsan, which builds with Clang); the asm stops that.
__attribute__((noinline)) std::thread::id running_thread() {
  __asm__ volatile("" ::: "memory");
  return std::this_thread::get_id();
}

void migrating_entry(void* arg) {
  auto* m = static_cast<Migration*>(arg);
  m->first_thread = running_thread();
  xrt_context_switch(&m->task, &m->first_home);
  m->second_thread = running_thread();
#if defined(_WIN64)
  m->task_tib_base = read_teb(kStackBase);
#endif
  xrt_context_switch(&m->task, &m->second_home);
}

TEST(ContextSwitch, ATaskResumesOnAnotherThread) {
  TestStack stack;
  Migration m;
  context_make(&m.task, stack.lo(), stack.hi(), migrating_entry, &m);
  std::thread::id first, second;
  bool home_state_back = false;
  // The first thread stays alive until the second is done, so the two cannot share an id.
  std::atomic<bool> task_left_first{false}, second_done{false};
  std::thread first_thread([&] {
    first = running_thread();
    xrt_context_switch(&m.first_home, &m.task);
    task_left_first = true;
    while (!second_done) std::this_thread::yield();
  });
  while (!task_left_first) std::this_thread::yield();
  std::thread([&] {
    second = running_thread();
#if defined(_WIN64)
    const uint64_t base = read_teb(kStackBase), limit = read_teb(kStackLimit);
    xrt_context_switch(&m.second_home, &m.task);
    home_state_back = read_teb(kStackBase) == base && read_teb(kStackLimit) == limit;
#else
    xrt_context_switch(&m.second_home, &m.task);
    home_state_back = true;
#endif
  }).join();
  second_done = true;
  first_thread.join();
  EXPECT_EQ(m.first_thread, first);
  EXPECT_EQ(m.second_thread, second);
  EXPECT_NE(first, second);
  EXPECT_TRUE(home_state_back) << "the second thread's TIB stack fields were not restored";
#if defined(_WIN64)
  EXPECT_EQ(m.task_tib_base, reinterpret_cast<uint64_t>(stack.hi()));
#endif
}

// The same through xrt_context_save and a resume from a task that clobbers every register.
struct SaveTrip {
  Context saved;  // first: `then` receives &saved and finds the trip from it
  Context abandoned, task;
  RegisterFile task_load;
};

void resume_with_other_registers(void* arg) {
  auto* trip = static_cast<SaveTrip*>(arg);
  xrt_test_resume_with_registers(&trip->saved, trip->task_load.slot, 5);
}

static_assert(offsetof(SaveTrip, saved) == 0);

void switch_to_resuming_task(Context* saved) {
  auto* trip = reinterpret_cast<SaveTrip*>(saved);
  xrt_context_switch(&trip->abandoned, &trip->task);
}

TEST(ContextSave, EveryCalleeSavedRegisterSurvivesAResumeFromAnotherStack) {
  TestStack stack;
  SaveTrip trip;
  trip.task_load = patterns(2);
  context_make(&trip.task, stack.lo(), stack.hi(), resume_with_other_registers, &trip);
  const RegisterFile load = patterns(1);
  RegisterFile found{};
  EXPECT_EQ(xrt_test_save_with_registers(&trip.saved, load.slot, found.slot,
                                         switch_to_resuming_task),
            5);
  for (int i = 0; i < kSlots; i++) {
    EXPECT_EQ(found.slot[i], load.slot[i]) << "register " << kSlotNames[i];
  }
}

// ---- context_make, ping-pong, alignment -------------------------------------------------

struct PingPong {
  Context main, ping, pong;
  int rounds = 0;
  long ball = 0;            // ping makes it odd, pong makes it even
  bool out_of_order = false;
  const void* ping_arg = nullptr;
  const void* pong_arg = nullptr;
};

void ping_entry(void* arg) {
  auto* game = static_cast<PingPong*>(arg);
  game->ping_arg = arg;
  for (int i = 0; i < game->rounds; i++) {
    if (game->ball != 2L * i) game->out_of_order = true;
    game->ball++;
    xrt_context_switch(&game->ping, &game->pong);
  }
  xrt_context_switch(&game->ping, &game->main);
}

void pong_entry(void* arg) {
  auto* game = static_cast<PingPong*>(arg);
  game->pong_arg = arg;
  for (;;) {
    if (game->ball % 2 != 1) game->out_of_order = true;
    game->ball++;
    xrt_context_switch(&game->pong, &game->ping);
  }
}

TEST(ContextMake, TwoTasksPingPongManyTimesAndArgumentsArrive) {
  TestStack ping_stack, pong_stack;
  PingPong game;
  game.rounds = 100000;
  context_make(&game.ping, ping_stack.lo(), ping_stack.hi(), ping_entry, &game);
  context_make(&game.pong, pong_stack.lo(), pong_stack.hi(), pong_entry, &game);
  xrt_context_switch(&game.main, &game.ping);
  EXPECT_EQ(game.ping_arg, &game);
  EXPECT_EQ(game.pong_arg, &game);
  EXPECT_FALSE(game.out_of_order);
  EXPECT_EQ(game.ball, 2L * game.rounds);
  EXPECT_TRUE(ping_stack.canary_intact());
  EXPECT_TRUE(pong_stack.canary_intact());
}

struct AlignmentProbe {
  Context main, task;
  uintptr_t aligned_local = 1;
  uintptr_t frame = 0;
  float sum = 0;
};

}  // namespace
}  // namespace xrt

typedef float Float4 __attribute__((vector_size(16)));

extern "C" __attribute__((noinline)) void xrt_test_alignment_entry(void* arg) {
  auto* probe = static_cast<xrt::AlignmentProbe*>(arg);
  alignas(16) Float4 v = {1.0f, 2.0f, 3.0f, 4.0f};
  __asm__ volatile("" : "+m"(v));  // keep v in memory: the aligned access below is real
  probe->aligned_local = reinterpret_cast<uintptr_t>(&v);
  Float4 w = v * v + v;
  probe->sum = w[0] + w[1] + w[2] + w[3];
  probe->frame = xrt::current_frame();
  xrt_context_switch(&probe->task, &probe->main);
}

namespace xrt {
namespace {

// On Windows the entry also fills the 32-byte shadow space above its return address, which
// must lie inside the stack.
TEST(ContextMake, StackIsAlignedAtEntryAndNothingIsWrittenAboveIt) {
#if defined(_WIN64)
  void (*const entry)(void*) = xrt_test_entry_using_shadow_space;
#else
  void (*const entry)(void*) = xrt_test_alignment_entry;
#endif
  for (size_t skew = 0; skew < 16; skew += 8) {  // stack_hi need not be aligned
    TestStack stack;
    AlignmentProbe probe;
    context_make(&probe.task, stack.lo(), stack.hi() - skew, entry, &probe);
    xrt_context_switch(&probe.main, &probe.task);
    EXPECT_EQ(probe.aligned_local % 16, 0u) << "skew " << skew;
    EXPECT_EQ(probe.sum, 2.0f + 6.0f + 12.0f + 20.0f);
    EXPECT_TRUE(stack.contains(reinterpret_cast<void*>(probe.frame)));
    // Nothing may be written at or above stack_hi.
    EXPECT_TRUE(stack.canary_intact()) << "skew " << skew;
  }
}

// ---- save and resume --------------------------------------------------------------------

TEST(ContextSave, ReturnsZeroThenTheResumeValue) {
  Context ctx;
  volatile int passes = 0;
  volatile int seen = -1;
  int r = xrt_context_save(&ctx);
  passes = passes + 1;
  if (r == 0) {
    EXPECT_EQ(passes, 1);
    xrt_context_resume(&ctx, 42);
  }
  seen = r;
  EXPECT_EQ(passes, 2);
  EXPECT_EQ(seen, 42);
}

struct ResumeFromTask {
  Context saved, main, task;
  int value = 0;
  uintptr_t task_frame = 0;
  uint64_t task_tib_base = 0, task_tib_limit = 0;  // Windows: the TIB as the task saw it
};

void resuming_entry(void* arg) {
  auto* trip = static_cast<ResumeFromTask*>(arg);
  trip->task_frame = current_frame();
#if defined(_WIN64)
  trip->task_tib_base = read_teb(kStackBase);
  trip->task_tib_limit = read_teb(kStackLimit);
#endif
  xrt_context_resume(&trip->saved, trip->value);
}

TEST(ContextSave, ResumeFromAnotherStackReturnsThere) {
  TestStack stack;
  ResumeFromTask trip;
  trip.value = 7;
  context_make(&trip.task, stack.lo(), stack.hi(), resuming_entry, &trip);
#if defined(_WIN64)
  const uint64_t base = read_teb(kStackBase), limit = read_teb(kStackLimit),
                 chain = read_teb(kExceptionList);
#endif
  volatile int rounds = 0;
  int r = xrt_context_save(&trip.saved);
  rounds = rounds + 1;
  if (r == 0) {
    xrt_context_switch(&trip.main, &trip.task);  // never returns: the task resumes `saved`
    FAIL() << "switch to the task returned";
  }
  EXPECT_EQ(r, 7);
  EXPECT_EQ(rounds, 2);
  EXPECT_TRUE(stack.contains(reinterpret_cast<void*>(trip.task_frame)));
  EXPECT_FALSE(stack.contains(reinterpret_cast<void*>(current_frame())));
#if defined(_WIN64)
  EXPECT_EQ(trip.task_tib_base, reinterpret_cast<uint64_t>(stack.hi())) << "task's StackBase";
  EXPECT_EQ(trip.task_tib_limit, reinterpret_cast<uint64_t>(stack.lo())) << "task's StackLimit";
  EXPECT_EQ(read_teb(kStackBase), base) << "TIB StackBase not restored by resume";
  EXPECT_EQ(read_teb(kStackLimit), limit) << "TIB StackLimit not restored by resume";
  EXPECT_EQ(read_teb(kExceptionList), chain) << "TIB ExceptionList not restored by resume";
#endif
}

// A switch to a context saved with xrt_context_save makes the save return 1.
TEST(ContextSave, SwitchToASavedContextReturnsOne) {
  TestStack stack;
  ResumeFromTask trip;
  volatile int rounds = 0;
  int r = xrt_context_save(&trip.saved);
  rounds = rounds + 1;
  if (r == 0) {
    xrt_context_switch(&trip.main, &trip.saved);
  }
  EXPECT_EQ(r, 1);
  EXPECT_EQ(rounds, 2);
}

// ---- call on stack ----------------------------------------------------------------------

using CallOnStack = void* (*)(void* (*fn)(void*), void* arg, void* stack_lo, void* stack_hi);

// call_on_stack_inline, in a function of its own (compiled with frame pointers, as the
// runtime is) for the tests to pass around.
__attribute__((noinline)) void* call_inline(void* (*fn)(void*), void* arg, void* stack_lo,
                                            void* stack_hi) {
  void* result = call_on_stack_inline(fn, arg, stack_lo, stack_hi);
  __asm__ volatile("" : : "r"(result) : "memory");  // a frame of its own: no tail call
  return result;
}

struct StackCall {
  const TestStack* stack;
  uintptr_t frame = 0;
  uint64_t tib_base = 0, tib_limit = 0, tib_deallocation = 0;
  StackCall* inner = nullptr;  // if set, called with `call` from inside
  CallOnStack call = xrt_call_on_stack;
  void* inner_result = nullptr;
  int result = 0;
};

void* record_stack(void* arg) {
  auto* call = static_cast<StackCall*>(arg);
  call->frame = current_frame();
#if defined(_WIN64)
  call->tib_base = read_teb(kStackBase);
  call->tib_limit = read_teb(kStackLimit);
  call->tib_deallocation = read_teb(kDeallocationStack);
#endif
  if (call->inner != nullptr) {
    call->inner_result =
        call->call(record_stack, call->inner, call->inner->stack->lo(), call->inner->stack->hi());
#if defined(_WIN64)
    // The inner call must have put our own TIB values back.
    if (read_teb(kStackBase) != call->tib_base || read_teb(kStackLimit) != call->tib_limit) {
      call->result = -1;
      return nullptr;
    }
#endif
  }
  call->result = 1;
  return &call->result;
}

void expect_tib_describes(const StackCall& call, const TestStack& stack) {
#if defined(_WIN64)
  EXPECT_EQ(call.tib_base, reinterpret_cast<uint64_t>(stack.hi()));
  EXPECT_EQ(call.tib_limit, reinterpret_cast<uint64_t>(stack.lo()));
  EXPECT_EQ(call.tib_deallocation, reinterpret_cast<uint64_t>(stack.lo()));
#else
  (void)call, (void)stack;
#endif
}

// The thread's own TEB stack fields when made (Windows; nothing elsewhere): a call on
// another stack must put them back.
struct TebStackFields {
#if defined(_WIN64)
  uint64_t base = read_teb(kStackBase), limit = read_teb(kStackLimit),
           deallocation = read_teb(kDeallocationStack), chain = read_teb(kExceptionList);
#endif
  void expect_restored() const {
#if defined(_WIN64)
    EXPECT_EQ(read_teb(kStackBase), base);
    EXPECT_EQ(read_teb(kStackLimit), limit);
    EXPECT_EQ(read_teb(kDeallocationStack), deallocation);
    EXPECT_EQ(read_teb(kExceptionList), chain);
#endif
  }
};

// One call of `call` on a fresh stack: fn ran there, returned its result, and (Windows) saw the
// TIB describe that stack, which is the thread's own again afterwards.
void expect_runs_on_the_given_stack(CallOnStack call_on_stack) {
  TestStack stack;
  StackCall call{&stack};
  const TebStackFields teb;
  void* result = call_on_stack(record_stack, &call, stack.lo(), stack.hi());
  EXPECT_EQ(result, &call.result);
  EXPECT_EQ(call.result, 1);
  EXPECT_TRUE(stack.contains(reinterpret_cast<void*>(call.frame)));
  expect_tib_describes(call, stack);
  teb.expect_restored();
  EXPECT_TRUE(stack.canary_intact());
}

TEST(CallOnStack, RunsOnTheGivenStackAndReturnsTheResult) {
  expect_runs_on_the_given_stack(xrt_call_on_stack);
}

TEST(CallOnStack, NestedCallsOnDifferentStacks) {
  TestStack outer_stack, inner_stack;
  StackCall inner{&inner_stack};
  StackCall outer{&outer_stack};
  outer.inner = &inner;
  void* result = xrt_call_on_stack(record_stack, &outer, outer_stack.lo(), outer_stack.hi());
  EXPECT_EQ(result, &outer.result);
  EXPECT_EQ(outer.result, 1) << "TIB not restored after the inner call";
  EXPECT_EQ(outer.inner_result, &inner.result);
  EXPECT_TRUE(outer_stack.contains(reinterpret_cast<void*>(outer.frame)));
  EXPECT_TRUE(inner_stack.contains(reinterpret_cast<void*>(inner.frame)));
  expect_tib_describes(outer, outer_stack);
  expect_tib_describes(inner, inner_stack);
}

// Calling again with the stack we are already running on must not start over at its top,
// which would overwrite the outer call's frames.
TEST(CallOnStack, NestedCallOnTheSameStackRunsBelowTheCaller) {
  TestStack stack;
  StackCall inner{&stack};
  StackCall outer{&stack};
  outer.inner = &inner;
  void* result = xrt_call_on_stack(record_stack, &outer, stack.lo(), stack.hi());
  EXPECT_EQ(result, &outer.result);
  EXPECT_EQ(outer.result, 1);
  EXPECT_TRUE(stack.contains(reinterpret_cast<void*>(inner.frame)));
  EXPECT_LT(inner.frame, outer.frame);
  expect_tib_describes(inner, stack);
}

// ---- the same, inlined into the caller ---------------------------------------------------

TEST(CallOnStackInline, RunsOnTheGivenStackAndReturnsTheResult) {
  expect_runs_on_the_given_stack(call_inline);
}

TEST(CallOnStackInline, NestedCallsOnDifferentStacksAndOnTheSameStack) {
  TestStack outer_stack, inner_stack;
  StackCall innermost{&inner_stack};
  StackCall inner{&inner_stack};
  inner.inner = &innermost;
  inner.call = call_inline;
  StackCall outer{&outer_stack};
  outer.inner = &inner;
  outer.call = call_inline;
  void* result = call_inline(record_stack, &outer, outer_stack.lo(), outer_stack.hi());
  EXPECT_EQ(result, &outer.result);
  EXPECT_EQ(outer.result, 1);
  EXPECT_EQ(outer.inner_result, &inner.result);
  EXPECT_EQ(inner.inner_result, &innermost.result);
  EXPECT_TRUE(outer_stack.contains(reinterpret_cast<void*>(outer.frame)));
  EXPECT_TRUE(inner_stack.contains(reinterpret_cast<void*>(inner.frame)));
  EXPECT_TRUE(inner_stack.contains(reinterpret_cast<void*>(innermost.frame)));
  EXPECT_LT(innermost.frame, inner.frame) << "the same-stack call overwrote its caller's frames";
  EXPECT_TRUE(outer_stack.canary_intact());
  EXPECT_TRUE(inner_stack.canary_intact());
}

// ---- unwinders walk from fn back to the caller's stack ------------------------------------

void* unwind_from_here(void* arg) {
  static_cast<UnwindProbe*>(arg)->walk();
  return nullptr;
}

__attribute__((noinline)) void call_and_unwind(CallOnStack call, UnwindProbe* probe,
                                               TestStack* stack) {
  probe->target_return = reinterpret_cast<uintptr_t>(__builtin_return_address(0));
  call(unwind_from_here, probe, stack->lo(), stack->hi());
  __asm__ volatile("" : : : "memory");  // a frame of its own: no tail call
}

TEST(CallOnStack, UnwindersWalkFromFnBackToTheCaller) {
  TestStack stack;
  UnwindProbe probe;
  call_and_unwind(xrt_call_on_stack, &probe, &stack);
  EXPECT_TRUE(probe.reached) << "stopped after " << probe.frames << " frames";
}

TEST(CallOnStackInline, UnwindersWalkFromFnBackToTheCaller) {
  TestStack stack;
  UnwindProbe probe;
  call_and_unwind(call_inline, &probe, &stack);
  EXPECT_TRUE(probe.reached) << "stopped after " << probe.frames << " frames";
}

// ---- call on a stack that can be left early ----------------------------------------------

TEST(CallOnStackResumable, ReturnsLikeCallOnStack) {
  TestStack stack;
  StackCall call{&stack};
  Context back;
  void* result = xrt_call_on_stack_resumable(&back, record_stack, &call, stack.lo(), stack.hi());
  EXPECT_EQ(result, &call.result);
  EXPECT_EQ(call.result, 1);
  EXPECT_TRUE(stack.contains(reinterpret_cast<void*>(call.frame)));
  expect_tib_describes(call, stack);
  EXPECT_TRUE(stack.canary_intact());
}

struct EarlyExit {
  Context back;
  TestStack* inner_stack;
  uintptr_t inner_frame = 0;
};

void* leave_early(void* arg) {
  auto* exit = static_cast<EarlyExit*>(arg);
  exit->inner_frame = current_frame();
  xrt_context_load_keep_fp(&exit->back, 7);
}

void* call_deeper_and_leave(void* arg) {
  auto* exit = static_cast<EarlyExit*>(arg);
  xrt_call_on_stack(leave_early, exit, exit->inner_stack->lo(), exit->inner_stack->hi());
  ADD_FAILURE() << "xrt_call_on_stack returned after its callee left through back";
  return nullptr;
}

// Leaving from two stacks down: the call returns the value at once, on the caller's stack
// with (Windows) the caller's TIB fields.
TEST(CallOnStackResumable, LeavingThroughBackReturnsTheValueAtOnce) {
  TestStack stack, inner_stack;
  EarlyExit exit;
  exit.inner_stack = &inner_stack;
  const TebStackFields teb;
  const uintptr_t frame = current_frame();
  void* result = xrt_call_on_stack_resumable(&exit.back, call_deeper_and_leave, &exit,
                                             stack.lo(), stack.hi());
  EXPECT_EQ(reinterpret_cast<uintptr_t>(result), 7u);
  EXPECT_EQ(current_frame(), frame);
  EXPECT_TRUE(inner_stack.contains(reinterpret_cast<void*>(exit.inner_frame)));
  teb.expect_restored();
  EXPECT_TRUE(stack.canary_intact());
  EXPECT_TRUE(inner_stack.canary_intact());
}

// The probe loads a value of its own into every callee-saved register and makes the call;
// the callee changes them all and leaves through back: the probe finds its values again.
TEST(CallOnStackResumable, LeavingThroughBackKeepsEveryCalleeSavedRegister) {
  TestStack stack;
  const uint64_t bounds[2] = {reinterpret_cast<uint64_t>(stack.lo()),
                              reinterpret_cast<uint64_t>(stack.hi())};
  Context back;
  RegisterFile load = patterns(1), found{};
  xrt_test_switch = xrt_test_resumable_as_switch;
  xrt_test_switch_with_registers(&back, reinterpret_cast<const Context*>(bounds), load.slot,
                                 found.slot);
  xrt_test_switch = xrt_context_switch;
  for (int i = 0; i < kSlots; i++) EXPECT_EQ(found.slot[i], load.slot[i]) << kSlotNames[i];
}

// ---- call on the stack of a suspended context --------------------------------------------

uintptr_t saved_sp(const Context& ctx) {
#if defined(XRT_ABI_AARCH64)
  return ctx.sp;
#else
  return ctx.rsp;
#endif
}

struct OwnerCall {
  Context owner, task;
  uintptr_t fn_frame = 0;
  void* result = nullptr;
  std::string caught;
  uint64_t fn_tib_base = 0, fn_tib_limit = 0, fn_tib_deallocation = 0;  // Windows
  uint64_t task_tib_base_after = 0;                                      // Windows
};

void* on_owner_stack(void* arg) {
  auto* call = static_cast<OwnerCall*>(arg);
  call->fn_frame = current_frame();
#if defined(_WIN64)
  call->fn_tib_base = read_teb(kStackBase);
  call->fn_tib_limit = read_teb(kStackLimit);
  call->fn_tib_deallocation = read_teb(kDeallocationStack);
#endif
  try {
    throw_runtime_error("thrown on the owner's stack");
  } catch (const std::runtime_error& e) {
    call->caught = e.what();
  }
  return &call->fn_frame;
}

void calling_back_entry(void* arg) {
  auto* call = static_cast<OwnerCall*>(arg);
  call->result = xrt_call_on_context_stack(on_owner_stack, call, &call->owner);
#if defined(_WIN64)
  call->task_tib_base_after = read_teb(kStackBase);
#endif
  xrt_context_switch(&call->task, &call->owner);
}

TEST(CallOnContextStack, RunsBelowTheSuspendedContextWithItsTib) {
  TestStack stack;
  OwnerCall call;
  context_make(&call.task, stack.lo(), stack.hi(), calling_back_entry, &call);
  volatile uint64_t owner_frame_data[16];  // lives above the owner's saved sp: must survive
  for (auto& word : owner_frame_data) word = 0x0123456789ABCDEFull;
#if defined(_WIN64)
  const uint64_t base = read_teb(kStackBase), limit = read_teb(kStackLimit),
                 deallocation = read_teb(kDeallocationStack);
#endif
  xrt_context_switch(&call.owner, &call.task);
  EXPECT_EQ(call.result, &call.fn_frame);
  EXPECT_LT(call.fn_frame, saved_sp(call.owner));
  EXPECT_GT(call.fn_frame, saved_sp(call.owner) - 64 * 1024);
  EXPECT_FALSE(stack.contains(reinterpret_cast<void*>(call.fn_frame)));
  for (auto& word : owner_frame_data) EXPECT_EQ(word, 0x0123456789ABCDEFull);
  EXPECT_EQ(call.caught, "thrown on the owner's stack");
#if defined(_WIN64)
  EXPECT_EQ(call.fn_tib_base, base);
  EXPECT_EQ(call.fn_tib_limit, limit);
  EXPECT_EQ(call.fn_tib_deallocation, deallocation);
  EXPECT_EQ(call.task_tib_base_after, reinterpret_cast<uint64_t>(stack.hi()));
#endif
}

// ---- C++ exceptions on other stacks -----------------------------------------------------

void* throw_and_catch(void* arg) {
  auto* caught = static_cast<std::string*>(arg);
  try {
    throw_runtime_error("thrown on the call stack");
  } catch (const std::runtime_error& e) {
    *caught = e.what();
  }
  return nullptr;
}

TEST(Exceptions, ThrownAndCaughtInsideCallOnStack) {
  TestStack stack;
  std::string caught;
  xrt_call_on_stack(throw_and_catch, &caught, stack.lo(), stack.hi());
  EXPECT_EQ(caught, "thrown on the call stack");
}

struct ThrowingTask {
  Context main, task;
  std::string caught;
};

void throwing_entry(void* arg) {
  auto* trip = static_cast<ThrowingTask*>(arg);
  try {
    throw_runtime_error("thrown on a task stack");
  } catch (const std::runtime_error& e) {
    trip->caught = e.what();
  }
  xrt_context_switch(&trip->task, &trip->main);
}

TEST(Exceptions, ThrownAndCaughtOnATaskStack) {
  TestStack stack;
  ThrowingTask trip;
  context_make(&trip.task, stack.lo(), stack.hi(), throwing_entry, &trip);
  xrt_context_switch(&trip.main, &trip.task);
  EXPECT_EQ(trip.caught, "thrown on a task stack");
}

#if !defined(_WIN64)
void* throw_out(void*) {
  throw_runtime_error("crosses stacks");
  return nullptr;
}

// On Linux the unwind info of xrt_call_on_stack leads the unwinder back to the caller's stack.
TEST(Exceptions, LeaveCallOnStackOnLinux) {
  TestStack stack;
  std::string caught;
  try {
    xrt_call_on_stack(throw_out, nullptr, stack.lo(), stack.hi());
  } catch (const std::runtime_error& e) {
    caught = e.what();
  }
  EXPECT_EQ(caught, "crosses stacks");
}
#endif

// ---- the fatal path ---------------------------------------------------------------------

void returning_entry(void*) {}

void run_task_whose_entry_returns() {
  TestStack stack;
  Context main, task;
  context_make(&task, stack.lo(), stack.hi(), returning_entry, nullptr);
  xrt_context_switch(&main, &task);
}

// Linux: the "fast" style forks, which also works under qemu-user (re-executing the binary,
// as "threadsafe" does, would need binfmt_misc). Windows only has the re-executing style.
TEST(ContextMakeDeathTest, EntryThatReturnsIsFatal) {
  GTEST_FLAG_SET(death_test_style, "fast");
  EXPECT_DEATH(run_task_whose_entry_returns(), "fatal: task entry returned");
}

TEST(ContextMakeDeathTest, TooSmallAStackIsFatal) {
  GTEST_FLAG_SET(death_test_style, "fast");
  static unsigned char tiny[64];
  Context ctx;
  EXPECT_DEATH(context_make(&ctx, tiny, tiny + sizeof tiny, returning_entry, nullptr),
               "fatal: context_make: no entry, or a stack smaller than 256 bytes");
}

}  // namespace
}  // namespace xrt
