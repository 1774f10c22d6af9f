//go:build windows

package main

/*
#include "conformance/abi/xcall.h"
*/
import "C"

import (
	"syscall"
	"unsafe"
)

// The driver's xcd_sum3 called the way Go calls a DLL function: syscall.SyscallN, whose
// arguments and results live in the thread record (m.syscall) and must follow the goroutine if
// it resumes on another thread. That is the path this case is about, so no cgo call here.
var sum3Addr = uintptr(unsafe.Pointer(C.xcd_sum3))

func sum3(a, b, c uint64) uint64 {
	r1, _, _ := syscall.SyscallN(sum3Addr, uintptr(a), uintptr(b), uintptr(c))
	return uint64(r1)
}
