module xcall/toolchains/go/testdata/hello

go 1.19
