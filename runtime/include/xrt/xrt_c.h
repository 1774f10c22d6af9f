/* xrt's C entry points, for C programs and adapters (archive mode: link libxrt.a, no init
 * call needed; the runtime starts itself at load and early callbacks wait for it). */
#ifndef XRT_INCLUDE_XRT_XRT_C_H_
#define XRT_INCLUDE_XRT_XRT_C_H_

#ifdef __cplusplus
extern "C" {
#endif

/* Enters the runtime from C on any thread: runs fn(arg) as runtime code, returns its result. */
void* xrt_callback(void* (*fn)(void*), void* arg);
/* From runtime code: calls fn(arg) in C on the thread's system stack. */
void* xrt_ccall(void* (*fn)(void*), void* arg);
/* Stop-the-world collection that walks every stack. */
void xrt_gc(void);
/* Panics with message; unrecovered: prints "panic: <message>" and exits 2. */
void xrt_panic(const char* message);
/* Blocks until the runtime finished initialising. */
void xrt_wait_init(void);

#ifdef __cplusplus
}
#endif

#endif /* XRT_INCLUDE_XRT_XRT_C_H_ */
