#include "conformance/report/certification_matrix.h"

#include <gtest/gtest.h>

#include "conformance/report/report_test_results.h"
#include "conformance/report/results_merge.h"
#include "conformance/report/text_matrix.h"

namespace xcall::report {
namespace {

TEST(CertificationMatrixTest, OneRowPerRuntimeAndTargetWithCounts) {
  std::vector<MatrixRow> rows = BuildMatrix(TestCertification().results);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].runtime, "go1.19.8");
  EXPECT_EQ(rows[0].target, "linux_x86_64");
  EXPECT_EQ(rows[0].counts.Of(Verdict::kPass), 3);
  EXPECT_EQ(rows[0].counts.Of(Verdict::kFail), 1);
  EXPECT_EQ(rows[0].counts.Of(Verdict::kCrash), 1);
  EXPECT_EQ(rows[0].counts.Of(Verdict::kTimeout), 1);
  EXPECT_EQ(rows[0].counts.Of(Verdict::kSkip), 1);
  EXPECT_EQ(rows[0].counts.Total(), 7);
  for (size_t i = 1; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i].runtime, "xrt0.1");
    EXPECT_EQ(rows[i].counts.Of(Verdict::kPass), 3);
    EXPECT_EQ(rows[i].counts.Total(), 3);
  }
  EXPECT_EQ(rows[1].target, "linux_aarch64");
  EXPECT_EQ(rows[3].target, "windows_x86_64");
}

TEST(CertificationMatrixTest, FlakyCasesAreCountedBesideTheirFinalVerdict) {
  for (const MatrixRow& row : BuildMatrix(TestCertification().results)) EXPECT_EQ(row.flaky, 0) << row.target;
  std::vector<runner::ResultsDocument> attempts = TestRetriedRun();
  std::vector<MatrixRow> rows = BuildMatrix(MergeResults({{"1", attempts[0]}, {"2", attempts[1]}}).document.results);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].counts.Of(Verdict::kPass), 2);  // early_call passed on its final attempt
  EXPECT_EQ(rows[0].counts.Of(Verdict::kFail), 1);
  EXPECT_EQ(rows[0].counts.Of(Verdict::kCrash), 1);
  EXPECT_EQ(rows[0].counts.Of(Verdict::kTimeout), 0);
  EXPECT_EQ(rows[0].flaky, 2);  // early_call and syscall_migration, not switched_stack
  EXPECT_EQ(FormatCosts(rows[0].main_thread), "120.0");  // the final attempt's figure
  EXPECT_NE(TextMatrix(rows).find("xrt0.1   windows_x86_64     2     1      1        0     0      2        0  120.0"),
            std::string::npos)
      << TextMatrix(rows);
}

TEST(CertificationMatrixTest, MissingRunsAreCountedOncePerRunAndKeepTheirRow) {
  runner::ResultsDocument doc = TestCertificationWithMissingRuns();
  std::vector<MatrixRow> rows = BuildMatrix(doc.results, doc.missing_runs);
  ASSERT_EQ(rows.size(), 5u);
  // gccgo12 on linux_aarch64 left nothing but is not dropped.
  EXPECT_EQ(rows[0].runtime, "gccgo12");
  EXPECT_EQ(rows[0].target, "linux_aarch64");
  EXPECT_EQ(rows[0].counts.Total(), 0);
  EXPECT_EQ(rows[0].missing_runs, 1);
  EXPECT_EQ(rows[1].runtime, "go1.19.8");
  EXPECT_EQ(rows[1].missing_runs, 0);
  EXPECT_EQ(rows[3].runtime, "xrt0.1");
  EXPECT_EQ(rows[3].target, "linux_x86_64");
  EXPECT_EQ(rows[3].counts.Of(Verdict::kPass), 3);  // its default run passed ...
  EXPECT_EQ(rows[3].missing_runs, 1);               // ... and its no_getattr_np run is missing
  EXPECT_EQ(rows[4].missing_runs, 0);
  std::string text = TextMatrix(rows);
  EXPECT_NE(text.find("gccgo12   linux_aarch64      0     0      0        0     0      0        1  -"), std::string::npos)
      << text;
  EXPECT_NE(text.find("xrt0.1    linux_x86_64       3     0      0        0     0      0        1  120.0"),
            std::string::npos)
      << text;

  // The same run named twice (a report read back, with another reason) is still one run.
  doc.missing_runs.push_back(doc.missing_runs.back());
  doc.missing_runs.back().reason = "attempt 2 left an empty results file";
  EXPECT_EQ(BuildMatrix(doc.results, doc.missing_runs)[0].missing_runs, 1);
}

TEST(CertificationMatrixTest, CostsPerProfile) {
  std::vector<MatrixRow> rows = BuildMatrix(TestCertification().results);
  EXPECT_EQ(FormatCosts(rows[0].main_thread), "default 40231.2, no_getattr_np 350.0");
  EXPECT_EQ(FormatCosts(rows[0].c_threads), "310.5");
  EXPECT_EQ(FormatCosts(rows[1].main_thread), "120.0");
  EXPECT_EQ(FormatCosts({}), "-");
}

TEST(CertificationMatrixTest, CallbackCostsAreOrderedAndCountEveryMeasurement) {
  std::vector<CallbackCost> costs = CallbackCosts(TestCertification().results);
  ASSERT_EQ(costs.size(), 9u);  // 3 go + 6 xrt
  EXPECT_EQ(costs[0].runtime, "go1.19.8");
  EXPECT_EQ(costs[0].profile, "default");
  EXPECT_TRUE(costs[0].main_thread);
  EXPECT_FALSE(costs[1].main_thread);
  EXPECT_EQ(costs[2].profile, "no_getattr_np");
}

TEST(CertificationMatrixTest, TextMatrixHasHeaderAndOneLinePerRow) {
  std::string text = TextMatrix(BuildMatrix(TestCertification().results));
  EXPECT_EQ(text.substr(0, text.find('\n')),
            "runtime   target          pass  fail  crash  timeout  skip  flaky  missing  main thread ns/call                   C threads ns/call");
  EXPECT_NE(text.find("go1.19.8  linux_x86_64       3     1      1        1     1      0        0  default 40231.2, no_getattr_np 350.0  310.5\n"),
            std::string::npos)
      << text;
  size_t lines = 0;
  for (char c : text) lines += c == '\n';
  EXPECT_EQ(lines, 5u);
}

}  // namespace
}  // namespace xcall::report
