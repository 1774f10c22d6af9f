/* xcall adapter ABI: the whole contract between the conformance suite and a runtime under test.
 *
 * A runtime exports the xc_* functions in its own language (Go: //export in a c-archive;
 * the reference runtime: C++ on xrt). Driver programs (carchive_tests/) provide the xcd_*
 * functions, which the runtime calls back. Everything here is plain C with fixed-width
 * types so that every runtime and every target agree on it.
 *
 * Flags are bit sets; a runtime must treat unknown bits as an error (exit 3 with a message).
 */
#ifndef XCALL_ABI_XCALL_H_
#define XCALL_ABI_XCALL_H_

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Flags for xc_enter and xc_call_c. */
enum {
  XC_COLLECT = 1, /* stop the world and scan every stack (Go: runtime.GC()) */
  XC_PANIC = 2,   /* raise the runtime's panic with message "xcall panic" */
  XC_RECOVER = 4, /* xc_call_c only: install a recover frame around the call to C, expect the
                     panic raised further down, recover it, then collect again */
  XC_NEST = 8     /* xc_enter only: call xc_call_c(flags & ~XC_NEST) from inside, making the
                     chain C -> runtime -> C -> runtime */
};

/* Enters the runtime from C (a callback). Honours XC_COLLECT, XC_PANIC, XC_NEST. */
void xc_enter(int flags);

/* Runtime code that calls the driver's xcd_callback(flags) (a call out to C). With
 * XC_RECOVER it installs a recover frame around that call, requires that a panic arrived
 * (exit 3 with "xc_call_c: expected a panic" otherwise), recovers it and collects again. */
void xc_call_c(int flags);

/* The cheapest callback: returns x + 1. Used for timing. */
uint64_t xc_echo(uint64_t x);

/* Starts `tasks` tasks (goroutines) that each call the driver's xcd_sum3 `calls` times
 * through the runtime's system-call path (Go: syscall.SyscallN on Windows, a cgo call
 * elsewhere), checks every result and returns the total of all results. With maxprocs 2
 * tasks are expected to migrate between threads across calls. */
uint64_t xc_syscall_sum(int32_t tasks, int32_t calls);

/* The runtime's name and version, for example "go1.21.13" or "xrt 0.1". Static storage. */
const char *xc_runtime_name(void);

/* Provided by the driver. */
void xcd_callback(int flags);                        /* called by xc_call_c */
uint64_t xcd_sum3(uint64_t a, uint64_t b, uint64_t c); /* returns a + 2*b + 3*c */

#ifdef __cplusplus
}
#endif

#endif /* XCALL_ABI_XCALL_H_ */
