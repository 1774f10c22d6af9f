#include "conformance/runner/results_progress.h"

#include <utility>

#include "conformance/runner/file_io.h"

namespace xcall::runner {

ResultsProgress::ResultsProgress(std::string path, ResultsDocument document, int attempt,
                                 std::string linked_runtime)
    : path_(std::move(path)),
      document_(std::move(document)),
      attempt_(attempt),
      linked_runtime_(std::move(linked_runtime)) {
  for (CaseResult& r : document_.results) Stamp(r);
}

void ResultsProgress::Stamp(CaseResult& result) const {
  result.attempt = attempt_;
  result.linked_runtime = linked_runtime_;
}

void ResultsProgress::Starting(CaseResult running) {
  running.verdict = Verdict::kTimeout;
  running.detail = kStoppedWhileRunning;
  running.metrics.clear();
  running.seconds = 0;
  Stamp(running);
  ResultsDocument with_running = document_;
  with_running.results.push_back(std::move(running));
  Write(with_running);
}

void ResultsProgress::Finished(CaseResult result) {
  Stamp(result);
  document_.results.push_back(std::move(result));
  Write(document_);
}

void ResultsProgress::Write(const ResultsDocument& document) const {
  WriteFile(path_, SerializeResults(document));
}

}  // namespace xcall::runner
