#include "conformance/report/attempt_history.h"

#include "conformance/runner/outcome_classifier.h"

namespace xcall::report {

using runner::AttemptResult;
using runner::CaseResult;

std::vector<AttemptResult> AllAttempts(const CaseResult& result) {
  std::vector<AttemptResult> attempts = result.earlier_attempts;
  attempts.push_back({result.attempt, result.verdict, result.detail, result.metrics, result.seconds});
  return attempts;
}

bool IsFlaky(const CaseResult& result) {
  for (const AttemptResult& a : result.earlier_attempts) {
    if (a.verdict != result.verdict) return true;
  }
  return false;
}

bool PassedOnlyOnRetry(const CaseResult& result) {
  return result.verdict == runner::Verdict::kPass && IsFlaky(result);
}

std::string AttemptLine(const AttemptResult& attempt) {
  std::string headline = runner::DetailHeadline(attempt.detail);
  return "attempt " + std::to_string(attempt.attempt) + ": " + runner::VerdictName(attempt.verdict) +
         (headline.empty() ? "" : ": " + headline);
}

std::string AttemptsLine(const std::vector<AttemptResult>& attempts) {
  std::string line;
  for (const AttemptResult& a : attempts) line += (line.empty() ? "" : "; ") + AttemptLine(a);
  return line;
}

}  // namespace xcall::report
