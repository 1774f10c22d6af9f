"""A transition that builds an attribute for another platform (one of toolchains/targets.bzl)."""

def _impl(settings, attr):
    return {"//command_line_option:platforms": attr.platform}

platform_transition = transition(
    implementation = _impl,
    inputs = [],
    outputs = ["//command_line_option:platforms"],
)

# Rules using platform_transition need this attribute (Bazel 4 allowlist).
TRANSITION_ALLOWLIST = {
    "_allowlist_function_transition": attr.label(
        default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
    ),
}
