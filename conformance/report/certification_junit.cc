#include "conformance/report/certification_junit.h"

#include "conformance/report/attempt_history.h"
#include "conformance/runner/junit_xml.h"
#include "conformance/runner/outcome_classifier.h"

namespace xcall::report {

std::string CertificationJUnit(const runner::ResultsDocument& document) {
  using runner::JUnitCase;
  using runner::Verdict;
  std::vector<JUnitCase> cases;
  for (const runner::CaseResult& r : document.results) {
    JUnitCase j;
    j.suite = r.runtime + "." + r.target + "." + r.profile;
    j.name = r.case_name;
    j.seconds = r.seconds;
    switch (r.verdict) {
      case Verdict::kPass: j.outcome = JUnitCase::Outcome::kPassed; break;
      case Verdict::kFail: j.outcome = JUnitCase::Outcome::kFailure; break;
      case Verdict::kCrash:
      case Verdict::kTimeout: j.outcome = JUnitCase::Outcome::kError; break;
      case Verdict::kSkip: j.outcome = JUnitCase::Outcome::kSkipped; break;
    }
    std::string headline = runner::DetailHeadline(r.detail);
    j.message = std::string(runner::VerdictName(r.verdict)) + (headline.empty() ? "" : ": " + headline);
    j.text = r.detail;
    // JUnit has no verdict history: the attempts go in the text (<system-out> for a pass).
    if (!r.earlier_attempts.empty()) {
      if (IsFlaky(r)) j.message += " (flaky: " + AttemptsLine(r.earlier_attempts) + ")";
      j.text += std::string(j.text.empty() ? "" : "\n\n") + (IsFlaky(r) ? "flaky, " : "") + "attempts:";
      for (const runner::AttemptResult& a : AllAttempts(r)) j.text += "\n" + AttemptLine(a);
    }
    cases.push_back(j);
  }
  for (const runner::MissingRun& m : document.missing_runs) {
    JUnitCase j;
    j.suite = m.runtime + "." + m.target + "." + m.profile;
    j.name = kMissingRunCase;
    j.outcome = JUnitCase::Outcome::kError;
    j.message = "no results: " + runner::DetailHeadline(m.reason);
    j.text = m.reason;
    cases.push_back(j);
  }
  return runner::JUnitXml(cases);
}

}  // namespace xcall::report
