// report.html: one self-contained page (inline CSS and SVG, no script) that a runtime's
// authors can open or attach: the matrix as a coloured table, the runs that left no results,
// every case's verdict per runtime and target (flaky cells marked, a missing run's cells say
// so), the ns-per-callback chart, every case whose verdict changed between attempts, and each
// non-pass verdict with its detail.
#ifndef XCALL_CONFORMANCE_REPORT_HTML_REPORT_H_
#define XCALL_CONFORMANCE_REPORT_HTML_REPORT_H_

#include <string>

#include "conformance/runner/results_file.h"

namespace xcall::report {

std::string HtmlReport(const runner::ResultsDocument& document);

}  // namespace xcall::report

#endif  // XCALL_CONFORMANCE_REPORT_HTML_REPORT_H_
