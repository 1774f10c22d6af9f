/* Mirrors Go's testcarchive archive-initialisation tests (main.c calling into a c-archive with
 * no init call of its own) at the earliest point: callbacks from a C constructor, before main,
 * possibly before the runtime has finished initialising. It must wait, not crash or hang. */
#include "carchive_tests/driver.h"
#include "conformance/abi/xcall.h"

static const char *const cases[] = {"constructor", NULL};
static uint64_t echoed_before_main;
static int constructor_finished;

void xcd_callback(int flags) { die("early_call: unexpected xcd_callback(%d)", flags); }
uint64_t xcd_sum3(uint64_t a, uint64_t b, uint64_t c) { return a + 2 * b + 3 * c; }

__attribute__((constructor)) static void call_before_main(void) {
  xc_enter(XC_COLLECT);
  echoed_before_main = xc_echo(41);
  constructor_finished = 1;
}

int main(int argc, char **argv) {
  select_case(argc, argv, cases);
  if (!constructor_finished) die("early_call: the constructor did not finish");
  if (echoed_before_main != 42)
    die("early_call: xc_echo(41) before main returned %llu", (unsigned long long)echoed_before_main);
  xc_enter(XC_COLLECT);
  return 0;
}
