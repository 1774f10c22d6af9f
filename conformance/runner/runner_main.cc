// xcall_runner: runs one (runtime, target, profile) plan of conformance cases and checks
// the verdicts against the recorded expectations. See conformance_run.h.
#include <signal.h>

#include <iostream>

#include "conformance/runner/conformance_run.h"
#include "conformance/runner/posix_case_launcher.h"
#include "conformance/runner/runner_flags.h"

namespace {

// Bazel sends SIGTERM when a test times out: take the running case down with us, since it
// lives in its own process group and would otherwise be orphaned.
void OnTerminate(int sig) {
  xcall::runner::PosixCaseLauncher::KillRunningGroup();
  signal(sig, SIG_DFL);
  raise(sig);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace xcall::runner;
  RunnerFlags flags;
  try {
    flags = ParseRunnerFlags(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const UsageError& e) {
    std::cerr << "xcall_runner: " << e.what() << "\n" << kRunnerUsage;
    return kExitBadInput;
  }
  if (flags.help) {
    std::cout << kRunnerUsage;
    return 0;
  }
  for (int sig : {SIGTERM, SIGINT, SIGHUP}) signal(sig, OnTerminate);
  PosixCaseLauncher launcher;
  return RunConformance(flags, BazelEnvironment::FromProcess(), launcher, std::cout, std::cerr);
}
