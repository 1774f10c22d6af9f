#include "conformance/report/report_sections.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "conformance/report/attempt_history.h"

namespace xcall::report {

using runner::CaseResult;

namespace {

template <typename Predicate>
std::vector<CaseResult> SortedWhere(const std::vector<CaseResult>& results, Predicate keep) {
  std::vector<CaseResult> out;
  for (const CaseResult& r : results) {
    if (keep(r)) out.push_back(r);
  }
  std::stable_sort(out.begin(), out.end(), [](const CaseResult& a, const CaseResult& b) {
    return std::tie(a.runtime, a.target, a.profile, a.case_name) <
           std::tie(b.runtime, b.target, b.profile, b.case_name);
  });
  return out;
}

}  // namespace

std::vector<runner::MissingRun> SortedMissingRuns(const std::vector<runner::MissingRun>& missing_runs) {
  std::vector<runner::MissingRun> out = missing_runs;
  std::stable_sort(out.begin(), out.end(), [](const runner::MissingRun& a, const runner::MissingRun& b) {
    return std::tie(a.runtime, a.target, a.profile) < std::tie(b.runtime, b.target, b.profile);
  });
  return out;
}

std::string RunTitle(const runner::MissingRun& run) { return run.runtime + " " + run.target + " [" + run.profile + "]"; }

std::vector<CaseResult> NonPassResults(const std::vector<CaseResult>& results) {
  return SortedWhere(results, [](const CaseResult& r) { return r.verdict != runner::Verdict::kPass; });
}

std::vector<CaseResult> FlakyResults(const std::vector<CaseResult>& results) {
  return SortedWhere(results, [](const CaseResult& r) { return IsFlaky(r); });
}

int RetriedCount(const std::vector<CaseResult>& results) {
  int retried = 0;
  for (const CaseResult& r : results) retried += !r.earlier_attempts.empty();
  return retried;
}

std::vector<LinkedRuntime> LinkedRuntimes(const std::vector<CaseResult>& results) {
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<std::string>> runs;
  for (const CaseResult& r : results) {
    std::vector<std::string>& seen = runs[{r.runtime, r.target, r.profile}];
    if (std::find(seen.begin(), seen.end(), r.linked_runtime) == seen.end()) {
      seen.push_back(r.linked_runtime);
    }
  }
  std::vector<LinkedRuntime> linked;
  for (const auto& [run, names] : runs) {
    std::string joined;
    for (const std::string& name : names) {
      joined += (joined.empty() ? "" : " / ") + (name.empty() ? std::string(kNotChecked) : name);
    }
    linked.push_back({std::get<0>(run), std::get<1>(run), std::get<2>(run), joined});
  }
  return linked;
}

std::vector<std::pair<std::string, std::string>> RuntimeTargets(const std::vector<CaseResult>& results) {
  std::set<std::pair<std::string, std::string>> keys;
  for (const CaseResult& r : results) keys.insert({r.runtime, r.target});
  return {keys.begin(), keys.end()};
}

std::vector<std::pair<std::string, std::string>> CaseProfiles(const std::vector<CaseResult>& results) {
  std::set<std::pair<std::string, std::string>> keys;
  for (const CaseResult& r : results) keys.insert({r.case_name, r.profile});
  return {keys.begin(), keys.end()};
}

const CaseResult* FindResult(const std::vector<CaseResult>& results,
                             const std::pair<std::string, std::string>& runtime_target,
                             const std::pair<std::string, std::string>& case_profile) {
  for (const CaseResult& r : results) {
    if (r.runtime == runtime_target.first && r.target == runtime_target.second &&
        r.case_name == case_profile.first && r.profile == case_profile.second) {
      return &r;
    }
  }
  return nullptr;
}

}  // namespace xcall::report
