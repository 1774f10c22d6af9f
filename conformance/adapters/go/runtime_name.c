// xc_runtime_name in C: the ABI returns const char *, which a Go //export cannot declare.
#include "conformance/abi/xcall.h"
#include "_cgo_export.h"

const char *xc_runtime_name(void) { return xcall_go_runtime_name(); }
