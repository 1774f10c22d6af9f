"""The conformance matrix: one Bazel test per (runtime, target, profile).

conformance_runtime(runtime, adapter, manifest) defines, for one runtime:
  <runtime>__<driver>                 every driver of carchive_tests/ linked with the adapter
                                      (built per target by a transition), and
                                      carchive_tests/runtime_identity.c, which the runner runs
                                      first to check which runtime the drivers are linked with;
  <runtime>__<target>__<profile>      a test that runs every case of carchive_tests/cases.bzl
                                      through the target's launcher with the host runner
                                      (conformance/runner) and checks the verdicts against
                                      conformance/expectations/<runtime>.<target>.json.
The manifest (a dict, see conformance/adapters/*/manifest.bzl) names the targets the runtime
supports and the features it declares unsupported; a case needing such a feature is a `skip`
with the declared reason, nothing else is.
"""

load("//carchive_tests:cases.bzl", "CASES")
load("//toolchains:platform_transition.bzl", "TRANSITION_ALLOWLIST", "platform_transition")
load("//toolchains:targets.bzl", "TARGETS", "check_targets")

# Profile name -> the targets it applies to and what it adds to every case.
PROFILES = {
    "default": struct(targets = ["linux_x86_64", "linux_aarch64", "windows_x86_64"], preload = False),
    # pthread_getattr_np fails as if the platform lacked it (conformance/profiles/no_getattr_np).
    "no_getattr_np": struct(targets = ["linux_x86_64", "linux_aarch64"], preload = True),
}

# Not a case: the plan's "identity_driver" (conformance/runner/runtime_identity.h).
_IDENTITY_DRIVER = "runtime_identity"

def _drivers():
    names = []
    for case in CASES:
        if case.driver not in names:
            names.append(case.driver)
    return names + [_IDENTITY_DRIVER]

def _conformance_test_impl(ctx):
    drivers = {}
    for d in ctx.attr.drivers:
        exe = d[DefaultInfo].files_to_run.executable
        drivers[d.label.name.split("__")[-1]] = exe
    launcher = ctx.attr.launcher[DefaultInfo].files_to_run.executable
    runner = ctx.attr._runner[DefaultInfo].files_to_run.executable

    env = {}
    extra = []
    if ctx.attr.preload:
        lib = ctx.attr.preload[0][DefaultInfo].files.to_list()[0]
        env["XCALL_PRELOAD"] = lib.short_path
        extra.append(lib)

    cases = []
    for c in json.decode(ctx.attr.cases_json):
        if c["driver"] not in drivers:
            fail("case %s needs driver %s, which is not built" % (c["name"], c["driver"]))
        c["driver"] = drivers[c["driver"]].short_path
        cases.append(c)

    manifest = json.decode(ctx.attr.manifest_json)
    plan = ctx.actions.declare_file(ctx.label.name + ".plan.json")
    ctx.actions.write(plan, json.encode_indent({
        "runtime": ctx.attr.runtime,
        "target": ctx.attr.target,
        "profile": ctx.attr.profile,
        "launcher": launcher.short_path,
        "identity_driver": drivers[_IDENTITY_DRIVER].short_path,
        "env": env,
        "unsupported": manifest.get("unsupported", {}),
        "cases": cases,
    }) + "\n")

    expectations = "conformance/expectations/%s.%s.json" % (ctx.attr.runtime, ctx.attr.target)
    script = ctx.actions.declare_file(ctx.label.name + ".sh")
    ctx.actions.write(script, is_executable = True, content = """#!/bin/bash
# Conformance of {runtime} on {target}, profile {profile}. `bazel run` this target with
# --update_expectations to record what the runtime does now in {exp}.
expectations={exp}
if [[ -n "${{BUILD_WORKSPACE_DIRECTORY:-}}" ]]; then
  expectations="$BUILD_WORKSPACE_DIRECTORY/{exp}"
fi
# ci/certify collects results from XCALL_RESULTS_DIR (Bazel 4.2.3 zips undeclared outputs).
# Bazel reruns a flaky test there without saying which attempt it is: the runner claims
# $name.attempt-N.results.json, N the first free number, so every attempt's verdicts survive.
out=${{XCALL_RESULTS_DIR:-${{TEST_UNDECLARED_OUTPUTS_DIR:-$(mktemp -d)}}}}
name={runtime}__{target}__{profile}
exec ./{runner} --plan={plan} --expectations="$expectations" \\
  --results="$out/$name.results.json" --claim_attempt "$@"
""".format(
        runtime = ctx.attr.runtime,
        target = ctx.attr.target,
        profile = ctx.attr.profile,
        exp = expectations,
        runner = runner.short_path,
        plan = plan.short_path,
    ))

    runfiles = ctx.runfiles(files = [plan, launcher, runner] + drivers.values() + extra + ctx.files._expectations)
    for dep in [ctx.attr.launcher, ctx.attr._runner] + ctx.attr.drivers:
        runfiles = runfiles.merge(dep[DefaultInfo].default_runfiles)
    return [DefaultInfo(executable = script, runfiles = runfiles)]

_ATTRS = dict(TRANSITION_ALLOWLIST)
_ATTRS.update({
    "runtime": attr.string(mandatory = True),
    "target": attr.string(mandatory = True),
    "profile": attr.string(mandatory = True),
    "platform": attr.string(mandatory = True),
    "drivers": attr.label_list(mandatory = True, cfg = platform_transition),
    "preload": attr.label(cfg = platform_transition),
    "launcher": attr.label(mandatory = True, executable = True, cfg = "exec"),
    "cases_json": attr.string(mandatory = True),
    "manifest_json": attr.string(mandatory = True),
    "_runner": attr.label(default = "//conformance/runner:xcall_runner", executable = True, cfg = "exec"),
    "_expectations": attr.label(default = "//conformance/expectations", allow_files = True),
})

conformance_test = rule(implementation = _conformance_test_impl, attrs = _ATTRS, test = True)

def _case_dict(case):
    d = {
        "name": case.name,
        "driver": case.driver,
        "args": case.args,
        "features": case.features,
        "mirrors": case.mirrors,
        "env": case.env,
    }
    if getattr(case, "metric", None):
        d["metric"] = case.metric
    if getattr(case, "timeout_s", None):
        d["timeout_s"] = case.timeout_s
    return d

def conformance_runtime(runtime, adapter, manifest, driver_linkopts = []):
    """The drivers and the conformance tests of one runtime; see the file comment."""
    targets = manifest["targets"]
    check_targets(targets)
    drivers = []
    for driver in _drivers():
        native.cc_binary(
            name = runtime + "__" + driver,
            srcs = ["//carchive_tests:%s.c" % driver],
            deps = [adapter, "//carchive_tests:driver_support"],
            linkopts = driver_linkopts,
            tags = ["manual"],
        )
        drivers.append(":" + runtime + "__" + driver)
    cases_json = json.encode([_case_dict(c) for c in CASES])
    for target in targets:
        for profile, p in PROFILES.items():
            if target not in p.targets:
                continue
            conformance_test(
                name = "%s__%s__%s" % (runtime, target, profile),
                runtime = runtime,
                target = target,
                profile = profile,
                platform = TARGETS[target].platform,
                drivers = drivers,
                preload = "//conformance/profiles/no_getattr_np" if p.preload else None,
                launcher = TARGETS[target].launcher,
                cases_json = cases_json,
                manifest_json = json.encode(manifest),
                size = "enormous",
                tags = ["conformance", "runtime=" + runtime] + TARGETS[target].tags,
            )
