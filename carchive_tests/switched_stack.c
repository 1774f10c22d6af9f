/* Mirrors Go's TestDeepStack (testcarchive main9.c) for stacks C switches to itself: callbacks
 * from the main thread before, on, and after a stack of C's own (ucontext on Linux, a fiber on
 * Windows), with no runtime frame above. Bounds cached for the main stack are wrong on the new
 * one; a runtime must notice that sp is outside them. */
#include "carchive_tests/driver.h"
#include "conformance/abi/xcall.h"

enum { OWN_STACK_BYTES = 256 * 1024 };
static const char *const cases[] = {"collect", NULL};
static int ran_on_own_stack;
static int nested_callbacks;

/* Reached only through XC_NEST, which strips itself: the runtime passes XC_COLLECT on. */
void xcd_callback(int flags) {
  if (flags != XC_COLLECT) die("switched_stack: xcd_callback(%d), want XC_COLLECT (%d)", flags, XC_COLLECT);
  nested_callbacks++;
  xc_enter(flags);
}

uint64_t xcd_sum3(uint64_t a, uint64_t b, uint64_t c) { return a + 2 * b + 3 * c; }

/* One phase: a plain callback, then a nested one (XC_NEST: the runtime calls xcd_callback,
 * which enters again), which must have reached C: `phase` nested callbacks in all so far. */
static void callbacks(int phase, const char *where) {
  xc_enter(XC_COLLECT);
  if (xc_echo(41) != 42) die("switched_stack: xc_echo(41) != 42 %s", where);
  xc_enter(XC_NEST | XC_COLLECT);
  if (nested_callbacks != phase)
    die("switched_stack: %d nested callbacks after the callbacks %s, want %d", nested_callbacks, where, phase);
}

#ifdef _WIN32
static LPVOID main_fiber;

static void CALLBACK on_own_stack(LPVOID unused) {
  (void)unused;
  callbacks(2, "on C's own stack");
  ran_on_own_stack = 1;
  SwitchToFiber(main_fiber);
}

static void run_on_own_stack(void) {
  main_fiber = ConvertThreadToFiber(NULL);
  if (main_fiber == NULL) die("switched_stack: ConvertThreadToFiber failed: %lu", GetLastError());
  LPVOID fiber = CreateFiber(OWN_STACK_BYTES, on_own_stack, NULL);
  if (fiber == NULL) die("switched_stack: CreateFiber failed: %lu", GetLastError());
  SwitchToFiber(fiber);
  DeleteFiber(fiber);
  ConvertFiberToThread();
}
#else
#include <ucontext.h>

static ucontext_t main_context, own_context;

static void on_own_stack(void) {
  callbacks(2, "on C's own stack");
  ran_on_own_stack = 1;
} /* returns to main_context through uc_link */

static void run_on_own_stack(void) {
  void *stack = malloc(OWN_STACK_BYTES);
  if (stack == NULL || getcontext(&own_context) != 0) die("switched_stack: cannot set up a stack");
  own_context.uc_stack.ss_sp = stack;
  own_context.uc_stack.ss_size = OWN_STACK_BYTES;
  own_context.uc_link = &main_context;
  makecontext(&own_context, on_own_stack, 0);
  if (swapcontext(&main_context, &own_context) != 0) die("switched_stack: swapcontext failed");
  free(stack);
}
#endif

int main(int argc, char **argv) {
  select_case(argc, argv, cases);
  callbacks(1, "on the main stack"); /* the runtime learns the main stack first */
  run_on_own_stack();
  if (!ran_on_own_stack) die("switched_stack: the callbacks on C's own stack did not complete");
  callbacks(3, "back on the main stack"); /* and finds it again */
  return 0;
}
