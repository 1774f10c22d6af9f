// Real processes, tiny shell commands: the mechanics that a fake launcher cannot show.
#include "conformance/runner/posix_case_launcher.h"

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>

namespace xcall::runner {
namespace {

RawOutcome RunShell(const std::string& script, double timeout = 10,
                    std::map<std::string, std::string> env = {}) {
  PosixCaseLauncher launcher;
  return launcher.Launch({{"/bin/sh", "-c", script}, std::move(env), timeout});
}

// True once `pid` no longer runs: gone, or a zombie waiting for a parent that is not us.
bool ProcessGone(pid_t pid) {
  for (int i = 0; i < 100; ++i) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    if (!stat) return true;
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    size_t close_paren = text.rfind(')');
    if (close_paren != std::string::npos && close_paren + 2 < text.size() &&
        (text[close_paren + 2] == 'Z' || text[close_paren + 2] == 'X')) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

pid_t FirstLineAsPid(const std::string& text) { return static_cast<pid_t>(std::stol(text)); }

TEST(PosixCaseLauncherTest, CapturesExitStatusAndBothStreams) {
  RawOutcome o = RunShell("echo out; echo err >&2; exit 7");
  EXPECT_EQ(o.end, RawOutcome::End::kExited);
  EXPECT_EQ(o.exit_status, 7);
  EXPECT_EQ(o.stdout_text, "out\n");
  EXPECT_EQ(o.stderr_text, "err\n");
  EXPECT_GT(o.seconds, 0);
}

TEST(PosixCaseLauncherTest, ReportsTheKillingSignal) {
  RawOutcome o = RunShell("echo 'fatal: morestack on g0' >&2; kill -SEGV $$");
  EXPECT_EQ(o.end, RawOutcome::End::kSignaled);
  EXPECT_EQ(o.term_signal, SIGSEGV);
  EXPECT_EQ(o.stderr_text, "fatal: morestack on g0\n");
}

TEST(PosixCaseLauncherTest, RunsInItsOwnProcessGroup) {
  RawOutcome o = RunShell("echo $$; cut -d' ' -f5 /proc/$$/stat");
  ASSERT_EQ(o.end, RawOutcome::End::kExited);
  std::string pid = o.stdout_text.substr(0, o.stdout_text.find('\n'));
  std::string pgid = o.stdout_text.substr(o.stdout_text.find('\n') + 1);
  EXPECT_EQ(pgid, pid + "\n");
  EXPECT_NE(FirstLineAsPid(pid), getpgrp());
}

TEST(PosixCaseLauncherTest, TimeoutKillsTheWholeGroupIncludingChildren) {
  auto start = std::chrono::steady_clock::now();
  // The shell starts a child, reports its pid, then waits: both must die at the deadline.
  RawOutcome o = RunShell("sleep 300 & echo $!; echo waiting >&2; wait", 0.5);
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(o.end, RawOutcome::End::kTimedOut);
  EXPECT_DOUBLE_EQ(o.timeout_seconds, 0.5);
  EXPECT_GE(o.seconds, 0.5);
  EXPECT_LT(elapsed, 5);
  EXPECT_EQ(o.stderr_text, "waiting\n");
  ASSERT_FALSE(o.stdout_text.empty());
  pid_t child = FirstLineAsPid(o.stdout_text);
  EXPECT_TRUE(ProcessGone(child)) << "child " << child << " survived the timeout";
}

TEST(PosixCaseLauncherTest, LeftoverChildrenDieWhenTheLeaderExits) {
  auto start = std::chrono::steady_clock::now();
  // The background sleep keeps stdout open; the launcher must not wait for it.
  RawOutcome o = RunShell("sleep 300 & echo $!; exit 0", 60);
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(o.end, RawOutcome::End::kExited);
  EXPECT_EQ(o.exit_status, 0);
  EXPECT_LT(elapsed, 10);
  pid_t child = FirstLineAsPid(o.stdout_text);
  EXPECT_TRUE(ProcessGone(child)) << "child " << child << " outlived its case";
}

TEST(PosixCaseLauncherTest, PassesTheExtraEnvironmentOverTheInheritedOne) {
  setenv("XCALL_LAUNCHER_TEST_INHERITED", "kept", 1);
  setenv("XCALL_LAUNCHER_TEST_OVERRIDDEN", "old", 1);
  RawOutcome o = RunShell(
      "echo $XCALL_LAUNCHER_TEST_INHERITED $XCALL_LAUNCHER_TEST_OVERRIDDEN $GOMAXPROCS", 10,
      {{"XCALL_LAUNCHER_TEST_OVERRIDDEN", "new"}, {"GOMAXPROCS", "2"}});
  EXPECT_EQ(o.stdout_text, "kept new 2\n");
}

TEST(PosixCaseLauncherTest, StdinIsEmpty) {
  RawOutcome o = RunShell("cat; echo done", 5);
  EXPECT_EQ(o.end, RawOutcome::End::kExited);
  EXPECT_EQ(o.stdout_text, "done\n");
}

TEST(PosixCaseLauncherTest, CapturesLargeOutputCompletely) {
  RawOutcome o = RunShell("head -c 3000000 /dev/zero | tr '\\0' x; echo; echo tail >&2");
  EXPECT_EQ(o.end, RawOutcome::End::kExited);
  EXPECT_EQ(o.stdout_text.size(), 3000001u);
  EXPECT_EQ(o.stderr_text, "tail\n");
}

TEST(PosixCaseLauncherTest, MissingExecutableIsNotStarted) {
  PosixCaseLauncher launcher;
  RawOutcome o = launcher.Launch({{"/nonexistent/driver"}, {}, 5});
  EXPECT_EQ(o.end, RawOutcome::End::kNotStarted);
  EXPECT_EQ(o.start_error, "cannot execute /nonexistent/driver: No such file or directory");
}

TEST(PosixCaseLauncherTest, EmptyCommandLineIsNotStarted) {
  PosixCaseLauncher launcher;
  RawOutcome o = launcher.Launch({{}, {}, 5});
  EXPECT_EQ(o.end, RawOutcome::End::kNotStarted);
}

}  // namespace
}  // namespace xcall::runner
