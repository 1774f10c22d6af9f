/* Mirrors the thread side of Go's TestDeepStack (testcarchive main9.c): callbacks, plain and
 * nested, from a C thread created with a 64 KiB stack. A runtime that assumes a big system stack
 * (or estimates bounds below the real low end) scans or runs past it. Where the C library
 * refuses 64 KiB (glibc on aarch64: PTHREAD_STACK_MIN is 128 KiB) the thread gets its minimum. */
#include "carchive_tests/driver.h"
#include "conformance/abi/xcall.h"

#include <limits.h>
#include <pthread.h>

enum { STACK_BYTES = 64 * 1024 };
static const char *const cases[] = {"collect", NULL};
static int nested_callbacks;

/* Reached only through XC_NEST, which strips itself: the runtime passes XC_COLLECT on. */
void xcd_callback(int flags) {
  if (flags != XC_COLLECT) die("small_stack_thread: xcd_callback(%d), want XC_COLLECT (%d)", flags, XC_COLLECT);
  nested_callbacks++;
  xc_enter(flags);
}

uint64_t xcd_sum3(uint64_t a, uint64_t b, uint64_t c) { return a + 2 * b + 3 * c; }

static void *call_runtime(void *unused) {
  (void)unused;
  for (int i = 0; i < 3; i++) {
    xc_enter(XC_COLLECT);
    if (xc_echo(41) != 42) die("small_stack_thread: xc_echo(41) != 42");
    xc_enter(XC_NEST | XC_COLLECT); /* C -> runtime -> C -> runtime, on the small stack */
    if (nested_callbacks != i + 1) die("small_stack_thread: %d nested callbacks after round %d, want %d", nested_callbacks, i + 1, i + 1);
  }
  return NULL;
}

int main(int argc, char **argv) {
  select_case(argc, argv, cases);
  pthread_attr_t attr;
  pthread_t thread;
  pthread_attr_init(&attr);
  size_t stack_bytes = STACK_BYTES;
#ifdef PTHREAD_STACK_MIN
  if (stack_bytes < (size_t)PTHREAD_STACK_MIN) stack_bytes = PTHREAD_STACK_MIN;
#endif
  int err = pthread_attr_setstacksize(&attr, stack_bytes);
  if (err != 0) die("small_stack_thread: pthread_attr_setstacksize(%lu) failed: %s", (unsigned long)stack_bytes, strerror(err));
  err = pthread_create(&thread, &attr, call_runtime, NULL);
  if (err != 0) die("small_stack_thread: pthread_create failed: %s", strerror(err));
  pthread_join(thread, NULL);
  if (nested_callbacks != 3) die("small_stack_thread: %d nested callbacks, want 3", nested_callbacks);
  return 0;
}
