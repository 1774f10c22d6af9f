/* Mirrors Go's TestDeepStack (testcarchive main9.c + libgo9): callbacks that collect, made with a
 * shallow C stack, then with about 40 KB of C stack in use, then shallow again. A runtime that
 * reuses system-stack bounds computed for the shallow call dies in the deep one
 * ("morestack on g0"). Cases: the sequence alone; nested under a runtime frame
 * (C -> xc_call_c -> xcd_callback -> xc_enter); and with a panic raised in the inner callback
 * and recovered in the outer runtime frame, after which the sequence must still work. */
#include "carchive_tests/driver.h"
#include "conformance/abi/xcall.h"

static const char *const cases[] = {"sequence", "nested", "panic_recovered", NULL};
enum { SEQUENCE, NESTED, PANIC_RECOVERED };

static int the_case;
static int callbacks_from_runtime;
static volatile int sink;

/* 40 KB of live C stack under the callback: volatile, and read after it, so it cannot go. */
static void __attribute__((noinline)) enter_with_deep_stack(int flags) {
  volatile char frame[40 * 1024];
  frame[0] = 1;
  frame[sizeof frame - 1] = 2;
  xc_enter(flags);
  sink += frame[0] + frame[sizeof frame - 1];
}

static void shallow_deep_shallow(void) {
  xc_enter(XC_COLLECT);
  enter_with_deep_stack(XC_COLLECT);
  xc_enter(XC_COLLECT);
}

void xcd_callback(int flags) {
  (void)flags;
  callbacks_from_runtime++;
  shallow_deep_shallow();
  if (the_case == PANIC_RECOVERED) {
    enter_with_deep_stack(XC_COLLECT | XC_PANIC);
    die("deep_stack: xc_enter(XC_PANIC) returned into C; the panic should have unwound to xc_call_c");
  }
}

uint64_t xcd_sum3(uint64_t a, uint64_t b, uint64_t c) { return a + 2 * b + 3 * c; }

int main(int argc, char **argv) {
  the_case = select_case(argc, argv, cases);
  if (the_case == SEQUENCE) shallow_deep_shallow();
  if (the_case == NESTED) xc_call_c(0);
  if (the_case == PANIC_RECOVERED) {
    xc_call_c(XC_RECOVER);
    shallow_deep_shallow(); /* the unwound call out must have left the runtime usable */
  }
  int want = the_case == SEQUENCE ? 0 : 1;
  if (callbacks_from_runtime != want)
    die("deep_stack: xcd_callback ran %d times, want %d", callbacks_from_runtime, want);
  return 0;
}
