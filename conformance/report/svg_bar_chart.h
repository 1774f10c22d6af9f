// The ns-per-callback chart, drawn as inline SVG so report.html needs no script, no
// network and no library: one horizontal bar per measurement, grouped by runtime and
// target, main thread and C threads in two colours, each bar labelled with its figure.
#ifndef XCALL_CONFORMANCE_REPORT_SVG_BAR_CHART_H_
#define XCALL_CONFORMANCE_REPORT_SVG_BAR_CHART_H_

#include <string>
#include <vector>

#include "conformance/report/certification_matrix.h"

namespace xcall::report {

// Every bar is a <rect class="bar main-thread|c-threads" data-runtime data-target
// data-profile data-ns> so that tests and readers can find them. With no measurements the
// chart says so instead of drawing an empty axis.
std::string CallbackCostChart(const std::vector<CallbackCost>& costs);

}  // namespace xcall::report

#endif  // XCALL_CONFORMANCE_REPORT_SVG_BAR_CHART_H_
