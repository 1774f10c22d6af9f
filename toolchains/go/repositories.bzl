"""xcall_go_toolchains(): the repository @xcall_go, describing every Go toolchain on this machine.

Finds, locally and never on the network, the GOROOTs that toolchains/go/install.sh put under
/opt/xcall/go/<version> (or $XCALL_GO_ROOT): every <root>/go* whose go command runs, normally
exactly the certified set of versions.bzl (GO_DEBIAN and GO_PROXY_RELEASES); and Debian's gccgo
12 (go-12 with gccgo-12 and aarch64-linux-gnu-gccgo-12). Generates:
  @xcall_go//:<version>      an xcall_go_toolchain per toolchain (go_carchive's `go`)
  @xcall_go//:runtimes.bzl   GO_RUNTIMES, a list of struct(name, version, kind, toolchain,
                             targets, missing), one per toolchain, for BUILD files to loop over.
An expected toolchain that is not there (attribute `expected`) is still listed, with `missing`
saying what to run; building with it fails with that message, and the fetch prints a warning.
A toolchain found that is not expected is listed too, with a warning: it has no expectations.
Re-run discovery after installing toolchains with `bazel sync --configure`.
"""

load(":versions.bzl", "GO_DEBIAN", "GO_PROXY_RELEASES")

ALL_TARGETS = ["linux_x86_64", "linux_aarch64", "windows_x86_64"]

# The certified runtimes: the Go versions install.sh installs (versions.bzl), and gccgo.
DEFAULT_EXPECTED = [GO_DEBIAN] + GO_PROXY_RELEASES + ["gccgo"]

def _run(rctx, argv, env = {}):
    result = rctx.execute(argv, environment = env, timeout = 60)
    if result.return_code != 0:
        return None
    return result.stdout.strip()

def _find_gc(rctx, root, gocache):
    """Every <root>/go* directory whose bin/go runs and reports its own name as GOVERSION."""
    toolchains = {}
    root_path = rctx.path(root)
    if not root_path.exists:
        return toolchains
    for entry in root_path.readdir():
        name = entry.basename
        if not name.startswith("go") or not entry.get_child("bin").get_child("go").exists:
            continue
        goroot = _run(rctx, ["readlink", "-f", str(entry)])
        version = _run(rctx, [goroot + "/bin/go", "env", "GOVERSION"], {
            "GOTOOLCHAIN": "local",
            "GOROOT": goroot,
            "HOME": rctx.os.environ.get("HOME", "/tmp"),
        })
        missing = ""
        if version != name:
            missing = "%s/%s: its go command reports version %r, not %s; re-run toolchains/go/install.sh" % (root, name, version, name)
        toolchains[name] = struct(
            version = name,
            kind = "gc",
            go = goroot + "/bin/go",
            goroot = goroot,
            gccgo = {},
            targets = ALL_TARGETS,
            gocache = gocache,
            missing = missing,
        )
    return toolchains

def _find_gccgo(rctx, gocache):
    """Debian's gccgo 12: go-12 drives gccgo-12 (native) or aarch64-linux-gnu-gccgo-12."""
    go = rctx.which("go-12")
    compilers = {}
    for target, tool in [("linux_x86_64", "gccgo-12"), ("linux_aarch64", "aarch64-linux-gnu-gccgo-12")]:
        path = rctx.which(tool)
        if path != None:
            compilers[target] = str(path)
    if go == None or "linux_x86_64" not in compilers:
        return None
    version = _run(rctx, [compilers["linux_x86_64"], "-dumpfullversion"]) or "unknown"
    return struct(
        version = "gccgo-" + version,
        kind = "gccgo",
        go = str(go),
        goroot = "",
        gccgo = compilers,
        targets = [t for t in ALL_TARGETS if t in compilers],
        gocache = gocache,
        missing = "",
    )

