// The Go adapter: the xcall ABI (conformance/abi/xcall.h) exported from Go with cgo, built as a
// c-archive by every Go toolchain under test (gc releases and gccgo alike, same source).
//
// Each export does exactly what the header says and nothing more, so that a driver's verdict
// is about the runtime, not about this file: XC_COLLECT is runtime.GC() (stop the world, scan
// every stack, including the system stack of the thread we came in on); XC_PANIC is a plain
// panic; XC_RECOVER is a deferred recover around the call out to C, which is how Go code stops
// a panic that unwound through C frames. Bad flags are a driver bug: exit 3 with a message.
package main

/*
#cgo CFLAGS: -I${SRCDIR}/../../..
#include "conformance/abi/xcall.h"
*/
import "C"

import (
	"fmt"
	"os"
	"runtime"
)

const knownFlags = C.XC_COLLECT | C.XC_PANIC | C.XC_RECOVER | C.XC_NEST

// A c-archive needs a main package; its main is never run.
func main() {}

func checkFlags(fn string, flags C.int) {
	if flags&^knownFlags != 0 {
		fmt.Fprintf(os.Stderr, "%s: unknown flag bits %#x (known: %#x)\n", fn, int(flags&^knownFlags), knownFlags)
		os.Exit(3)
	}
}

//export xc_enter
func xc_enter(flags C.int) {
	checkFlags("xc_enter", flags)
	if flags&C.XC_COLLECT != 0 {
		runtime.GC()
	}
	if flags&C.XC_NEST != 0 {
		xc_call_c(flags &^ C.XC_NEST)
	}
	if flags&C.XC_PANIC != 0 {
		panic("xcall panic")
	}
}

//export xc_call_c
func xc_call_c(flags C.int) {
	checkFlags("xc_call_c", flags)
	if flags&C.XC_RECOVER == 0 {
		C.xcd_callback(flags)
		return
	}
	callCExpectingPanic(flags)
	runtime.GC()
}

// callCExpectingPanic calls C, which must call back into Go and panic there; the panic unwinds
// through the C frames to the recover below.
func callCExpectingPanic(flags C.int) {
	defer func() {
		if r := recover(); r != "xcall panic" {
			fmt.Fprintf(os.Stderr, "xc_call_c: expected a panic \"xcall panic\", recovered %v\n", r)
			os.Exit(3)
		}
	}()
	C.xcd_callback(flags)
	fmt.Fprintln(os.Stderr, "xc_call_c: expected a panic")
	os.Exit(3)
}

//export xc_echo
func xc_echo(x C.uint64_t) C.uint64_t {
	return x + 1
}

//export xc_syscall_sum
func xc_syscall_sum(tasks, calls C.int32_t) C.uint64_t {
	if tasks < 0 || calls < 0 {
		fmt.Fprintf(os.Stderr, "xc_syscall_sum: negative tasks (%d) or calls (%d)\n", tasks, calls)
		os.Exit(3)
	}
	totals := make(chan uint64)
	for t := 0; t < int(tasks); t++ {
		go func(t uint64) {
			var total uint64
			for i := uint64(0); i < uint64(calls); i++ {
				a, b, c := t, i, t*i+7
				got := sum3(a, b, c)
				if want := a + 2*b + 3*c; got != want {
					fmt.Fprintf(os.Stderr, "xc_syscall_sum: task %d call %d: xcd_sum3(%d, %d, %d) = %d, want %d\n", t, i, a, b, c, got, want)
					os.Exit(3)
				}
				total += got
			}
			totals <- total
		}(uint64(t))
	}
	var total uint64
	for t := 0; t < int(tasks); t++ {
		total += <-totals
	}
	return C.uint64_t(total)
}
