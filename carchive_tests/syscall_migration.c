/* Mirrors Go's TestSyscallN-style Windows system calls under migration (runtime change
 * "don't call lockOSThread for every syscall call on Windows"): many tasks call xcd_sum3
 * through the runtime's system-call path with maxprocs 2 (set by the case's environment). Some
 * calls last long enough for the runtime to hand the processor away, so tasks resume on other
 * threads; every result must still reach the task that made the call. */
#include "carchive_tests/driver.h"
#include "conformance/abi/xcall.h"

#include <stdatomic.h>

enum { TASKS = 64, CALLS = 100, SLOW_EVERY = 8, SLOW_NS = 50 * 1000 };
static const char *const cases[] = {"sum", NULL};
static atomic_ullong calls_seen, results_total;

void xcd_callback(int flags) { die("syscall_migration: unexpected xcd_callback(%d)", flags); }

uint64_t xcd_sum3(uint64_t a, uint64_t b, uint64_t c) {
  uint64_t result = a + 2 * b + 3 * c;
  if (atomic_fetch_add(&calls_seen, 1) % SLOW_EVERY == 0) { /* long enough to lose the processor */
    uint64_t until = monotonic_ns() + SLOW_NS;
    while (monotonic_ns() < until) {
    }
  }
  atomic_fetch_add(&results_total, result);
  return result;
}

int main(int argc, char **argv) {
  select_case(argc, argv, cases);
  uint64_t total = xc_syscall_sum(TASKS, CALLS);
  unsigned long long seen = atomic_load(&calls_seen), want = atomic_load(&results_total);
  if (seen != (unsigned long long)TASKS * CALLS) die("syscall_migration: xcd_sum3 ran %llu times, want %d", seen, TASKS * CALLS);
  if (total != want) die("syscall_migration: xc_syscall_sum returned %llu, the calls returned %llu in all", (unsigned long long)total, want);
  return 0;
}
