#include "conformance/report/markdown_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "conformance/report/report_test_results.h"
#include "conformance/report/results_merge.h"

namespace xcall::report {
namespace {

using testing::HasSubstr;

TEST(MarkdownReportTest, MatrixRowsCostsAndFindings) {
  std::string md = MarkdownReport(TestCertification());
  EXPECT_THAT(md, HasSubstr("| go1.19.8 | linux_x86_64 | 3 | 1 | 1 | 1 | 1 | 0 | 0 | default 40231.2, no_getattr_np 350.0 | 310.5 |\n"));
  EXPECT_THAT(md, HasSubstr("| xrt0.1 | linux_aarch64 | 3 | 0 | 0 | 0 | 0 | 0 | 0 | 120.0 | 100.0 |\n"));
  EXPECT_THAT(md, HasSubstr("| xrt0.1 | windows_x86_64 | default | C threads | 100.0 |\n"));
  EXPECT_THAT(md, HasSubstr("### crash: go1.19.8 linux_x86_64 [default] deep_stack_nested\n\n~~~~\n"
                            "SIGTRAP: fatal: morestack on g0\nruntime: <tail> & more\n~~~~\n"));
  EXPECT_THAT(md, HasSubstr("### skip: go1.19.8 linux_x86_64 [no_getattr_np] switched_stack"));
  size_t findings = 0;
  for (size_t p = md.find("\n### "); p != std::string::npos; p = md.find("\n### ", p + 1)) ++findings;
  EXPECT_EQ(findings, 4u);
  EXPECT_THAT(md, HasSubstr("\n## Verdicts that changed between attempts\n\nEvery case ran in one attempt.\n"));
  EXPECT_THAT(md, testing::Not(HasSubstr("flaky (")));
}

class MarkdownRetriedRunTest : public testing::Test {
 protected:
  std::string md_ = MarkdownReport(
      MergeResults({{"a1", TestRetriedRun()[0]}, {"a2", TestRetriedRun()[1]}}).document);
};

TEST_F(MarkdownRetriedRunTest, MatrixAndSummaryCountFlakyCases) {
  EXPECT_THAT(md_, HasSubstr("; 4 verdicts; 2 flaky (the verdict changed between attempts).\n"));
  EXPECT_THAT(md_, HasSubstr("| xrt0.1 | windows_x86_64 | 2 | 1 | 1 | 0 | 0 | 2 | 0 | 120.0 | - |\n"));
}

TEST_F(MarkdownRetriedRunTest, AHangHiddenByARetryIsShownWithItsDetail) {
  EXPECT_THAT(md_, HasSubstr("4 case(s) ran in more than one attempt (Bazel retries a test marked flaky); "
                             "2 got different verdicts in different attempts.\n"));
  EXPECT_THAT(md_, HasSubstr("### flaky: xrt0.1 windows_x86_64 [default] early_call: pass on attempt 2\n\n"
                             "- attempt 1: timeout: no exit within 60 s; process group killed: waiting for the callback\n"
                             "- attempt 2: pass\n\n"
                             "Attempt 1:\n\n~~~~\nno exit within 60 s; process group killed: waiting for the callback\n"
                             "started\nwaiting for the callback\n~~~~\n"));
  EXPECT_THAT(md_, HasSubstr("### flaky: xrt0.1 windows_x86_64 [default] syscall_migration: fail on attempt 2\n\n"
                             "- attempt 1: pass\n- attempt 2: fail: exit status 2: fatal error:"));
  EXPECT_THAT(md_, testing::Not(HasSubstr("### flaky: xrt0.1 windows_x86_64 [default] switched_stack")));
  EXPECT_THAT(md_, testing::Not(HasSubstr("### flaky: xrt0.1 windows_x86_64 [default] main_thread_calls")));
}

TEST_F(MarkdownRetriedRunTest, NonPassVerdictsListTheirEarlierAttempts) {
  EXPECT_THAT(md_, HasSubstr("### fail (flaky): xrt0.1 windows_x86_64 [default] syscall_migration\n\n"
                             "Attempt 2; earlier:\n\n- attempt 1: pass\n\n~~~~\nexit status 2: fatal error:"));
  EXPECT_THAT(md_, HasSubstr("### crash: xrt0.1 windows_x86_64 [default] switched_stack\n\n"
                             "Attempt 2; earlier:\n\n- attempt 1: crash: STATUS_ACCESS_VIOLATION (0xC0000005): "
                             "wine: Unhandled page fault\n\n~~~~\n"));
  EXPECT_THAT(md_, testing::Not(HasSubstr("### pass")));
}

TEST(MarkdownReportTest, NoMissingRunSaysSo) {
  std::string md = MarkdownReport(TestCertification());
  EXPECT_THAT(md, HasSubstr("\n## Runs without results\n\nNo run was named as missing"));
  EXPECT_THAT(md, HasSubstr("; 16 verdicts.\n"));
}

TEST(MarkdownReportTest, MissingRunsAreInTheSummaryTheMatrixAndTheirOwnSection) {
  std::string md = MarkdownReport(TestCertificationWithMissingRuns());
  EXPECT_THAT(md, HasSubstr("; 16 verdicts; **2 run(s) without results**.\n"));
  EXPECT_THAT(md, HasSubstr("| gccgo12 | linux_aarch64 | 0 | 0 | 0 | 0 | 0 | 0 | **1** | - | - |\n"));
  EXPECT_THAT(md, HasSubstr("| xrt0.1 | linux_x86_64 | 3 | 0 | 0 | 0 | 0 | 0 | **1** | 120.0 | 100.0 |\n"));
  EXPECT_THAT(md, HasSubstr("| xrt0.1 | windows_x86_64 | 3 | 0 | 0 | 0 | 0 | 0 | 0 | 120.0 | 100.0 |\n"));
  EXPECT_THAT(md, HasSubstr(
      "\n## Runs without results\n\n2 run(s) left no results, or lost an attempt's: what their cases would have "
      "given there is unknown.\n\n| runtime | target | profile | reason |\n|---|---|---|---|\n"
      "| gccgo12 | linux_aarch64 | default | attempt 1 left an empty results file: killed before it finished; see "
      "bazel-testlogs/conformance/gccgo12__linux_aarch64__default/test.log |\n"
      "| xrt0.1 | linux_x86_64 | no_getattr_np | no results file: build failure or the runner stopped before its "
      "first case; see bazel-testlogs/conformance/xrt0.1__linux_x86_64__no_getattr_np/test.log |\n"));
  // Right after the matrix, before anything about the runs that did report.
  EXPECT_LT(md.find("## Runs without results"), md.find("## ns per callback"));
  EXPECT_GT(md.find("## Runs without results"), md.find("## Matrix"));
}

TEST(MarkdownReportTest, EachRunSaysWhatItsDriversWereLinkedWith) {
  runner::ResultsDocument doc = TestCertification();
  for (runner::CaseResult& r : doc.results) {
    if (r.runtime == "go1.19.8" && r.profile == "default") r.linked_runtime = "go1.19.8";
    if (r.runtime == "go1.19.8" && r.profile == "no_getattr_np") {
      r.linked_runtime = "unconfirmed: d gave crash: SIGSEGV";
    }
  }
  std::string md = MarkdownReport(doc);
  EXPECT_THAT(md, HasSubstr(
      "\n## Runtimes the drivers were linked with\n\n"
      "| runtime | target | profile | linked with (xc_runtime_name) |\n|---|---|---|---|\n"
      "| go1.19.8 | linux_x86_64 | default | go1.19.8 |\n"
      "| go1.19.8 | linux_x86_64 | no_getattr_np | unconfirmed: d gave crash: SIGSEGV |\n"
      "| xrt0.1 | linux_aarch64 | default | not checked (the plan has no identity driver) |\n"));
  EXPECT_GT(md.find("## Runtimes the drivers were linked with"), md.find("## Runs without results"));

  // Cases of one run that disagree (attempts built differently, merged) show every value.
  doc.results.front().linked_runtime = "go1.19.9";
  ASSERT_EQ(doc.results.front().runtime, "xrt0.1");
  EXPECT_THAT(MarkdownReport(doc),
              HasSubstr("| xrt0.1 | linux_x86_64 | default | go1.19.9 / not checked (the plan has no "
                        "identity driver) |\n"));
}

TEST(MarkdownReportTest, PipesInCellsAreEscaped) {
  runner::ResultsDocument doc{"v", "h", {TestResult("a|b", "t", "p", "c", runner::Verdict::kPass)}};
  EXPECT_THAT(MarkdownReport(doc), HasSubstr("| a\\|b | t |"));
  doc.missing_runs = {{"a", "t", "p", "killed | see\nlog"}};
  EXPECT_THAT(MarkdownReport(doc), HasSubstr("| a | t | p | killed \\| see log |\n"));
}

}  // namespace
}  // namespace xcall::report
