"""Manifest of the gccgo adapter, for conformance/matrix.bzl.

gccgo has no Windows target here (Debian ships no gccgo for mingw-w64), so windows_x86_64 is
not among its targets; nothing within its targets is declared unsupported.
"""

MANIFEST = {
    "runtime": "gccgo",
    "targets": ["linux_x86_64", "linux_aarch64"],
    "unsupported": {},
}
