/* Archive mode (semantics §6): a C program links the runtime and calls into it with no init
 * call of its own. Both early paths are made to happen and checked to have happened:
 *  - a C constructor that runs before the runtime's own calls back: that callback starts the
 *    runtime itself;
 *  - a thread that calls back while start-up is in progress (started from the runtime's
 *    start-up seam, xrt_test_during_init) waits until start-up finished. */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

#include <pthread.h>
#include <time.h>

#include "xrt/xrt_c.h"

static void* add_one(void* x) { return (void*)((uintptr_t)x + 1); }

static atomic_int in_early_constructor;
static atomic_int starts;                  /* times start-up reached the seam */
static atomic_int started_by_constructor;  /* ... inside the constructor's callback */
static atomic_int thread_calling, thread_returned;
static atomic_int returned_during_start_up;
static uintptr_t thread_result;
static pthread_t thread;

static void* call_back_early(void* unused) {
  (void)unused;
  atomic_store(&thread_calling, 1);
  thread_result = (uintptr_t)xrt_callback(add_one, (void*)(uintptr_t)99);
  atomic_store(&thread_returned, 1);
  return NULL;
}

/* Start-up is in progress: a thread calls back now; its callback must not return until
 * start-up finished, however long that takes (here 50 ms more). */
void xrt_test_during_init(void) {
  atomic_fetch_add(&starts, 1);
  if (atomic_load(&in_early_constructor)) atomic_store(&started_by_constructor, 1);
  if (pthread_create(&thread, NULL, call_back_early, NULL) != 0) {
    fputs("pthread_create failed\n", stderr);
    return;
  }
  while (!atomic_load(&thread_calling)) sched_yield();
  struct timespec pause = {0, 50 * 1000 * 1000};
  nanosleep(&pause, NULL);
  if (atomic_load(&thread_returned)) atomic_store(&returned_during_start_up, 1);
}

static uintptr_t from_constructor;

/* Priority 100, reserved to the implementation, so that this runs before the runtime's
 * constructor (101) whatever the link order: at equal priorities, Windows ran the runtime's
 * first and this path went untested. */
#if defined(__clang__)
#pragma clang diagnostic ignored "-Wunknown-warning-option" /* Clang 16 has no such group */
#endif
#pragma GCC diagnostic ignored "-Wprio-ctor-dtor"
__attribute__((constructor(100))) static void early(void) {
  atomic_store(&in_early_constructor, 1);
  from_constructor = (uintptr_t)xrt_callback(add_one, (void*)(uintptr_t)41);
  atomic_store(&in_early_constructor, 0);
}

static int fail(const char* what) {
  fprintf(stderr, "%s\n", what);
  return 1;
}

int main(void) {
  if (atomic_load(&starts) != 1) return fail("start-up did not reach its seam exactly once");
  if (!atomic_load(&started_by_constructor)) {
    return fail("the runtime started before this program's constructor called back: the "
                "early-constructor path was not exercised");
  }
  if (from_constructor != 42) return fail("the constructor's callback did not return 42");
  if (pthread_join(thread, NULL) != 0) return fail("pthread_join failed");
  if (atomic_load(&returned_during_start_up)) {
    return fail("a callback returned while start-up was still in progress");
  }
  if (thread_result != 100) return fail("the early thread's callback did not return 100");
  if ((uintptr_t)xrt_callback(add_one, (void*)(uintptr_t)1) != 2) {
    return fail("a callback from main did not return 2");
  }
  puts("archive mode: a constructor's callback started the runtime; a callback during "
       "start-up waited for it");
  return 0;
}
