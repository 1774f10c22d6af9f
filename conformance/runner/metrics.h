// Drivers report measurements as lines on stdout:
//   XCALL_METRIC ns_per_call=1245.3 calls=100000
// Each key=value pair becomes one metric of the case. A malformed line is the driver's bug
// and is reported, not ignored, so that a figure never silently goes missing.
#ifndef XCALL_CONFORMANCE_RUNNER_METRICS_H_
#define XCALL_CONFORMANCE_RUNNER_METRICS_H_

#include <map>
#include <string>
#include <vector>

namespace xcall::runner {

inline constexpr char kMetricPrefix[] = "XCALL_METRIC";

struct ParsedMetrics {
  std::map<std::string, double> values;  // a key given twice keeps the last value
  std::vector<std::string> errors;       // "bad metric 'x=abc' in line: ..."
};

ParsedMetrics ParseMetrics(const std::string& stdout_text);

// Letters, digits, '_' and '.': what a key may be, in a metric line or a plan's "metric".
bool ValidMetricKey(const std::string& key);

}  // namespace xcall::runner

#endif  // XCALL_CONFORMANCE_RUNNER_METRICS_H_