def _missing(version, why):
    return struct(
        version = version,
        kind = "gccgo" if version == "gccgo" else "gc",
        go = "",
        goroot = "",
        gccgo = {},
        targets = ["linux_x86_64", "linux_aarch64"] if version == "gccgo" else ALL_TARGETS,
        gocache = "",
        missing = why,
    )

def _xcall_go_toolchains_impl(rctx):
    root = rctx.os.environ.get("XCALL_GO_ROOT", rctx.attr.root)
    home = rctx.os.environ.get("HOME", "")
    gocache = rctx.os.environ.get("XCALL_GOCACHE", home + "/.cache/xcall/gocache" if home else "/tmp/xcall-gocache")

    toolchains = _find_gc(rctx, root, gocache)
    gccgo = _find_gccgo(rctx, gocache)
    if gccgo != None:
        toolchains["gccgo"] = gccgo
    for version in sorted(toolchains.keys()):
        if version not in rctx.attr.expected and version != "gccgo":
            print("WARNING: xcall Go toolchain %s at %s/%s is not a certified version (toolchains/go/versions.bzl) and has no expectations; remove it, or add it and record its expectations" % (version, root, version))  # buildifier: disable=print
    for version in rctx.attr.expected:
        if version in toolchains:
            continue
        if version == "gccgo":
            why = "gccgo: go-12 and gccgo-12 not found on PATH; apt-get install gccgo-12 (and gccgo-12-aarch64-linux-gnu)"
        else:
            why = "%s: no toolchain at %s/%s; run toolchains/go/install.sh as root (or set XCALL_GO_ROOT), then bazel sync --configure" % (version, root, version)
        print("WARNING: xcall Go toolchain missing: " + why)  # buildifier: disable=print
        toolchains[version] = _missing(version, why)

    build = [
        "# Generated by //toolchains/go:repositories.bzl (xcall_go_toolchains). Do not edit.",
        'load("@//toolchains/go:go_toolchain.bzl", "xcall_go_toolchain")',
        'package(default_visibility = ["//visibility:public"])',
        'exports_files(["runtimes.bzl"])',
        "",
    ]
    runtimes = [
        "# Generated by //toolchains/go:repositories.bzl (xcall_go_toolchains). Do not edit.",
        "GO_RUNTIMES = [",
    ]
    for key in sorted(toolchains.keys()):
        t = toolchains[key]
        build.append("""xcall_go_toolchain(
    name = {name},
    version = {version},
    kind = {kind},
    go = {go},
    goroot = {goroot},
    gccgo = {gccgo},
    targets = {targets},
    gocache = {gocache},
    missing = {missing},
)
""".format(
            name = repr(key),
            version = repr(t.version),
            kind = repr(t.kind),
            go = repr(t.go),
            goroot = repr(t.goroot),
            gccgo = repr(t.gccgo),
            targets = repr(t.targets),
            gocache = repr(t.gocache),
            missing = repr(t.missing),
        ))
        runtimes.append("    struct(name = %r, version = %r, kind = %r, toolchain = %r, targets = %r, missing = %r)," % (
            key,
            t.version,
            t.kind,
            "@xcall_go//:" + key,
            t.targets,
            t.missing,
        ))
    runtimes.append("]")
    rctx.file("BUILD.bazel", "\n".join(build))
    rctx.file("runtimes.bzl", "\n".join(runtimes) + "\n")
    rctx.file("WORKSPACE", 'workspace(name = "xcall_go")\n')

_xcall_go_toolchains = repository_rule(
    implementation = _xcall_go_toolchains_impl,
    attrs = {
        "root": attr.string(default = "/opt/xcall/go"),
        "expected": attr.string_list(default = DEFAULT_EXPECTED),
    },
    environ = ["XCALL_GO_ROOT", "XCALL_GOCACHE", "HOME", "PATH"],
    local = True,
    configure = True,
)

def xcall_go_toolchains(name = "xcall_go", **kwargs):
    _xcall_go_toolchains(name = name, **kwargs)
