module xcall/conformance/adapters/go

go 1.19
