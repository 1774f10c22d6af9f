// report.md: the same content as report.html for places that render Markdown (a pull
// request, a wiki): the matrix, the runs that left no results, the ns-per-callback figures,
// every case whose verdict changed between attempts, and each non-pass verdict.
#ifndef XCALL_CONFORMANCE_REPORT_MARKDOWN_REPORT_H_
#define XCALL_CONFORMANCE_REPORT_MARKDOWN_REPORT_H_

#include <string>

#include "conformance/runner/results_file.h"

namespace xcall::report {

std::string MarkdownReport(const runner::ResultsDocument& document);

}  // namespace xcall::report

#endif  // XCALL_CONFORMANCE_REPORT_MARKDOWN_REPORT_H_
