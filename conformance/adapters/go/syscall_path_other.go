//go:build !windows

package main

/*
#include "conformance/abi/xcall.h"
*/
import "C"

// sum3 calls the driver through the runtime's path for calls out to C: on Unix a system call
// made from Go code and a cgo call take the same route (entersyscall/exitsyscall).
func sum3(a, b, c uint64) uint64 {
	return uint64(C.xcd_sum3(C.uint64_t(a), C.uint64_t(b), C.uint64_t(c)))
}
