"""One cc toolchain config for the GCC-family compilers xcall targets.

All three targets use a GCC driver (host gcc, aarch64-linux-gnu-gcc, and the posix-thread
x86_64-w64-mingw32-gcc), so one parameterised config covers them: tool paths from a
prefix, C++20 for C++ sources, optimisation by compilation mode, PIC where the target has
shared objects, and the target's link libraries last on the link line. The one exception:
--config=tsan swaps the host's GCC for Clang 16 (clang_for_tsan, toolchains/cc/BUILD says why),
a driver that takes the same flags but one.
"""

load(
    "@bazel_tools//tools/cpp:cc_toolchain_config_lib.bzl",
    "artifact_name_pattern",
    "feature",
    "flag_group",
    "flag_set",
    "tool_path",
    "with_feature_set",
)
load("@bazel_tools//tools/build_defs/cc:action_names.bzl", "ACTION_NAMES")

_C_COMPILE = [ACTION_NAMES.c_compile]
_CXX_COMPILE = [
    ACTION_NAMES.cpp_compile,
    ACTION_NAMES.cpp_header_parsing,
    ACTION_NAMES.cpp_module_compile,
    ACTION_NAMES.linkstamp_compile,
]
_ALL_COMPILE = _C_COMPILE + _CXX_COMPILE + [
    ACTION_NAMES.assemble,
    ACTION_NAMES.preprocess_assemble,
]
_ALL_LINK = [
    ACTION_NAMES.cpp_link_executable,
    ACTION_NAMES.cpp_link_dynamic_library,
    ACTION_NAMES.cpp_link_nodeps_dynamic_library,
]

# Clang 16's own headers (Debian's clang-16); it shares GCC 12's libstdc++ and the rest.
_CLANG_INCLUDES = "/usr/lib/clang/16/include"

def _flags(actions, flags, **kwargs):
    return flag_set(actions = actions, flag_groups = [flag_group(flags = flags, **kwargs)])

