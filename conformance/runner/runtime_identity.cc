#include "conformance/runner/runtime_identity.h"

#include <sstream>

#include "conformance/runner/case_runner.h"
#include "conformance/runner/diagnostic_text.h"
#include "conformance/runner/outcome_classifier.h"

namespace xcall::runner {
namespace {

constexpr char kPrefix[] = "XCALL_RUNTIME name=";

// The name on the driver's XCALL_RUNTIME line, or empty; sanitised, as it goes into the
// results and the report.
std::string PrintedName(const std::string& stdout_text) {
  std::istringstream lines(SanitizeText(stdout_text));  // also "\r\n" from Windows drivers
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind(kPrefix, 0) == 0) return line.substr(sizeof kPrefix - 1);
  }
  return "";
}

}  // namespace

RuntimeIdentity CheckRuntimeIdentity(const Plan& plan, CaseLauncher& launcher,
                                     double timeout_seconds) {
  PlanCase identity;
  identity.name = "runtime_identity";
  identity.driver = plan.identity_driver;
  LaunchRequest request;
  request.argv = CaseCommandLine(plan, identity);
  request.timeout_seconds = timeout_seconds;
  RawOutcome outcome = LaunchForPlan(plan, request, launcher);

  RuntimeIdentity result;
  const Classification classification = ClassifyOutcome(outcome);
  if (classification.verdict != Verdict::kPass) {
    result.detail = std::string(VerdictName(classification.verdict)) + ": " +
                    DetailHeadline(classification.detail);
    return result;
  }
  result.name = PrintedName(outcome.stdout_text);
  if (result.name.empty()) {
    result.detail = std::string("exited 0 without a \"") + kPrefix + "...\" line";
    return result;
  }
  const std::string first_word = result.name.substr(0, result.name.find(' '));
  result.status = first_word == plan.runtime ? RuntimeIdentity::Status::kConfirmed
                                             : RuntimeIdentity::Status::kOtherRuntime;
  return result;
}

}  // namespace xcall::runner
