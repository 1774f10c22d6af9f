/* go_carchive's own test: an archive built for this target links into a C program through its
 * CcInfo alone (archive, header, system libraries), and C -> Go -> C works. */
#include <stdio.h>

int GoTriple(int x); /* exported by testdata/hello; it collects, then calls back */

int go_carchive_test_triple(int x) { return 3 * x; }

int main(void) {
  int got = GoTriple(14);
  if (got != 42) {
    fprintf(stderr, "GoTriple(14) = %d, want 42\n", got);
    return 1;
  }
  return 0;
}
