// Which runtime a plan's drivers are linked with. The plan's identity driver
// (carchive_tests/runtime_identity.c, linked like the cases' drivers) prints
// "XCALL_RUNTIME name=<xc_runtime_name()>"; the name's first word must be the plan's runtime
// ("xrt 0.1" for xrt, "go1.21.13" for go1.21.13, "gccgo go1.18 gccgo (...)" for gccgo).
// Verdicts of drivers linked with another runtime would be filed under the wrong name, so a
// mismatch stops the run. A driver that cannot say (it crashed, hung, printed no name) leaves
// the runtime unconfirmed, which the run reports and goes on from: such a runtime's cases
// still have findings to record.
#ifndef XCALL_CONFORMANCE_RUNNER_RUNTIME_IDENTITY_H_
#define XCALL_CONFORMANCE_RUNNER_RUNTIME_IDENTITY_H_

#include <string>

#include "conformance/runner/case_launcher.h"
#include "conformance/runner/plan.h"

namespace xcall::runner {

struct RuntimeIdentity {
  enum class Status { kConfirmed, kOtherRuntime, kUnconfirmed };
  Status status = Status::kUnconfirmed;
  std::string name;    // as the driver printed it (kConfirmed, kOtherRuntime)
  std::string detail;  // why it is unconfirmed
};

// Runs plan.identity_driver through the plan's launcher, without the plan's environment (a
// profile's may break every callback; the identity does not depend on it). Throws
// LauncherUnavailable (case_runner.h) when the launcher cannot run here.
RuntimeIdentity CheckRuntimeIdentity(const Plan& plan, CaseLauncher& launcher,
                                     double timeout_seconds);

}  // namespace xcall::runner

#endif  // XCALL_CONFORMANCE_RUNNER_RUNTIME_IDENTITY_H_
