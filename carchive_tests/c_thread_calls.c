/* Mirrors Go's BenchmarkCgoCallbackMainThread (testcarchive main10.c + libgo10) on threads C
 * created, the baseline the main thread is compared with. Several C threads first make cheap
 * callbacks all at once, every result checked; then each times its own callbacks while the
 * others wait, so the figure is what a callback costs a C thread and not how the machine's
 * cores are shared among the threads (4 threads on 2 cores took twice the wall time per call).
 * Prints the mean of the threads' ns per call. */
#include "carchive_tests/driver.h"
#include "conformance/abi/xcall.h"

#include <pthread.h>

enum { THREADS = 4 };
static const uint64_t kBudgetNs = 250000000u; /* per thread and phase */
static const char *const cases[] = {"echo", NULL};
static long max_calls;

void xcd_callback(int flags) { die("c_thread_calls: unexpected xcd_callback(%d)", flags); }
uint64_t xcd_sum3(uint64_t a, uint64_t b, uint64_t c) { return a + 2 * b + 3 * c; }

/* Whose turn it is to time its calls: -1 until every thread is done with the concurrent phase;
 * the last one to finish it starts the turns. */
static pthread_mutex_t turn_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t turn_changed = PTHREAD_COND_INITIALIZER;
static int turn = -1, done_together = 0;

struct worker {
  int index;
  double ns_per_call;
};

static void *call_runtime(void *arg) {
  struct worker *w = arg;
  if (xc_echo(0) != 1) die("c_thread_calls: xc_echo(0) != 1"); /* first entry binds a thread */
  time_echo_calls("c_thread_calls", kBudgetNs, max_calls);       /* all threads at once */
  pthread_mutex_lock(&turn_lock);
  if (++done_together == THREADS) {
    turn = 0;
    pthread_cond_broadcast(&turn_changed);
  }
  while (turn != w->index) pthread_cond_wait(&turn_changed, &turn_lock);
  pthread_mutex_unlock(&turn_lock);
  w->ns_per_call = time_echo_calls("c_thread_calls", kBudgetNs, max_calls); /* alone */
  pthread_mutex_lock(&turn_lock);
  turn++;
  pthread_cond_broadcast(&turn_changed);
  pthread_mutex_unlock(&turn_lock);
  return NULL;
}

int main(int argc, char **argv) {
  select_case(argc, argv, cases);
  max_calls = iterations(argc, argv, 1000000);
  pthread_t threads[THREADS];
  struct worker workers[THREADS];
  for (int t = 0; t < THREADS; t++) {
    workers[t].index = t;
    if (pthread_create(&threads[t], NULL, call_runtime, &workers[t]) != 0)
      die("c_thread_calls: pthread_create failed");
  }
  double sum = 0;
  for (int t = 0; t < THREADS; t++) {
    pthread_join(threads[t], NULL);
    sum += workers[t].ns_per_call;
  }
  printf("XCALL_METRIC ns_per_call=%.1f\n", sum / THREADS);
  return 0;
}