def _impl(ctx):
    p = ctx.attr.tool_prefix
    s = ctx.attr.tool_suffix
    clang = ctx.attr.clang_for_tsan
    tool_paths = [
        tool_path(name = "gcc", path = "clang_for_tsan.sh" if clang else p + "gcc" + s),
        tool_path(name = "cpp", path = p + "cpp" + s),
        tool_path(name = "ld", path = p + "ld"),
        tool_path(name = "ar", path = p + "ar"),
        tool_path(name = "nm", path = p + "nm"),
        tool_path(name = "objdump", path = p + "objdump"),
        tool_path(name = "strip", path = p + "strip"),
        tool_path(name = "gcov", path = p + "gcov" + s),
        tool_path(name = "objcopy", path = p + "objcopy"),
        tool_path(name = "dwp", path = "/bin/false"),
        tool_path(name = "llvm-cov", path = "/bin/false"),
    ]

    features = [
        feature(name = "supports_pic", enabled = ctx.attr.supports_pic),
        feature(name = "dbg"),
        feature(name = "opt"),
        feature(name = "fastbuild"),
        feature(
            name = "xcall_compile_flags",
            enabled = True,
            flag_sets = [
                _flags(_ALL_COMPILE, [
                    "-no-canonical-prefixes",
                ] + ([] if clang else ["-fno-canonical-system-headers"]) + [
                    "-Wall",
                    "-Wno-builtin-macro-redefined",
                    # Reproducible outputs: no time stamps in objects.
                    "-D__DATE__=\"redacted\"",
                    "-D__TIMESTAMP__=\"redacted\"",
                    "-D__TIME__=\"redacted\"",
                ] + ctx.attr.compile_flags),
                _flags(_C_COMPILE, ["-std=gnu11"]),
                _flags(_CXX_COMPILE, ["-std=c++20"]),
                flag_set(
                    actions = _ALL_COMPILE,
                    flag_groups = [flag_group(flags = ["-g"])],
                    with_features = [with_feature_set(features = ["dbg"])],
                ),
                flag_set(
                    actions = _ALL_COMPILE,
                    flag_groups = [flag_group(flags = ["-O2", "-g1", "-DNDEBUG", "-ffunction-sections", "-fdata-sections"])],
                    with_features = [with_feature_set(features = ["opt"])],
                ),
                flag_set(
                    actions = _ALL_COMPILE,
                    flag_groups = [flag_group(flags = ["-O1", "-g1"])],
                    with_features = [with_feature_set(features = ["fastbuild"])],
                ),
            ],
        ),
        feature(
            name = "pic",
            enabled = True,
            flag_sets = [flag_set(
                actions = _ALL_COMPILE,
                flag_groups = [flag_group(flags = ["-fPIC"], expand_if_available = "pic")],
            )],
        ),
        # Declared after Bazel's own link features, so these land last on the link line.
        feature(
            name = "xcall_link_flags",
            enabled = True,
            flag_sets = [
                _flags(_ALL_LINK, ["-no-canonical-prefixes"] + ctx.attr.link_flags),
                flag_set(
                    actions = _ALL_LINK,
                    flag_groups = [flag_group(flags = ["-Wl,--gc-sections"])],
                    with_features = [with_feature_set(features = ["opt"])],
                ),
            ],
        ),
    ]

    # Sanitizers exist only where the toolchain defines them (the host), so --features=asan
    # leaves binaries transitioned to other targets untouched (see .bazelrc --config=asan).
    if ctx.attr.sanitizers:
        for name, flags in [
            ("asan", ["-fsanitize=address", "-fno-omit-frame-pointer"]),
            ("tsan", ["-fsanitize=thread"]),
        ]:
            features.append(feature(
                name = name,
                flag_sets = [
                    _flags(_ALL_COMPILE, flags),
                    _flags(_ALL_LINK, flags),
                ],
            ))

    patterns = []
    if ctx.attr.executable_extension:
        patterns.append(artifact_name_pattern(
            category_name = "executable",
            prefix = "",
            extension = ctx.attr.executable_extension,
        ))
        patterns.append(artifact_name_pattern(
            category_name = "dynamic_library",
            prefix = "",
            extension = ".dll",
        ))

    return cc_common.create_cc_toolchain_config_info(
        ctx = ctx,
        toolchain_identifier = ctx.attr.name,
        host_system_name = "x86_64-linux-gnu",
        target_system_name = ctx.attr.target_system_name,
        target_cpu = ctx.attr.target_cpu,
        target_libc = ctx.attr.target_libc,
        compiler = "clang" if clang else "gcc",
        abi_version = "gcc",
        abi_libc_version = ctx.attr.target_libc,
        tool_paths = tool_paths,
        features = features,
        cxx_builtin_include_directories = ctx.attr.builtin_include_directories +
                                          ([_CLANG_INCLUDES] if clang else []),
        artifact_name_patterns = patterns,
    )

gcc_toolchain_config = rule(
    implementation = _impl,
    attrs = {
        "tool_prefix": attr.string(mandatory = True, doc = "e.g. /usr/bin/aarch64-linux-gnu-"),
        "tool_suffix": attr.string(default = "", doc = "e.g. -posix for mingw's thread model"),
        "target_system_name": attr.string(mandatory = True),
        "target_cpu": attr.string(mandatory = True),
        "target_libc": attr.string(mandatory = True),
        "compile_flags": attr.string_list(),
        "link_flags": attr.string_list(),
        "builtin_include_directories": attr.string_list(mandatory = True),
        "supports_pic": attr.bool(default = True),
        "executable_extension": attr.string(default = ""),
        "sanitizers": attr.bool(default = False, doc = "defines the asan and tsan features"),
        "clang_for_tsan": attr.bool(
            default = False,
            doc = "compile and link with Clang 16 (clang_for_tsan.sh) instead of GCC",
        ),
    },
    provides = [CcToolchainConfigInfo],
)
