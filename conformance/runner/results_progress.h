// The results file kept current while a run goes on, so that an attempt killed midway still
// says what it did, and which case it was running.
//
// Bazel kills a test that outlives its timeout (SIGTERM, then SIGKILL), and the runner cannot
// write anything then. So the file is rewritten before each case starts, holding every
// result so far and the case about to run as a `timeout` ("the run was stopped while this
// case ran"), and again when the case ends, with its real verdict in that place. Each write
// goes to a temporary file renamed over the results file (WriteFile): a reader, or a killed
// run, never leaves half a file, and a claimed attempt file (results_attempt.h) exists all
// along, so no other attempt can claim its number.
#ifndef XCALL_CONFORMANCE_RUNNER_RESULTS_PROGRESS_H_
#define XCALL_CONFORMANCE_RUNNER_RESULTS_PROGRESS_H_

#include <string>
#include <vector>

#include "conformance/runner/case_result.h"
#include "conformance/runner/results_file.h"

namespace xcall::runner {

// The first line of the detail a running case is written with.
inline constexpr char kStoppedWhileRunning[] =
    "the run was stopped while this case ran (a Bazel test timeout?); no outcome of its own";

class ResultsProgress {
 public:
  // `document` gives suite_version and host; its results are where the run's accumulate.
  // Every result written carries `attempt` and `linked_runtime` (case_result.h).
  ResultsProgress(std::string path, ResultsDocument document, int attempt,
                  std::string linked_runtime = "");

  // Before a case runs: `running` names it (runtime, target, profile, case_name).
  void Starting(CaseResult running);
  // A case's (or the derived case's) final result.
  void Finished(CaseResult result);

  const std::vector<CaseResult>& results() const { return document_.results; }
  const ResultsDocument& document() const { return document_; }

 private:
  void Stamp(CaseResult& result) const;  // the run's facts: attempt, linked runtime
  void Write(const ResultsDocument& document) const;

  std::string path_;
  ResultsDocument document_;
  int attempt_;
  std::string linked_runtime_;
};

}  // namespace xcall::runner

#endif  // XCALL_CONFORMANCE_RUNNER_RESULTS_PROGRESS_H_
