"""go_carchive: a Go package built with `go build -buildmode=c-archive`, usable as a cc dep.

Usage:
    load("//toolchains/go:go_carchive.bzl", "go_carchive")
    load("@xcall_go//:runtimes.bzl", "GO_RUNTIMES")

    go_carchive(
        name = "adapter_go1.21.13",
        srcs = glob(["*.go", "*.c", "go.mod"]),   # one package: the directory holding go.mod
        cdeps = ["//conformance/abi"],            # cc_library headers the preamble includes
        go = "@xcall_go//:go1.21.13",             # any GO_RUNTIMES[i].toolchain, gccgo too
    )
    cc_binary(name = "driver", srcs = ["driver.c"], deps = [":adapter_go1.21.13"])

The archive is built for whatever platform the cc_binary is built for (xcall_cc_binary and
xcall_cc_test transition to each target): GOOS/GOARCH come from //toolchains:is_*, CC is that
platform's C compiler (the current cc toolchain), so cgo compiles and the archive links with the
same compiler as the driver. gccgo builds the same package with go-12, GCCGO set to the
target's gccgo; its archive needs libgo at link time (-lgo, added here).

Hermetic where it matters: GOTOOLCHAIN=local (never switch toolchains), GOPROXY=off (never fetch
modules), GOFLAGS=-mod=mod, GOWORK=off, GOENV=off. The one thing kept between builds is the Go
build cache (GOCACHE, outside the sandbox; Go's cache is content-addressed and safe to share),
so the action runs unsandboxed; its inputs are declared all the same.
"""

load("@bazel_tools//tools/cpp:toolchain_utils.bzl", "find_cpp_toolchain")
load("//toolchains/go:go_toolchain.bzl", "XcallGoInfo")

# What a Go c-archive needs from the system when linked into a C program, per GOOS.
_LINKOPTS = {
    "linux": ["-lpthread"],
    "windows": ["-lws2_32", "-lwinmm", "-lntdll"],
}

# gccgo's runtime is libgo. On x86_64 gccgo code uses split stacks, and gccgo's own link adds
# --wrap=pthread_create so that threads C creates get a split-stack guard (libgcc's wrapper);
# a C program linking a gccgo archive must do the same.
_GCCGO_LINKOPTS = ["-lgo", "-lm"]
_GCCGO_SPLIT_STACK_LINKOPTS = ["-Wl,--wrap=pthread_create"]

_BUILD_COMMAND = """
set -eu
case "$CC" in /*) ;; *) CC="$PWD/$CC" ;; esac
work=$(mktemp -d) && trap 'rm -rf "$work"' EXIT
export CC HOME="$work" GOPATH="$work/gopath" GOMODCACHE="$work/gopath/pkg/mod" TMPDIR="$work"
out="$PWD/{archive}"
cd "{pkg}"
"{go}" build -buildmode=c-archive -trimpath -o "$out" . || {{
  echo "go_carchive: '{go} build -buildmode=c-archive' failed for {target} ({version})" >&2; exit 1; }}
"""

def _target_name(goos, goarch):
    return {"linux/amd64": "linux_x86_64", "linux/arm64": "linux_aarch64", "windows/amd64": "windows_x86_64"}.get(goos + "/" + goarch, goos + "_" + goarch)

def _package_dir(ctx):
    mods = [f for f in ctx.files.srcs if f.basename == "go.mod"]
    if len(mods) != 1:
        fail("go_carchive %s: srcs must hold exactly one go.mod (the package directory), found %d" % (ctx.label, len(mods)))
    return mods[0].dirname

