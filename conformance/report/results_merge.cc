#include "conformance/report/results_merge.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace xcall::report {
namespace {

using runner::AttemptResult;
using runner::CaseResult;

void AddDistinct(std::string& joined, const std::string& value) {
  if (value.empty()) return;
  const std::string wrapped = "; " + joined + "; ";
  if (wrapped.find("; " + value + "; ") != std::string::npos) return;
  joined += joined.empty() ? value : "; " + value;
}

// One (runtime, target, profile, case): where it sits in the merged results, and every
// attempt seen so far with the file it came from.
struct CaseAttempts {
  size_t index;
  std::map<int, std::pair<AttemptResult, std::string>> by_attempt;
};

}  // namespace

void AddMissingRun(runner::ResultsDocument& document, const runner::MissingRun& run) {
  auto& missing = document.missing_runs;
  if (std::find(missing.begin(), missing.end(), run) == missing.end()) missing.push_back(run);
}

MergedResults MergeResults(const std::vector<ResultsSource>& sources) {
  MergedResults merged;
  using Key = std::tuple<std::string, std::string, std::string, std::string>;
  std::map<Key, CaseAttempts> seen;
  for (const ResultsSource& source : sources) {
    AddDistinct(merged.document.suite_version, source.document.suite_version);
    AddDistinct(merged.document.host, source.document.host);
    for (const runner::MissingRun& m : source.document.missing_runs) AddMissingRun(merged.document, m);
    for (const CaseResult& r : source.document.results) {
      Key key{r.runtime, r.target, r.profile, r.case_name};
      auto [it, is_new] = seen.try_emplace(key, CaseAttempts{merged.document.results.size(), {}});
      if (is_new) merged.document.results.push_back(r);
      // A merged report read back holds several attempts in one result.
      std::vector<AttemptResult> attempts = r.earlier_attempts;
      attempts.push_back({r.attempt, r.verdict, r.detail, r.metrics, r.seconds});
      for (const AttemptResult& a : attempts) {
        auto [slot, first_time] = it->second.by_attempt.try_emplace(a.attempt, a, source.name);
        if (first_time) continue;
        merged.warnings.push_back(r.runtime + " " + r.target + " " + r.profile + " " + r.case_name +
                                  (a.attempt > 1 ? " attempt " + std::to_string(a.attempt) : "") +
                                  ": in " + slot->second.second + " and " + source.name + "; keeping " +
                                  source.name);
        slot->second = {a, source.name};
      }
    }
  }
  for (const auto& [key, attempts] : seen) {
    CaseResult& r = merged.document.results[attempts.index];
    r.earlier_attempts.clear();
    for (const auto& [number, attempt] : attempts.by_attempt) r.earlier_attempts.push_back(attempt.first);
    const AttemptResult final_attempt = r.earlier_attempts.back();
    r.earlier_attempts.pop_back();
    r.attempt = final_attempt.attempt;
    r.verdict = final_attempt.verdict;
    r.detail = final_attempt.detail;
    r.metrics = final_attempt.metrics;
    r.seconds = final_attempt.seconds;
  }
  return merged;
}

}  // namespace xcall::report
