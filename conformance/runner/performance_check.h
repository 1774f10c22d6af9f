// Performance conformance that holds on any machine: a callback on the program's main
// thread must not cost much more than one on a thread C created, measured in the same run.
//
// Why: the main thread's system stack is where a runtime is tempted to ask the OS for the
// bounds on every callback (glibc reads /proc/self/maps for it), which made every main-thread
// callback tens of microseconds slow (semantics.md, section 2). Comparing against the same
// runtime's C-thread figure, rather than against a number of nanoseconds, makes the check
// independent of the machine and of emulation overhead.
#ifndef XCALL_CONFORMANCE_RUNNER_PERFORMANCE_CHECK_H_
#define XCALL_CONFORMANCE_RUNNER_PERFORMANCE_CHECK_H_

#include <optional>
#include <vector>

#include "conformance/runner/case_result.h"

namespace xcall::runner {

inline constexpr char kMainThreadCostRatioCase[] = "main_thread_cost_ratio";
inline constexpr char kMainThreadCallsCase[] = "main_thread_calls";
inline constexpr char kCThreadCallsCase[] = "c_thread_calls";
inline constexpr char kNsPerCallMetric[] = "ns_per_call";
inline constexpr double kMaxMainThreadCostRatio = 4.0;

// The derived case, when both main_thread_calls and c_thread_calls are among `results`
// (same runtime, target and profile): skip when either was skipped (with its reason); fail
// when either did not pass (naming it and its verdict: a figure printed before a crash is not
// a measurement) or printed no ns_per_call; otherwise pass when main-thread ns_per_call is at
// most 4x the C-thread one, fail when it is more.
std::optional<CaseResult> DeriveMainThreadCostRatio(const std::vector<CaseResult>& results);

}  // namespace xcall::runner

#endif  // XCALL_CONFORMANCE_RUNNER_PERFORMANCE_CHECK_H_
