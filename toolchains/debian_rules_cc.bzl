"""Exposes Debian's bazel-rules-cc to Bazel 4.2.3.

Debian ships rules_cc in /usr/share/bazel/rules/cc. Two of its files load
`use_cpp_toolchain` from @bazel_tools, which Bazel 4.2.3 does not have; everything
else loads fine. This rule copies the tree and rewrites just those two loads to the
equivalent toolchain type label, so Bazel's built-in tools find @rules_cc offline.
"""

_PATCHED = [
    "cc/private/rules_impl/cc_flags_supplier.bzl",
    "cc/private/rules_impl/compiler_flag.bzl",
]

def _debian_rules_cc_impl(rctx):
    src = rctx.path(rctx.attr.path)
    if not src.exists:
        fail("rules_cc not found at %s: install Debian package bazel-rules-cc (ci/setup does)" % src)
    result = rctx.execute(["cp", "-R", str(src) + "/.", "."])
    if result.return_code != 0:
        fail("copying %s failed: %s" % (src, result.stderr))
    for path in _PATCHED:
        text = rctx.read(path)
        if "use_cpp_toolchain" not in text:
            fail("%s no longer loads use_cpp_toolchain; drop it from _PATCHED" % path)
        text = text.replace(', "use_cpp_toolchain")', ")")
        text = text.replace("use_cpp_toolchain()", '["@bazel_tools//tools/cpp:toolchain_type"]')
        rctx.file(path, text)

debian_rules_cc = repository_rule(
    implementation = _debian_rules_cc_impl,
    attrs = {"path": attr.string(mandatory = True)},
    local = True,
)
