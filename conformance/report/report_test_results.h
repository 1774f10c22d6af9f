// A small certification run shared by the report tests: two runtimes, three targets,
// two profiles, every verdict kind and some ns-per-callback figures; the same with runs that
// left no results; and a retried run.
#ifndef XCALL_CONFORMANCE_REPORT_REPORT_TEST_RESULTS_H_
#define XCALL_CONFORMANCE_REPORT_REPORT_TEST_RESULTS_H_

#include <string>
#include <vector>

#include "conformance/runner/results_file.h"

namespace xcall::report {

inline runner::CaseResult TestResult(std::string runtime, std::string target, std::string profile,
                                     std::string name, runner::Verdict verdict,
                                     std::string detail = "", double ns_per_call = -1) {
  runner::CaseResult r;
  r.runtime = std::move(runtime);
  r.target = std::move(target);
  r.profile = std::move(profile);
  r.case_name = std::move(name);
  r.verdict = verdict;
  r.detail = std::move(detail);
  if (ns_per_call >= 0) r.metrics["ns_per_call"] = ns_per_call;
  r.seconds = 0.5;
  return r;
}

inline runner::ResultsDocument TestCertification() {
  using runner::Verdict;
  runner::ResultsDocument doc{"0.1.0", "test host", {}};
  auto& r = doc.results;
  // xrt: passes everywhere.
  for (const char* target : {"linux_x86_64", "linux_aarch64", "windows_x86_64"}) {
    r.push_back(TestResult("xrt0.1", target, "default", "deep_stack_nested", Verdict::kPass));
    r.push_back(TestResult("xrt0.1", target, "default", "main_thread_calls", Verdict::kPass, "", 120));
    r.push_back(TestResult("xrt0.1", target, "default", "c_thread_calls", Verdict::kPass, "", 100));
  }
  // go1.19.8 on linux_x86_64, two profiles, with findings of every kind.
  r.push_back(TestResult("go1.19.8", "linux_x86_64", "default", "deep_stack_nested", Verdict::kCrash,
                         "SIGTRAP: fatal: morestack on g0\nruntime: <tail> & more"));
  r.push_back(TestResult("go1.19.8", "linux_x86_64", "default", "main_thread_calls", Verdict::kPass, "", 40231.2));
  r.push_back(TestResult("go1.19.8", "linux_x86_64", "default", "c_thread_calls", Verdict::kPass, "", 310.5));
  r.push_back(TestResult("go1.19.8", "linux_x86_64", "default", "main_thread_cost_ratio", Verdict::kFail,
                         "main-thread callbacks cost 129.6x C-thread ones"));
  r.push_back(TestResult("go1.19.8", "linux_x86_64", "no_getattr_np", "main_thread_calls", Verdict::kPass, "", 350));
  r.push_back(TestResult("go1.19.8", "linux_x86_64", "no_getattr_np", "early_call", Verdict::kTimeout,
                         "no exit within 60 s; process group killed"));
  r.push_back(TestResult("go1.19.8", "linux_x86_64", "no_getattr_np", "switched_stack", Verdict::kSkip,
                         "switched_stack unsupported: reason"));
  return doc;
}

// TestCertification, and ci/certify found two runs without results: xrt's no_getattr_np run
// on linux_x86_64 (its default run passed), and gccgo12's only run on linux_aarch64.
inline runner::ResultsDocument TestCertificationWithMissingRuns() {
  runner::ResultsDocument doc = TestCertification();
  doc.missing_runs = {
      {"xrt0.1", "linux_x86_64", "no_getattr_np",
       "no results file: build failure or the runner stopped before its first case; see "
       "bazel-testlogs/conformance/xrt0.1__linux_x86_64__no_getattr_np/test.log"},
      {"gccgo12", "linux_aarch64", "default",
       "attempt 1 left an empty results file: killed before it finished; see "
       "bazel-testlogs/conformance/gccgo12__linux_aarch64__default/test.log"}};
  return doc;
}

// xrt on windows_x86_64 as a retried flaky test leaves it: one results file per attempt.
// early_call hung in attempt 1 and passed in attempt 2; syscall_migration passed, then failed;
// switched_stack crashed both times; main_thread_calls passed both times.
inline std::vector<runner::ResultsDocument> TestRetriedRun() {
  using runner::Verdict;
  auto at = [](runner::CaseResult r, int attempt) {
    r.attempt = attempt;
    return r;
  };
  const std::string crash = "STATUS_ACCESS_VIOLATION (0xC0000005): wine: Unhandled page fault";
  runner::ResultsDocument first{"0.1.0", "test host", {}}, second{"0.1.0", "test host", {}};
  first.results = {
      at(TestResult("xrt0.1", "windows_x86_64", "default", "early_call", Verdict::kTimeout,
                    "no exit within 60 s; process group killed: waiting for the callback\nstarted\n"
                    "waiting for the callback"), 1),
      at(TestResult("xrt0.1", "windows_x86_64", "default", "main_thread_calls", Verdict::kPass, "", 130), 1),
      at(TestResult("xrt0.1", "windows_x86_64", "default", "switched_stack", Verdict::kCrash, crash), 1),
      at(TestResult("xrt0.1", "windows_x86_64", "default", "syscall_migration", Verdict::kPass), 1)};
  second.results = {
      at(TestResult("xrt0.1", "windows_x86_64", "default", "early_call", Verdict::kPass), 2),
      at(TestResult("xrt0.1", "windows_x86_64", "default", "main_thread_calls", Verdict::kPass, "", 120), 2),
      at(TestResult("xrt0.1", "windows_x86_64", "default", "switched_stack", Verdict::kCrash, crash), 2),
      at(TestResult("xrt0.1", "windows_x86_64", "default", "syscall_migration", Verdict::kFail,
                    "exit status 2: fatal error: unexpected signal during runtime execution"), 2)};
  return {first, second};
}

}  // namespace xcall::report

#endif  // XCALL_CONFORMANCE_REPORT_REPORT_TEST_RESULTS_H_
