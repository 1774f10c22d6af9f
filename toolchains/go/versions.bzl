"""The Go runtimes xcall certifies: one list, for toolchains/go/install.sh and repositories.bzl.

The set is the project's, not the machine's: conformance/expectations/ holds one file per
version and target, so adding a version here means recording its expectations
(ci/record_expectations), and removing one means deleting its files. install.sh reads the two
assignments below with sed: keep each on one line, in exactly this form.
"""

# Debian 12's golang-1.19-go (apt-get), at /usr/lib/go-1.19.
GO_DEBIAN = "go1.19.8"

# Releases fetched through the Go module proxy (golang.org/toolchain), oldest first; the oldest
# >= go1.21 is the one bootstrapped with Debian's Go when the machine has no Go >= 1.21. The
# newest is the newest the proxy served when this list was last updated.
GO_PROXY_RELEASES = ["go1.21.13", "go1.22.12", "go1.26.8", "go1.27.4"]
