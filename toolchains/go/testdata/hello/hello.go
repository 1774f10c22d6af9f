// A minimal c-archive for go_carchive's own test: one export, which calls back into C.
package main

// int go_carchive_test_triple(int);
import "C"

import "runtime"

func main() {}

//export GoTriple
func GoTriple(x C.int) C.int {
	runtime.GC()
	return C.go_carchive_test_triple(x)
}
