// The certification matrix: for each runtime x target, how many cases got each verdict
// (over all profiles; the final attempt's verdict when a flaky test was retried), how many of
// them were flaky (their verdict changed between attempts), how many of its runs (profiles)
// left no results at all, and the ns per callback measured on the main thread and on C threads.
//
// The figures come only from this run's results (main_thread_calls / c_thread_calls and
// their ns_per_call metric); nothing here is a stored or expected number.
#ifndef XCALL_CONFORMANCE_REPORT_CERTIFICATION_MATRIX_H_
#define XCALL_CONFORMANCE_REPORT_CERTIFICATION_MATRIX_H_

#include <array>
#include <string>
#include <vector>

#include "conformance/runner/case_result.h"
#include "conformance/runner/results_file.h"

namespace xcall::report {

using runner::CaseResult;
using runner::Verdict;

inline constexpr std::array<Verdict, 5> kAllVerdicts = {
    Verdict::kPass, Verdict::kFail, Verdict::kCrash, Verdict::kTimeout, Verdict::kSkip};

struct VerdictCounts {
  std::array<int, 5> by_verdict{};  // indexed like kAllVerdicts
  int Of(Verdict v) const;
  int Total() const;
};

// One ns-per-callback figure.
struct CallbackCost {
  std::string runtime;
  std::string target;
  std::string profile;
  bool main_thread;  // false: threads created by C
  double ns_per_call;
};

struct MatrixRow {
  std::string runtime;
  std::string target;
  VerdictCounts counts;
  int flaky = 0;  // cases also counted under their final verdict, see attempt_history.h
  // Profiles of this runtime and target named as missing runs: their cases are in no count,
  // so a row of passes with missing runs is not a clean row.
  int missing_runs = 0;
  std::vector<CallbackCost> main_thread;  // one per profile that measured it
  std::vector<CallbackCost> c_threads;
};

// Rows sorted by runtime, then target; a runtime and target whose every run is missing still
// has a row.
std::vector<MatrixRow> BuildMatrix(const std::vector<CaseResult>& results,
                                   const std::vector<runner::MissingRun>& missing_runs = {});

// Every ns-per-callback figure in the results, in the order of BuildMatrix's rows
// (runtime, target), then profile, main thread before C threads.
std::vector<CallbackCost> CallbackCosts(const std::vector<CaseResult>& results);

// "1245.3" for one figure, "default 1245.3, no_getattr_np 40231.2" for several; "-" for none.
std::string FormatCosts(const std::vector<CallbackCost>& costs);

}  // namespace xcall::report

#endif  // XCALL_CONFORMANCE_REPORT_CERTIFICATION_MATRIX_H_
