// Orderings shared by the Markdown and HTML reports, so both list things the same way.
#ifndef XCALL_CONFORMANCE_REPORT_REPORT_SECTIONS_H_
#define XCALL_CONFORMANCE_REPORT_REPORT_SECTIONS_H_

#include <string>
#include <vector>

#include "conformance/runner/case_result.h"
#include "conformance/runner/results_file.h"

namespace xcall::report {

// Missing runs sorted by runtime, target, profile (and, for one run, in the order given).
std::vector<runner::MissingRun> SortedMissingRuns(const std::vector<runner::MissingRun>& missing_runs);

// "xrt windows_x86_64 [default]", as a case is named but without the case.
std::string RunTitle(const runner::MissingRun& run);

// What one run's drivers were linked with (CaseResult::linked_runtime), kNotChecked when its
// plan had no identity driver; its cases' distinct values joined with " / " if they differ (a
// merge of attempts built differently).
inline constexpr char kNotChecked[] = "not checked (the plan has no identity driver)";
struct LinkedRuntime {
  std::string runtime, target, profile;
  std::string linked_runtime;
};
// One per run (runtime, target, profile), sorted.
std::vector<LinkedRuntime> LinkedRuntimes(const std::vector<runner::CaseResult>& results);

// Non-pass results sorted by runtime, target, profile, case.
std::vector<runner::CaseResult> NonPassResults(const std::vector<runner::CaseResult>& results);

// Flaky results (attempt_history.h), sorted the same way.
std::vector<runner::CaseResult> FlakyResults(const std::vector<runner::CaseResult>& results);

// How many results ran in more than one attempt.
int RetriedCount(const std::vector<runner::CaseResult>& results);

// Distinct (runtime, target) columns and (case, profile) rows of the per-case table, sorted.
std::vector<std::pair<std::string, std::string>> RuntimeTargets(const std::vector<runner::CaseResult>& results);
std::vector<std::pair<std::string, std::string>> CaseProfiles(const std::vector<runner::CaseResult>& results);

// The result for one cell of the per-case table, or nullptr (not run there).
const runner::CaseResult* FindResult(const std::vector<runner::CaseResult>& results,
                                     const std::pair<std::string, std::string>& runtime_target,
                                     const std::pair<std::string, std::string>& case_profile);

}  // namespace xcall::report

#endif  // XCALL_CONFORMANCE_REPORT_REPORT_SECTIONS_H_
