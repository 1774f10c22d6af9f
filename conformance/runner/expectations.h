// Expectations: what each runtime really does on each target, recorded per profile, so that
// any change of verdict, better or worse, stops the build until someone looks at it (the
// test262 / web-platform-tests model). Format: conformance/expectations/README.md.
//
// Only verdicts are compared. The detail is kept (first line only, for non-pass verdicts)
// so that a reader of the file sees why a case fails; seconds and metrics vary from run to
// run and are never part of it.
#ifndef XCALL_CONFORMANCE_RUNNER_EXPECTATIONS_H_
#define XCALL_CONFORMANCE_RUNNER_EXPECTATIONS_H_

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "conformance/runner/case_result.h"

namespace xcall::runner {

struct Expectation {
  Verdict verdict = Verdict::kPass;
  std::string detail;  // first line of the observed detail; empty for pass
};

struct Expectations {
  std::string runtime;
  std::string target;
  // profile -> case -> expectation; std::map keeps the file sorted and diffs small.
  std::map<std::string, std::map<std::string, Expectation>> profiles;
};

class ExpectationsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

Expectations ParseExpectations(const std::string& json_text);
std::string SerializeExpectations(const Expectations& expectations);

struct VerdictChange {
  std::string profile;
  std::string case_name;
  std::optional<Verdict> expected;  // nullopt: nothing recorded for this case
  std::optional<Verdict> got;       // nullopt: recorded, but the run has no such case
  std::string got_detail;
};

// "deep_stack_nested [default]: expected crash, got pass (...detail...)"
std::string DescribeChange(const VerdictChange& change);

// Every difference between the run's results for `profile` and the recorded ones, in case
// order (run order first, then recorded cases the run lacks).
std::vector<VerdictChange> CompareWithExpectations(const Expectations& expectations,
                                                   const std::string& profile,
                                                   const std::vector<CaseResult>& results);

// Replaces the `profile` section with what was observed; other profiles are kept.
void RecordObserved(Expectations& expectations, const std::string& profile,
                    const std::vector<CaseResult>& results);

}  // namespace xcall::runner

#endif  // XCALL_CONFORMANCE_RUNNER_EXPECTATIONS_H_
