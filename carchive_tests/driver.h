/* What every driver shares: failing loudly, checking its case name, a monotonic clock, timing.
 * Include it first: it sets the feature macros the drivers' system headers need. */
#ifndef XCALL_CARCHIVE_TESTS_DRIVER_H_
#define XCALL_CARCHIVE_TESTS_DRIVER_H_

#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* clock_gettime, ucontext, pthread_attr_setstacksize under -std=c11 */
#endif

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conformance/abi/xcall.h"

#ifdef _WIN32
#include <windows.h>
#else
#include <time.h>
#endif

/* A wrong result: say what and exit 1. */
static inline void __attribute__((noreturn, format(printf, 1, 2))) die(const char *fmt, ...) {
  va_list args;
  va_start(args, fmt);
  vfprintf(stderr, fmt, args);
  va_end(args);
  fputc('\n', stderr);
  exit(1);
}

/* argv[1] must be one of the driver's cases (a NULL-terminated list); returns its index. */
static inline int select_case(int argc, char **argv, const char *const *cases) {
  for (int i = 0; argc >= 2 && cases[i] != NULL; i++)
    if (strcmp(argv[1], cases[i]) == 0) return i;
  fprintf(stderr, "usage: %s CASE [ITERATIONS]; CASE is one of:", argv[0]);
  for (int i = 0; cases[i] != NULL; i++) fprintf(stderr, " %s", cases[i]);
  fputc('\n', stderr);
  exit(2);
}

/* argv[2] if given (a positive count: the most calls a timing driver makes), else the default. */
static inline long iterations(int argc, char **argv, long fallback) {
  if (argc < 3) return fallback;
  char *end;
  long n = strtol(argv[2], &end, 10);
  if (*end != '\0' || n <= 0) {
    fprintf(stderr, "%s: ITERATIONS must be a positive integer, got \"%s\"\n", argv[0], argv[2]);
    exit(2);
  }
  return n;
}

static inline uint64_t monotonic_ns(void) {
#ifdef _WIN32
  LARGE_INTEGER now, freq;
  QueryPerformanceCounter(&now);
  QueryPerformanceFrequency(&freq);
  return (uint64_t)((double)now.QuadPart * 1e9 / (double)freq.QuadPart);
#else
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
#endif
}

/* Times xc_echo calls, each result checked: calls until `budget_ns` has passed (looking at the
 * clock every 64 calls) or `max_calls` were made, so a fast runtime gets enough calls for a
 * steady figure and a slow one (tens of microseconds a call, worse under emulation) still ends
 * in time. Returns the mean ns per call. */
static inline double time_echo_calls(const char *who, uint64_t budget_ns, long max_calls) {
  long calls = 0;
  uint64_t start = monotonic_ns(), elapsed = 0;
  while (calls < max_calls && elapsed < budget_ns) {
    for (int i = 0; i < 64 && calls < max_calls; i++, calls++) {
      uint64_t got = xc_echo((uint64_t)calls);
      if (got != (uint64_t)calls + 1) die("%s: xc_echo(%ld) = %llu", who, calls, (unsigned long long)got);
    }
    elapsed = monotonic_ns() - start;
  }
  return (double)elapsed / (double)calls;
}

#endif /* XCALL_CARCHIVE_TESTS_DRIVER_H_ */
