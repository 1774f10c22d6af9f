#include "conformance/report/markdown_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "conformance/report/report_test_results.h"

namespace xcall::report {
namespace {

using testing::HasSubstr;

TEST(MarkdownReportTest, MatrixRowsCostsAndFindings) {
  std::string md = MarkdownReport(TestCertification());
  EXPECT_THAT(md, HasSubstr("| go1.19.8 | linux_x86_64 | 3 | 1 | 1 | 1 | 1 | default 40231.2, no_getattr_np 350.0 | 310.5 |\n"));
  EXPECT_THAT(md, HasSubstr("| xrt0.1 | linux_aarch64 | 3 | 0 | 0 | 0 | 0 | 120.0 | 100.0 |\n"));
  EXPECT_THAT(md, HasSubstr("| xrt0.1 | windows_x86_64 | default | C threads | 100.0 |\n"));
  EXPECT_THAT(md, HasSubstr("### crash: go1.19.8 linux_x86_64 [default] deep_stack_nested\n\n~~~~\n"
                            "SIGTRAP: fatal: morestack on g0\nruntime: <tail> & more\n~~~~\n"));
  EXPECT_THAT(md, HasSubstr("### skip: go1.19.8 linux_x86_64 [no_getattr_np] switched_stack"));
  size_t findings = 0;
  for (size_t p = md.find("\n### "); p != std::string::npos; p = md.find("\n### ", p + 1)) ++findings;
  EXPECT_EQ(findings, 4u);
}

TEST(MarkdownReportTest, PipesInCellsAreEscaped) {
  runner::ResultsDocument doc{"v", "h", {TestResult("a|b", "t", "p", "c", runner::Verdict::kPass)}};
  EXPECT_THAT(MarkdownReport(doc), HasSubstr("| a\\|b | t |"));
}

}  // namespace
}  // namespace xcall::report
