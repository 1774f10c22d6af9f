/* The no_getattr_np profile: pthread_getattr_np fails with ENOSYS, as on a C library that does
 * not have it (musl before 1.2, other libcs). Preloaded, this definition comes first in symbol
 * lookup, so every dynamically resolved call in the program, the runtime under test included,
 * gets it instead of glibc's. A runtime that asks the OS for its stack bounds must then notice
 * the failure and keep its estimate (semantics.md, section 2, step 3).
 *
 * `attr` is left untouched, exactly as a failing call leaves it: a caller that ignores the
 * result reads whatever it had put there itself. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>

int pthread_getattr_np(pthread_t thread, pthread_attr_t *attr) {
  (void)thread;
  (void)attr;
  return ENOSYS;
}
