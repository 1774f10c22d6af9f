/* Proves the no_getattr_np interposer takes effect: run preloaded ("preloaded"), the program's
 * own call to pthread_getattr_np fails with ENOSYS; run without it ("not_preloaded"), the same
 * call succeeds, so the ENOSYS comes from the interposer and not from the platform. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
  int preloaded = argc == 2 && strcmp(argv[1], "preloaded") == 0;
  if (argc != 2 || (!preloaded && strcmp(argv[1], "not_preloaded") != 0)) {
    fprintf(stderr, "usage: %s preloaded|not_preloaded\n", argv[0]);
    return 2;
  }
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  int got = pthread_getattr_np(pthread_self(), &attr);
  pthread_attr_destroy(&attr);
  int want = preloaded ? ENOSYS : 0;
  if (got != want) {
    fprintf(stderr, "pthread_getattr_np returned %d (%s), want %d (%s): the interposer is %s\n", got,
            strerror(got), want, strerror(want), preloaded ? "not in effect" : "in effect without being preloaded");
    return 1;
  }
  return 0;
}
