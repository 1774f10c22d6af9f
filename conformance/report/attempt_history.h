// What the report says about a case that Bazel ran in more than one attempt (a test marked
// flaky is retried up to 3 times; conformance/runner/results_attempt.h). The final attempt
// gives the verdict, but the earlier ones are evidence too: a hang that a retry hid is still
// a finding, and a case whose verdict changed between attempts is flaky, not a plain pass.
#ifndef XCALL_CONFORMANCE_REPORT_ATTEMPT_HISTORY_H_
#define XCALL_CONFORMANCE_REPORT_ATTEMPT_HISTORY_H_

#include <string>
#include <vector>

#include "conformance/runner/case_result.h"

namespace xcall::report {

// Every attempt, oldest first, the final one (the result's own fields) last.
std::vector<runner::AttemptResult> AllAttempts(const runner::CaseResult& result);

// Not every attempt got the same verdict.
bool IsFlaky(const runner::CaseResult& result);

// Passed on the final attempt after some attempt that did not pass.
bool PassedOnlyOnRetry(const runner::CaseResult& result);

// "attempt 1: timeout: no exit within 60 s; process group killed": the attempt's verdict and
// the first line of its detail.
std::string AttemptLine(const runner::AttemptResult& attempt);

// AttemptLine of each attempt, joined by "; ".
std::string AttemptsLine(const std::vector<runner::AttemptResult>& attempts);

}  // namespace xcall::report

#endif  // XCALL_CONFORMANCE_REPORT_ATTEMPT_HISTORY_H_
