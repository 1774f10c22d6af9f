// Merges the results files of many runner invocations (one per runtime x target x profile)
// into the one document the report describes.
#ifndef XCALL_CONFORMANCE_REPORT_RESULTS_MERGE_H_
#define XCALL_CONFORMANCE_REPORT_RESULTS_MERGE_H_

#include <string>
#include <vector>

#include "conformance/runner/results_file.h"

namespace xcall::report {

struct MergedResults {
  runner::ResultsDocument document;
  // "go1.19.8 linux_x86_64 default deep_stack_nested: in a.json and b.json; keeping b.json"
  // (" attempt 2" after the case name when the duplicate is a later attempt)
  std::vector<std::string> warnings;
};

struct ResultsSource {
  std::string name;  // the file it came from, for messages
  runner::ResultsDocument document;
};

// Results in input order of first appearance; suite_version and host list each distinct
// value once, joined by "; ". A (runtime, target, profile, case) seen in several inputs with
// different attempt numbers (the retries of a flaky test) is one result: its final attempt
// gives the verdict, detail, metrics and seconds, and the others are kept in
// earlier_attempts, oldest first, whatever the input order. The same attempt seen twice is a
// duplicate input, not a retry: the later one is kept, with a warning. Missing runs (a merged
// report read back) are kept in input order, each distinct one once.
MergedResults MergeResults(const std::vector<ResultsSource>& sources);

// Adds run to document.missing_runs unless the same run with the same reason is there already
// (a report read back and ci/certify may both name it).
void AddMissingRun(runner::ResultsDocument& document, const runner::MissingRun& run);

}  // namespace xcall::report

#endif  // XCALL_CONFORMANCE_REPORT_RESULTS_MERGE_H_
