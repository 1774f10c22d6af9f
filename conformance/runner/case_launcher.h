// How a case's process is started and observed, behind an interface so that the verdict
// logic can be tested with a fake (case_runner_test.cc) and the real POSIX mechanics on
// their own (posix_case_launcher_test.cc).
#ifndef XCALL_CONFORMANCE_RUNNER_CASE_LAUNCHER_H_
#define XCALL_CONFORMANCE_RUNNER_CASE_LAUNCHER_H_

#include <map>
#include <string>
#include <vector>

namespace xcall::runner {

// One process to run: argv[0] is executed as given (a path containing '/' is not searched
// for in PATH), with the runner's environment plus `env` (which wins on conflicts).
struct LaunchRequest {
  std::vector<std::string> argv;
  std::map<std::string, std::string> env;
  double timeout_seconds = 60;
};

// What happened to it, before any interpretation.
struct RawOutcome {
  enum class End {
    kExited,       // the process returned exit_status
    kSignaled,     // the process was killed by term_signal (host signal number)
    kTimedOut,     // still running at the deadline; its whole group was killed
    kNotStarted,   // fork or exec failed; start_error says why
  };
  End end = End::kExited;
  int exit_status = 0;
  int term_signal = 0;
  std::string start_error;
  std::string stdout_text;
  std::string stderr_text;
  double seconds = 0;
  double timeout_seconds = 0;  // the limit that applied, for the timeout message
};

class CaseLauncher {
 public:
  virtual ~CaseLauncher() = default;
  virtual RawOutcome Launch(const LaunchRequest& request) = 0;
};

}  // namespace xcall::runner

#endif  // XCALL_CONFORMANCE_RUNNER_CASE_LAUNCHER_H_
