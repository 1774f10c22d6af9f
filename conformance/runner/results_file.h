// The results schema shared by the runner's --results file and the report's report.json
// (architecture.md, "Verdicts and report"):
//   {"suite_version": "...", "host": "...", "results": [
//     {"runtime", "target", "profile", "case", "verdict", "detail", "metrics": {...},
//      "seconds": ..., "attempt": 1, "linked_runtime": "xrt 0.1",
//      "earlier_attempts": [{"attempt", "verdict", "detail", "metrics", "seconds"}, ...]}],
//    "missing_runs": [{"runtime", "target", "profile", "reason"}, ...]}
// "linked_runtime" (optional) is what the run's drivers said they are linked with
// (runtime_identity.h). "attempt" (default 1) numbers the runs of one flaky test;
// "earlier_attempts" appears only in a merged report, for a case that ran in more than one
// attempt; "missing_runs" only in a merged report, and only when some selected run left no
// results.
#ifndef XCALL_CONFORMANCE_RUNNER_RESULTS_FILE_H_
#define XCALL_CONFORMANCE_RUNNER_RESULTS_FILE_H_

#include <stdexcept>
#include <string>
#include <vector>

#include "conformance/runner/case_result.h"
#include "conformance/runner/json.h"

namespace xcall::runner {

// A selected (runtime, target, profile) run, or one attempt of it, that left no results: its
// test did not build, or was killed before it wrote them. A run cannot report its own
// absence, so only whoever selected it (ci/certify) can say so; the report carries it so that
// a lost run is a finding in every output instead of a row that silently is not there.
struct MissingRun {
  std::string runtime;
  std::string target;
  std::string profile;
  std::string reason;  // what happened and which log to read, for a person
  bool operator==(const MissingRun&) const = default;
  // As its conformance test is named: runtime__target__profile (conformance/matrix.bzl).
  std::string name() const { return runtime + "__" + target + "__" + profile; }
};

struct ResultsDocument {
  std::string suite_version;
  std::string host;
  std::vector<CaseResult> results;
  std::vector<MissingRun> missing_runs;  // a merged report's only; a runner writes none
};

class ResultsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

json::Value ResultsToJson(const ResultsDocument& document);

// Throws ResultsError naming the entry and field that is wrong.
ResultsDocument ResultsFromJson(const json::Value& value);

// Pretty-printed JSON text.
std::string SerializeResults(const ResultsDocument& document);
ResultsDocument ParseResults(const std::string& json_text);

// The built-in suite version, used when the plan gives none.
std::string DefaultSuiteVersion();

// "Linux 6.1.0-18-amd64 x86_64, 2 cpus": where the run happened, from uname(2).
std::string DescribeHost();

}  // namespace xcall::runner

#endif  // XCALL_CONFORMANCE_RUNNER_RESULTS_FILE_H_
