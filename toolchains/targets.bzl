"""The three xcall targets: platform, launcher and tags of each."""

TARGETS = {
    "linux_x86_64": struct(
        platform = "//toolchains:linux_x86_64",
        launcher = "//toolchains/launchers:native",
        tags = ["linux_x86_64", "native"],
    ),
    "linux_aarch64": struct(
        platform = "//toolchains:linux_aarch64",
        launcher = "//toolchains/launchers:qemu_aarch64",
        tags = ["linux_aarch64", "qemu"],
    ),
    "windows_x86_64": struct(
        platform = "//toolchains:windows_x86_64",
        launcher = "//toolchains/launchers:wine",
        # Outside the linux sandbox: the launcher prepares the shared prefix under /var/tmp on
        # first use and hard-links it into each test's TEST_TMPDIR (one mount needed).
        tags = ["windows_x86_64", "wine", "no-sandbox"],
    ),
}

ALL_TARGETS = ["linux_x86_64", "linux_aarch64", "windows_x86_64"]

def check_targets(targets):
    for t in targets:
        if t not in TARGETS:
            fail("unknown target %r; valid targets: %s" % (t, ", ".join(ALL_TARGETS)))
