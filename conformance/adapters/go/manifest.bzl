"""Manifest of the Go adapter (gc toolchains), for conformance/matrix.bzl.

The adapter's only manifest (the reference adapter's is manifest.bzl too). Each Go release is
its own runtime in the matrix: take its name and version from @xcall_go//:runtimes.bzl
(GO_RUNTIMES).
"""

MANIFEST = {
    "runtime": "go",
    "targets": ["linux_x86_64", "linux_aarch64", "windows_x86_64"],
    # feature -> reason; nothing declared: every case runs and its verdict is a finding.
    "unsupported": {},
}
