/* Archive mode (semantics §6): a C program links the runtime and calls into it with no init
 * call of its own - here even from a constructor that may run before the runtime's own. */
#include <stdint.h>
#include <stdio.h>

#include "xrt/xrt_c.h"

static void* add_one(void* x) { return (void*)((uintptr_t)x + 1); }

static uintptr_t from_constructor;

__attribute__((constructor(101))) static void early(void) {
  from_constructor = (uintptr_t)xrt_callback(add_one, (void*)(uintptr_t)41);
}

int main(void) {
  if (from_constructor != 42) {
    fprintf(stderr, "callback from a constructor returned %lu, want 42\n",
            (unsigned long)from_constructor);
    return 1;
  }
  uintptr_t later = (uintptr_t)xrt_callback(add_one, (void*)(uintptr_t)1);
  if (later != 2) {
    fprintf(stderr, "callback from main returned %lu, want 2\n", (unsigned long)later);
    return 1;
  }
  puts("archive mode: ok");
  return 0;
}
