"""One source, three targets: tests and binaries built per target and run via its launcher.

xcall_cc_test(name, srcs, deps, ..., env, args, targets) defines
  <name>_<target>   a test per target: the binary is built for the target's platform
                    (a transition on --platforms) and run on the host through the target's
                    launcher (native, qemu-aarch64, wine); tagged with the target and emulator
                    so --test_tag_filters=-qemu,-wine keeps only native tests;
  <name>            a test_suite of them.
xcall_cc_binary(name, ...) defines <name>_<target> runnable binaries (`bazel run`) the same way.
xcall_cc_benchmark(name, ...) is xcall_cc_binary plus <name>_<target>_smoke tests proving the
benchmark runs on each target and prints `XCALL_METRIC ... ns_per_call=<number>` lines.
"""

load("//toolchains:platform_transition.bzl", "TRANSITION_ALLOWLIST", "platform_transition")
load("//toolchains:targets.bzl", "ALL_TARGETS", "TARGETS", "check_targets")

def _launch_impl(ctx):
    binary = ctx.attr.binary[0]
    bin_file = binary[DefaultInfo].files_to_run.executable
    launcher = ctx.attr.launcher[DefaultInfo].files_to_run.executable
    script = ctx.actions.declare_file(ctx.label.name + ".sh")
    run = '"./%s" "./%s" "$@"' % (launcher.short_path, bin_file.short_path)
    lines = [
        "#!/bin/bash",
        "# Runs %s for %s through its launcher." % (bin_file.short_path, ctx.attr.target),
        # .bazelrc sets this for `bazel coverage` only: nothing here is instrumented, and a
        # silent success would claim coverage that was never measured.
        'if [[ -n "${XCALL_COVERAGE_REQUESTED:-}" ]]; then',
        '  echo "xcall: bazel coverage is not supported (offline build, no coverage tools; see toolchains/remote_coverage_tools)" >&2',
        "  exit 2",
        "fi",
    ]
    if ctx.attr.expect_metrics:
        # A benchmark's smoke test: it must exit 0 and print at least one well-formed
        # metric line; the figures themselves are reported, never asserted.
        lines += [
            "out=$(mktemp)",
            "trap 'rm -f \"$out\"' EXIT",
            # Windows programs under Wine end lines with CRLF.
            run + " | tr -d '\\r' | tee \"$out\"",
            "status=${PIPESTATUS[0]}",
            '[[ $status -eq 0 ]] || { echo "benchmark exited with status $status" >&2; exit 1; }',
            "n=$(grep -cE '^XCALL_METRIC( [a-z_0-9]+=[^ ]+)* ns_per_call=[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?( |$)' \"$out\")",
            '[[ $n -gt 0 ]] || { echo "benchmark printed no XCALL_METRIC ... ns_per_call=<number> line" >&2; exit 1; }',
            "bad=$(grep '^XCALL_METRIC' \"$out\" | grep -vE '^XCALL_METRIC( [a-z_0-9]+=[^ =]+)+ *$' || true)",
            '[[ -z $bad ]] || { echo "malformed metric lines: $bad" >&2; exit 1; }',
            'echo "$n metric lines"',
        ]
    else:
        lines.append("exec " + run)
    ctx.actions.write(output = script, is_executable = True, content = "\n".join(lines) + "\n")
    runfiles = ctx.runfiles(files = [bin_file, launcher])
    runfiles = runfiles.merge(binary[DefaultInfo].default_runfiles)
    runfiles = runfiles.merge(ctx.attr.launcher[DefaultInfo].default_runfiles)
    for d in ctx.attr.data:
        runfiles = runfiles.merge(d[DefaultInfo].default_runfiles)
        runfiles = runfiles.merge(ctx.runfiles(transitive_files = d[DefaultInfo].files))
    return [
        DefaultInfo(executable = script, runfiles = runfiles),
        testing.TestEnvironment(ctx.attr.env),
    ]

_ATTRS = dict(TRANSITION_ALLOWLIST)
_ATTRS.update({
    "binary": attr.label(mandatory = True, executable = True, cfg = platform_transition),
    "data": attr.label_list(allow_files = True, cfg = platform_transition),
    "platform": attr.string(mandatory = True),
    "target": attr.string(mandatory = True),
    "launcher": attr.label(mandatory = True, executable = True, cfg = "exec"),
    "env": attr.string_dict(),
    "expect_metrics": attr.bool(default = False),
})

xcall_target_test = rule(implementation = _launch_impl, attrs = _ATTRS, test = True)
xcall_target_binary = rule(implementation = _launch_impl, attrs = _ATTRS, executable = True)

def _per_target(rule_fn, name, binary, targets, env, tags, data, suffix = "", flaky_targets = None, **kwargs):
    check_targets(targets)
    if flaky_targets != None:
        check_targets(flaky_targets)
    names = []
    for t in targets:
        info = TARGETS[t]
        rule_fn(
            name = name + "_" + t + suffix,
            binary = binary,
            data = data,
            platform = info.platform,
            target = t,
            launcher = info.launcher,
            env = env,
            tags = tags + info.tags,
            **(dict(kwargs, flaky = t in flaky_targets) if flaky_targets != None else kwargs)
        )
        names.append(":" + name + "_" + t + suffix)
    return names

def xcall_cc_test(
        name,
        srcs = [],
        deps = [],
        copts = [],
        linkopts = [],
        data = [],
        env = {},
        args = [],
        targets = ALL_TARGETS,
        size = "medium",
        timeout = None,
        flaky = False,
        flaky_targets = [],
        tags = [],
        **kwargs):
    """flaky_targets: targets where a known open defect makes runs nondeterministic; Bazel
    retries those and reports FLAKY (flaky = True does so on every target)."""
    native.cc_binary(
        name = name + "_bin",
        srcs = srcs,
        deps = deps,
        copts = copts,
        linkopts = linkopts,
        testonly = True,
        tags = ["manual"],
        visibility = ["//visibility:private"],
        **kwargs
    )
    tests = _per_target(
        xcall_target_test,
        name,
        ":" + name + "_bin",
        targets,
        env,
        tags,
        data,
        flaky_targets = targets if flaky else flaky_targets,
        args = args,
        size = size,
        timeout = timeout,
    )
    native.test_suite(name = name, tests = tests, tags = tags)

def xcall_cc_binary(
        name,
        srcs = [],
        deps = [],
        copts = [],
        linkopts = [],
        data = [],
        env = {},
        targets = ALL_TARGETS,
        tags = [],
        visibility = None,
        **kwargs):
    native.cc_binary(
        name = name + "_bin",
        srcs = srcs,
        deps = deps,
        copts = copts,
        linkopts = linkopts,
        tags = ["manual"],
        visibility = visibility,
        **kwargs
    )
    _per_target(
        xcall_target_binary,
        name,
        ":" + name + "_bin",
        targets,
        env,
        tags,
        data,
        visibility = visibility,
    )

def xcall_cc_benchmark(name, targets = ALL_TARGETS, env = {}, tags = [], flaky_targets = [], **kwargs):
    xcall_cc_binary(name = name, targets = targets, env = env, tags = tags, **kwargs)
    tests = _per_target(
        xcall_target_test,
        name,
        ":" + name + "_bin",
        targets,
        env,
        tags + ["benchmark"],
        [],
        suffix = "_smoke",
        flaky_targets = flaky_targets,
        expect_metrics = True,
        size = "medium",
    )
    native.test_suite(name = name + "_smoke", tests = tests, tags = tags)
