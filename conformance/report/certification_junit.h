// junit.xml of the certification: every verdict other than pass is reported, so that a CI
// dashboard shows each runtime's findings. (The runner's own JUnit reports expectation
// changes instead; here nothing is compared.) pass -> passed, fail -> failure,
// crash/timeout -> error, skip -> skipped, by the final attempt's verdict; one suite per
// runtime.target.profile. A case run in several attempts lists them all in its text, and a
// flaky one (attempt_history.h) says so in its message. A run that left no results is an
// error of its own, the test case "run_without_results" in the run's suite, since a dashboard
// that only counts test cases would otherwise never see it.
#ifndef XCALL_CONFORMANCE_REPORT_CERTIFICATION_JUNIT_H_
#define XCALL_CONFORMANCE_REPORT_CERTIFICATION_JUNIT_H_

#include <string>

#include "conformance/runner/results_file.h"

namespace xcall::report {

// The test case that stands for a missing run; no conformance case has this name.
inline constexpr char kMissingRunCase[] = "run_without_results";

std::string CertificationJUnit(const runner::ResultsDocument& document);

}  // namespace xcall::report

#endif  // XCALL_CONFORMANCE_REPORT_CERTIFICATION_JUNIT_H_
