#include "conformance/runner/case_runner.h"

#include "conformance/runner/launcher_unavailable.h"
#include "conformance/runner/metrics.h"
#include "conformance/runner/outcome_classifier.h"

namespace xcall::runner {
namespace {

std::string LocalPath(const std::string& path) {
  return path.find('/') == std::string::npos ? "./" + path : path;
}

}  // namespace

std::vector<std::string> CaseCommandLine(const Plan& plan, const PlanCase& plan_case) {
  std::vector<std::string> argv;
  if (!plan.launcher.empty()) argv.push_back(LocalPath(plan.launcher));
  argv.push_back(plan.launcher.empty() ? LocalPath(plan_case.driver) : plan_case.driver);
  argv.insert(argv.end(), plan_case.args.begin(), plan_case.args.end());
  return argv;
}

RawOutcome LaunchForPlan(const Plan& plan, const LaunchRequest& request, CaseLauncher& launcher) {
  RawOutcome outcome = launcher.Launch(request);
  if (!plan.launcher.empty()) {
    if (std::optional<std::string> message = LauncherCannotRunMessage(outcome)) {
      throw LauncherUnavailable(*message);
    }
  }
  return outcome;
}

CaseResult RunCase(const Plan& plan, const PlanCase& plan_case, CaseLauncher& launcher,
                   double timeout_seconds) {
  CaseResult result;
  result.runtime = plan.runtime;
  result.target = plan.target;
  result.profile = plan.profile;
  result.case_name = plan_case.name;

  for (const std::string& feature : plan_case.features) {
    auto declared = plan.unsupported.find(feature);
    if (declared != plan.unsupported.end()) {
      result.verdict = Verdict::kSkip;
      result.detail = feature + " unsupported: " + declared->second;
      return result;
    }
  }

  LaunchRequest request;
  request.argv = CaseCommandLine(plan, plan_case);
  request.env = plan.env;
  for (const auto& [k, v] : plan_case.env) request.env[k] = v;
  request.timeout_seconds = timeout_seconds;

  RawOutcome outcome = LaunchForPlan(plan, request, launcher);
  Classification classification = ClassifyOutcome(outcome);
  result.verdict = classification.verdict;
  result.detail = classification.detail;
  result.seconds = outcome.seconds;

  ParsedMetrics metrics = ParseMetrics(outcome.stdout_text);
  result.metrics = metrics.values;
  if (!metrics.errors.empty() && result.verdict == Verdict::kPass) {
    // The driver exited cleanly but its report cannot be trusted.
    result.verdict = Verdict::kFail;
    result.detail = "driver printed a malformed metric: " + metrics.errors.front();
  } else if (!plan_case.metric.empty() && result.verdict == Verdict::kPass &&
             metrics.values.count(plan_case.metric) == 0) {
    result.verdict = Verdict::kFail;
    result.detail = "declared metric " + plan_case.metric + " not printed";
  }
  return result;
}

}  // namespace xcall::runner
