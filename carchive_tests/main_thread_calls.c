/* Mirrors Go's BenchmarkCgoCallbackMainThread (testcarchive main10.c + libgo10): many cheap
 * callbacks from the program's main thread, every result checked; prints ns per call. A
 * runtime that asks the OS for the main thread's stack bounds on every entry is slow here. */
#include "carchive_tests/driver.h"
#include "conformance/abi/xcall.h"

static const char *const cases[] = {"echo", NULL};

void xcd_callback(int flags) { die("main_thread_calls: unexpected xcd_callback(%d)", flags); }
uint64_t xcd_sum3(uint64_t a, uint64_t b, uint64_t c) { return a + 2 * b + 3 * c; }

int main(int argc, char **argv) {
  select_case(argc, argv, cases);
  long max_calls = iterations(argc, argv, 1000000);
  if (xc_echo(0) != 1) die("main_thread_calls: xc_echo(0) != 1"); /* first entry binds a thread */
  double ns = time_echo_calls("main_thread_calls", 1000000000u, max_calls);
  printf("XCALL_METRIC ns_per_call=%.1f\n", ns);
  return 0;
}
