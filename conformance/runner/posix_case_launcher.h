// Runs a case's process on POSIX: its own process group, captured stdout and stderr, and a
// deadline after which the whole group is killed.
//
// Why a process group: a case is usually a launcher script that starts an emulator (qemu,
// wine) that starts the driver, and a runtime under test may start threads or helper
// processes of its own. Killing only the direct child would leave the real culprit running
// and holding our pipes. So the child calls setpgid(0, 0) (and the parent does the same for
// it, closing the race), and on timeout the runner sends SIGKILL to -pgid. When the leader
// exits on its own, anything it left in its group is killed too, so no case outlives itself.
// A daemon that must survive (wineserver) has to leave the group itself (it calls setsid).
//
// Output is read with poll() on both pipes in short slices, checking the leader with
// waitid(WNOWAIT) between slices, so that the group id cannot be reused before we kill it.
#ifndef XCALL_CONFORMANCE_RUNNER_POSIX_CASE_LAUNCHER_H_
#define XCALL_CONFORMANCE_RUNNER_POSIX_CASE_LAUNCHER_H_

#include "conformance/runner/case_launcher.h"

namespace xcall::runner {

class PosixCaseLauncher : public CaseLauncher {
 public:
  // Bytes kept per stream; the rest is read and dropped (a note says so at the end).
  static constexpr size_t kMaxCapturedBytes = 16 << 20;

  RawOutcome Launch(const LaunchRequest& request) override;

  // For the runner's SIGTERM/SIGINT handler: SIGKILL the group of the case running now, if
  // any, so that an interrupted run (a Bazel test timeout) leaves no orphaned case behind.
  // Async-signal-safe.
  static void KillRunningGroup();
};

}  // namespace xcall::runner

#endif  // XCALL_CONFORMANCE_RUNNER_POSIX_CASE_LAUNCHER_H_
