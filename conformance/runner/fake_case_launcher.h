// A GoogleMock CaseLauncher for tests of everything above the process layer.
#ifndef XCALL_CONFORMANCE_RUNNER_FAKE_CASE_LAUNCHER_H_
#define XCALL_CONFORMANCE_RUNNER_FAKE_CASE_LAUNCHER_H_

#include <gmock/gmock.h>

#include "conformance/runner/case_launcher.h"

namespace xcall::runner {

class FakeCaseLauncher : public CaseLauncher {
 public:
  MOCK_METHOD(RawOutcome, Launch, (const LaunchRequest& request), (override));
};

inline RawOutcome ExitedWith(int status, std::string stdout_text = "", std::string stderr_text = "") {
  RawOutcome o;
  o.end = RawOutcome::End::kExited;
  o.exit_status = status;
  o.stdout_text = std::move(stdout_text);
  o.stderr_text = std::move(stderr_text);
  o.seconds = 0.25;
  return o;
}

inline RawOutcome KilledBy(int host_signal, std::string stderr_text = "") {
  RawOutcome o;
  o.end = RawOutcome::End::kSignaled;
  o.term_signal = host_signal;
  o.stderr_text = std::move(stderr_text);
  o.seconds = 0.5;
  return o;
}

inline RawOutcome TimedOut(double limit, std::string stderr_text = "") {
  RawOutcome o;
  o.end = RawOutcome::End::kTimedOut;
  o.timeout_seconds = limit;
  o.stderr_text = std::move(stderr_text);
  o.seconds = limit;
  return o;
}

}  // namespace xcall::runner

#endif  // XCALL_CONFORMANCE_RUNNER_FAKE_CASE_LAUNCHER_H_
