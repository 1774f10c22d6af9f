// One verdict: the unit that results files, expectations and reports are made of.
#ifndef XCALL_CONFORMANCE_RUNNER_CASE_RESULT_H_
#define XCALL_CONFORMANCE_RUNNER_CASE_RESULT_H_

#include <map>
#include <string>

#include "conformance/runner/verdict.h"

namespace xcall::runner {

struct CaseResult {
  std::string runtime;
  std::string target;
  std::string profile;
  std::string case_name;
  Verdict verdict = Verdict::kFail;
  std::string detail;
  std::map<std::string, double> metrics;
  double seconds = 0;
};

}  // namespace xcall::runner

#endif  // XCALL_CONFORMANCE_RUNNER_CASE_RESULT_H_