def _go_carchive_impl(ctx):
    go = ctx.attr.go[XcallGoInfo]
    target = _target_name(ctx.attr.goos, ctx.attr.goarch)
    archive = ctx.actions.declare_file("%s/lib%s.a" % (ctx.label.name, ctx.label.name))
    header = ctx.actions.declare_file("%s/lib%s.h" % (ctx.label.name, ctx.label.name))

    cc_toolchain = find_cpp_toolchain(ctx)
    feature_configuration = cc_common.configure_features(
        ctx = ctx,
        cc_toolchain = cc_toolchain,
        requested_features = ctx.features,
        unsupported_features = ctx.disabled_features,
    )
    cc = cc_toolchain.compiler_executable

    problem = go.missing
    if not problem and target not in go.targets:
        problem = "%s does not build for %s (it builds for: %s)" % (go.version, target, ", ".join(go.targets))
    env = {
        "GOOS": ctx.attr.goos,
        "GOARCH": ctx.attr.goarch,
        "CGO_ENABLED": "1",
        "CC": cc,
        "GOTOOLCHAIN": "local",
        "GOPROXY": "off",
        "GOFLAGS": "-mod=mod",
        "GOWORK": "off",
        "GOENV": "off",
        "GOCACHE": go.gocache,
        "PATH": "/usr/local/bin:/usr/bin:/bin",
    }
    if go.goroot:
        env["GOROOT"] = go.goroot
    if go.kind == "gccgo":
        env["GCCGO"] = go.gccgo.get(target, "")

    if problem:
        # Fail when built, not when analysed: `bazel build //...` names every broken toolchain.
        ctx.actions.run_shell(
            outputs = [archive, header],
            command = 'echo "go_carchive %s: $1" >&2; exit 1' % ctx.label,
            arguments = [problem],
            mnemonic = "GoCArchive",
            progress_message = "Go toolchain for %s is unusable" % ctx.label,
        )
    else:
        ctx.actions.run_shell(
            outputs = [archive, header],
            inputs = depset(ctx.files.srcs, transitive = [cc_toolchain.all_files] + [
                d[CcInfo].compilation_context.headers
                for d in ctx.attr.cdeps
            ]),
            env = env,
            mnemonic = "GoCArchive",
            progress_message = "Building Go c-archive %s with %s for %s" % (ctx.label, go.version, target),
            execution_requirements = {"no-sandbox": "1"},
            command = _BUILD_COMMAND.format(
                archive = archive.path,
                pkg = _package_dir(ctx),
                go = go.go,
                target = target,
                version = go.version,
            ),
        )

    linkopts = list(_LINKOPTS.get(ctx.attr.goos, []))
    if go.kind == "gccgo":
        linkopts = _GCCGO_LINKOPTS + linkopts
        if ctx.attr.goarch == "amd64":
            linkopts = linkopts + _GCCGO_SPLIT_STACK_LINKOPTS
    library = cc_common.create_library_to_link(
        actions = ctx.actions,
        feature_configuration = feature_configuration,
        cc_toolchain = cc_toolchain,
        static_library = archive,
    )
    linker_input = cc_common.create_linker_input(
        owner = ctx.label,
        libraries = depset([library]),
        user_link_flags = depset(linkopts),
    )
    return [
        DefaultInfo(files = depset([archive, header])),
        CcInfo(
            compilation_context = cc_common.create_compilation_context(
                headers = depset([header]),
                includes = depset([header.dirname]),
            ),
            linking_context = cc_common.create_linking_context(linker_inputs = depset([linker_input])),
        ),
    ]

_go_carchive = rule(
    implementation = _go_carchive_impl,
    attrs = {
        "srcs": attr.label_list(allow_files = [".go", ".c", ".h", ".s", ".S", ".mod", ".sum"], mandatory = True),
        "cdeps": attr.label_list(providers = [CcInfo]),
        "go": attr.label(providers = [XcallGoInfo], mandatory = True),
        "goos": attr.string(mandatory = True),
        "goarch": attr.string(mandatory = True),
        "_cc_toolchain": attr.label(default = "@bazel_tools//tools/cpp:current_cc_toolchain"),
    },
    toolchains = ["@bazel_tools//tools/cpp:toolchain_type"],
    fragments = ["cpp"],
    incompatible_use_toolchain_transition = True,
)

def go_carchive(name, srcs, go, cdeps = [], **kwargs):
    _go_carchive(
        name = name,
        srcs = srcs,
        go = go,
        cdeps = cdeps,
        goos = select({
            "//toolchains:is_linux": "linux",
            "//toolchains:is_windows": "windows",
        }),
        goarch = select({
            "//toolchains:is_linux_x86_64": "amd64",
            "//toolchains:is_windows_x86_64": "amd64",
            "//toolchains:is_linux_aarch64": "arm64",
        }),
        **kwargs
    )
