"""Manifest of the reference runtime's adapter (read by conformance/matrix.bzl)."""

MANIFEST = {
    "runtime": "xrt",
    "version": "0.1",
    "targets": ["linux_x86_64", "linux_aarch64", "windows_x86_64"],
    # feature -> reason; a case needing a listed feature is reported as skip with the reason.
    "unsupported": {},
}
