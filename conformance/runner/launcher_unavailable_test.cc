#include "conformance/runner/launcher_unavailable.h"

#include <signal.h>

#include <gtest/gtest.h>

#include "conformance/runner/fake_case_launcher.h"

namespace xcall::runner {
namespace {

constexpr char kQemuMissing[] =
    "xcall: qemu-aarch64 not found: install the Debian package qemu-user (ci/setup does)\n";

TEST(LauncherUnavailableTest, Exit127WithOnlyTheLaunchersLines) {
  EXPECT_EQ(LauncherCannotRunMessage(ExitedWith(127, "", kQemuMissing)),
            "xcall: qemu-aarch64 not found: install the Debian package qemu-user (ci/setup does)");
  EXPECT_EQ(LauncherCannotRunMessage(ExitedWith(127, "", "\nxcall: wine not found: a\r\nxcall: b\n\n")),
            "xcall: wine not found: a\nxcall: b");
}

TEST(LauncherUnavailableTest, AnythingElseIsTheCasesOwnOutcome) {
  // Another status with the same message: not the launcher's rule.
  EXPECT_FALSE(LauncherCannotRunMessage(ExitedWith(1, "", kQemuMissing)));
  EXPECT_FALSE(LauncherCannotRunMessage(ExitedWith(0, "", kQemuMissing)));
  // 127 from the guest or the shell: no launcher message, or other lines besides it.
  EXPECT_FALSE(LauncherCannotRunMessage(ExitedWith(127)));
  EXPECT_FALSE(LauncherCannotRunMessage(ExitedWith(127, "", "./native.sh: line 11: exec: x: not found\n")));
  EXPECT_FALSE(LauncherCannotRunMessage(
      ExitedWith(127, "", "xcall: creating Wine prefix /var/tmp/p\nbcryptprimitives: installed\n")));
  EXPECT_FALSE(LauncherCannotRunMessage(ExitedWith(127, "", std::string(kQemuMissing) + "XCALL_LAUNCHER exit_code=127\n")));
  // Stdout does not count: the message belongs on stderr.
  EXPECT_FALSE(LauncherCannotRunMessage(ExitedWith(127, kQemuMissing, "")));
  EXPECT_FALSE(LauncherCannotRunMessage(KilledBy(SIGSEGV, kQemuMissing)));
  EXPECT_FALSE(LauncherCannotRunMessage(TimedOut(60, kQemuMissing)));
}

}  // namespace
}  // namespace xcall::runner
