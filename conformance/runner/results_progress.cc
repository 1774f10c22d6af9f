#include "conformance/runner/results_progress.h"

#include <utility>

#include "conformance/runner/file_io.h"

namespace xcall::runner {

ResultsProgress::ResultsProgress(std::string path, ResultsDocument document, int attempt)
    : path_(std::move(path)), document_(std::move(document)), attempt_(attempt) {
  for (CaseResult& r : document_.results) r.attempt = attempt_;
}

void ResultsProgress::Starting(CaseResult running) {
  running.verdict = Verdict::kTimeout;
  running.detail = kStoppedWhileRunning;
  running.metrics.clear();
  running.seconds = 0;
  running.attempt = attempt_;
  ResultsDocument with_running = document_;
  with_running.results.push_back(std::move(running));
  Write(with_running);
}

void ResultsProgress::Finished(CaseResult result) {
  result.attempt = attempt_;
  document_.results.push_back(std::move(result));
  Write(document_);
}

void ResultsProgress::Write(const ResultsDocument& document) const {
  WriteFile(path_, SerializeResults(document));
}

}  // namespace xcall::runner
