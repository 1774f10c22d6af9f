// One verdict: the unit that results files, expectations and reports are made of.
#ifndef XCALL_CONFORMANCE_RUNNER_CASE_RESULT_H_
#define XCALL_CONFORMANCE_RUNNER_CASE_RESULT_H_

#include <map>
#include <string>
#include <vector>

#include "conformance/runner/verdict.h"

namespace xcall::runner {

// What one attempt of a case gave, when Bazel ran its test more than once.
struct AttemptResult {
  int attempt = 1;
  Verdict verdict = Verdict::kFail;
  std::string detail;
  std::map<std::string, double> metrics;
  double seconds = 0;
};

struct CaseResult {
  std::string runtime;
  std::string target;
  std::string profile;
  std::string case_name;
  Verdict verdict = Verdict::kFail;
  std::string detail;
  std::map<std::string, double> metrics;
  double seconds = 0;
  // Which run of its (runtime, target, profile) test gave this result: Bazel retries a test
  // marked flaky, and a hang in attempt 1 must stay visible after a pass in attempt 2.
  int attempt = 1;
  // In a merged report, the attempts before this one, oldest first; the fields above are
  // the final attempt's. Empty when the case ran once.
  std::vector<AttemptResult> earlier_attempts;
  // The runtime the run's drivers said they are linked with (xc_runtime_name(), "xrt 0.1"),
  // "unconfirmed: <why>" when the identity driver could not say, or empty when the plan has
  // no identity driver (runtime_identity.h).
  std::string linked_runtime;
};

}  // namespace xcall::runner

#endif  // XCALL_CONFORMANCE_RUNNER_CASE_RESULT_H_
