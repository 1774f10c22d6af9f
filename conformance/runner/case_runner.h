// Runs one plan case and judges it: skip when the runtime declares one of the case's
// features unsupported, otherwise launch (launcher + driver + args), classify the outcome and
// collect the metrics the driver printed. A clean exit is still a fail when a metric line is
// malformed or the case's declared metric is missing.
#ifndef XCALL_CONFORMANCE_RUNNER_CASE_RUNNER_H_
#define XCALL_CONFORMANCE_RUNNER_CASE_RUNNER_H_

#include <stdexcept>

#include "conformance/runner/case_launcher.h"
#include "conformance/runner/case_result.h"
#include "conformance/runner/plan.h"

namespace xcall::runner {

// The command line for a case. Plan paths are relative to the working directory; a bare
// file name gets "./" so that it is never looked up in PATH.
std::vector<std::string> CaseCommandLine(const Plan& plan, const PlanCase& plan_case);

// Thrown by RunCase when the plan's launcher says it cannot run on this machine at all
// (launcher_unavailable.h); what() is the launcher's message. No case can be judged then.
class LauncherUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Launches request; throws LauncherUnavailable when the plan has a launcher and it says it
// cannot run here. For every process a run starts (its cases, its identity driver).
RawOutcome LaunchForPlan(const Plan& plan, const LaunchRequest& request, CaseLauncher& launcher);

CaseResult RunCase(const Plan& plan, const PlanCase& plan_case, CaseLauncher& launcher,
                   double timeout_seconds);

}  // namespace xcall::runner

#endif  // XCALL_CONFORMANCE_RUNNER_CASE_RUNNER_H_
