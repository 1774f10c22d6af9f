/* Not a case: which runtime this driver is linked with. Built like every driver of a
 * runtime's plan (conformance/matrix.bzl); the runner runs it before the plan's cases and
 * stops if the name's first word is not the plan's runtime (conformance/runner/README.md). */
#include "carchive_tests/driver.h"

void xcd_callback(int flags) { die("runtime_identity: unexpected xcd_callback(%d)", flags); }
uint64_t xcd_sum3(uint64_t a, uint64_t b, uint64_t c) {
  die("runtime_identity: unexpected xcd_sum3(%llu, %llu, %llu)", (unsigned long long)a,
      (unsigned long long)b, (unsigned long long)c);
}

int main(void) {
  const char *name = xc_runtime_name();
  if (name == NULL || name[0] == '\0') die("xc_runtime_name returned no name");
  printf("XCALL_RUNTIME name=%s\n", name);
  return 0;
}
