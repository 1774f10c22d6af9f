"""Per-target facts for the GCC toolchains: tool names, libc, include dirs, link flags."""

load(":gcc_toolchain_config.bzl", "gcc_toolchain_config")

GCC_TARGETS = {
    "linux_x86_64": struct(
        prefix = "/usr/bin/",
        suffix = "",
        cpu = "k8",
        libc = "glibc",
        system = "x86_64-linux-gnu",
        constraints = ["@platforms//os:linux", "@platforms//cpu:x86_64"],
        link_flags = ["-pthread", "-lstdc++", "-lm"],
        includes = ["/usr/include", "/usr/lib/gcc/x86_64-linux-gnu", "/usr/local/include"],
        exe = "",
        pic = True,
        sanitizers = True,
    ),
    "linux_aarch64": struct(
        prefix = "/usr/bin/aarch64-linux-gnu-",
        suffix = "",
        cpu = "aarch64",
        libc = "glibc",
        system = "aarch64-linux-gnu",
        constraints = ["@platforms//os:linux", "@platforms//cpu:aarch64"],
        link_flags = ["-pthread", "-lstdc++", "-lm"],
        includes = ["/usr/lib/gcc-cross/aarch64-linux-gnu", "/usr/aarch64-linux-gnu/include", "/usr/include"],
        exe = "",
        pic = True,
        sanitizers = False,
    ),
    "windows_x86_64": struct(
        prefix = "/usr/bin/x86_64-w64-mingw32-",
        suffix = "-posix",
        cpu = "x64_windows",
        libc = "mingw-w64",
        system = "x86_64-w64-mingw32",
        constraints = ["@platforms//os:windows", "@platforms//cpu:x86_64"],
        # Static: wine has no copy of libstdc++/libwinpthread DLLs on its path.
        link_flags = ["-static", "-lstdc++", "-lm"],
        includes = ["/usr/lib/gcc/x86_64-w64-mingw32", "/usr/x86_64-w64-mingw32/include", "/usr/share/mingw-w64/include"],
        exe = ".exe",
        pic = False,
        sanitizers = False,
    ),
}


HOST_CONSTRAINTS = [
    "@platforms//os:linux",
    "@platforms//cpu:x86_64",
]

def gcc_toolchains():
    """Defines <target>_config, <target>_cc and the registered toolchain <target> per target."""
    for name, t in GCC_TARGETS.items():
        gcc_toolchain_config(
            name = name + "_config",
            builtin_include_directories = t.includes,
            executable_extension = t.exe,
            link_flags = t.link_flags,
            sanitizers = t.sanitizers,
            # --config=tsan builds the host target with Clang (BUILD: tsan).
            clang_for_tsan = select({
                ":tsan": True,
                "//conditions:default": False,
            }) if t.sanitizers else False,
            supports_pic = t.pic,
            target_cpu = t.cpu,
            target_libc = t.libc,
            target_system_name = t.system,
            tool_prefix = t.prefix,
            tool_suffix = t.suffix,
        )
        tools = ":clang_for_tsan" if t.sanitizers else ":empty"
        native.cc_toolchain(
            name = name + "_cc",
            all_files = tools,
            compiler_files = tools,
            dwp_files = ":empty",
            linker_files = tools,
            objcopy_files = ":empty",
            strip_files = ":empty",
            supports_param_files = True,
            toolchain_config = ":" + name + "_config",
        )
        native.toolchain(
            name = name,
            exec_compatible_with = HOST_CONSTRAINTS,
            target_compatible_with = t.constraints,
            toolchain = ":" + name + "_cc",
            toolchain_type = "@bazel_tools//tools/cpp:toolchain_type",
        )
