/* Mirrors Go's BenchmarkCgoCallbackMainThread (testcarchive main10.c + libgo10) on threads C
 * created, the baseline the main thread is compared with: several C threads at once make cheap
 * callbacks, every result checked; prints the mean of the threads' ns per call. */
#include "carchive_tests/driver.h"
#include "conformance/abi/xcall.h"

#include <pthread.h>

enum { THREADS = 4 };
static const char *const cases[] = {"echo", NULL};
static long max_calls;

void xcd_callback(int flags) { die("c_thread_calls: unexpected xcd_callback(%d)", flags); }
uint64_t xcd_sum3(uint64_t a, uint64_t b, uint64_t c) { return a + 2 * b + 3 * c; }

static void *call_runtime(void *ns_per_call) {
  if (xc_echo(0) != 1) die("c_thread_calls: xc_echo(0) != 1"); /* first entry binds a thread */
  *(double *)ns_per_call = time_echo_calls("c_thread_calls", 1000000000u, max_calls);
  return NULL;
}

int main(int argc, char **argv) {
  select_case(argc, argv, cases);
  max_calls = iterations(argc, argv, 1000000);
  pthread_t threads[THREADS];
  double ns_per_call[THREADS], sum = 0;
  for (int t = 0; t < THREADS; t++)
    if (pthread_create(&threads[t], NULL, call_runtime, &ns_per_call[t]) != 0)
      die("c_thread_calls: pthread_create failed");
  for (int t = 0; t < THREADS; t++) {
    pthread_join(threads[t], NULL);
    sum += ns_per_call[t];
  }
  printf("XCALL_METRIC ns_per_call=%.1f\n", sum / THREADS);
  return 0;
}
