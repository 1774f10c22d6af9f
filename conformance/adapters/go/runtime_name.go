package main

import "C"

import (
	"runtime"
	"sync"
)

var (
	runtimeNameOnce sync.Once
	runtimeName     *C.char // never freed: the ABI promises static storage
)

// xcall_go_runtime_name backs xc_runtime_name (runtime_name.c), which exists only because cgo
// cannot export a function returning const char *.
//
//export xcall_go_runtime_name
func xcall_go_runtime_name() *C.char {
	runtimeNameOnce.Do(func() {
		name := runtime.Version() // "go1.21.13"
		if runtime.Compiler == "gccgo" {
			name = "gccgo " + name
		}
		runtimeName = C.CString(name)
	})
	return runtimeName
}
