"""One source, three targets: tests and binaries built per target and run via its launcher.

xcall_cc_test(name, srcs, deps, ..., env, args, targets) defines
  <name>_<target>   a test per target: the binary is built for the target's platform
                    (a transition on --platforms) and run on the host through the target's
                    launcher (native, qemu-aarch64, wine); tagged with the target and emulator
                    so --test_tag_filters=-qemu,-wine keeps only native tests;
  <name>            a test_suite of them.
xcall_cc_binary(name, ...) defines <name>_<target> runnable binaries (`bazel run`) the same way.
"""

load("//toolchains:platform_transition.bzl", "TRANSITION_ALLOWLIST", "platform_transition")
load("//toolchains:targets.bzl", "ALL_TARGETS", "TARGETS", "check_targets")

def _launch_impl(ctx):
    binary = ctx.attr.binary[0]
    bin_file = binary[DefaultInfo].files_to_run.executable
    launcher = ctx.attr.launcher[DefaultInfo].files_to_run.executable
    script = ctx.actions.declare_file(ctx.label.name + ".sh")
    ctx.actions.write(
        output = script,
        is_executable = True,
        content = "\n".join([
            "#!/bin/bash",
            "# Runs %s for %s through its launcher." % (bin_file.short_path, ctx.attr.target),
            'exec "./%s" "./%s" "$@"' % (launcher.short_path, bin_file.short_path),
            "",
        ]),
    )
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
})

xcall_target_test = rule(implementation = _launch_impl, attrs = _ATTRS, test = True)
xcall_target_binary = rule(implementation = _launch_impl, attrs = _ATTRS, executable = True)

def _per_target(rule_fn, name, binary, targets, env, tags, data, **kwargs):
    check_targets(targets)
    names = []
    for t in targets:
        info = TARGETS[t]
        rule_fn(
            name = name + "_" + t,
            binary = binary,
            data = data,
            platform = info.platform,
            target = t,
            launcher = info.launcher,
            env = env,
            tags = tags + info.tags,
            **kwargs
        )
        names.append(":" + name + "_" + t)
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
        tags = [],
        **kwargs):
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
