"""A Go toolchain as go_carchive sees it: which go command, which GOROOT, for which targets.

Targets of this rule live in the generated repository @xcall_go (repositories.bzl), one per
toolchain found under /opt/xcall/go, plus gccgo. A toolchain that was expected but not found
still gets a target, with `missing` set: building anything with it fails with that message,
so a missing toolchain is an error someone reads, never a runtime that quietly drops out.
"""

XcallGoInfo = provider(
    doc = "A Go toolchain for go_carchive.",
    fields = {
        "version": "the runtime's name in reports: go1.21.13, gccgo-12.2.0",
        "kind": "gc or gccgo",
        "go": "absolute path of the go command",
        "goroot": "absolute GOROOT, or '' to let the go command decide (gccgo)",
        "gccgo": "dict: xcall target -> gccgo compiler (kind gccgo only)",
        "targets": "the xcall targets this toolchain builds for",
        "gocache": "GOCACHE shared by every build (outside the sandbox, for speed)",
        "missing": "'' or why this toolchain cannot be used and how to fix it",
    },
)

def _xcall_go_toolchain_impl(ctx):
    return [XcallGoInfo(
        version = ctx.attr.version,
        kind = ctx.attr.kind,
        go = ctx.attr.go,
        goroot = ctx.attr.goroot,
        gccgo = ctx.attr.gccgo,
        targets = ctx.attr.targets,
        gocache = ctx.attr.gocache,
        missing = ctx.attr.missing,
    )]

xcall_go_toolchain = rule(
    implementation = _xcall_go_toolchain_impl,
    attrs = {
        "version": attr.string(mandatory = True),
        "kind": attr.string(values = ["gc", "gccgo"], mandatory = True),
        "go": attr.string(),
        "goroot": attr.string(),
        "gccgo": attr.string_dict(),
        "targets": attr.string_list(),
        "gocache": attr.string(),
        "missing": attr.string(),
    },
)
