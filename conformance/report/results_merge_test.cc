#include "conformance/report/results_merge.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "conformance/report/report_test_results.h"

namespace xcall::report {
namespace {

using runner::Verdict;

TEST(ResultsMergeTest, ConcatenatesAndJoinsDistinctVersionsAndHosts) {
  ResultsSource a{"a.json", {"0.1.0", "host1", {TestResult("xrt0.1", "linux_x86_64", "default", "x", Verdict::kPass)}}};
  ResultsSource b{"b.json", {"0.1.0", "host2", {TestResult("xrt0.1", "linux_aarch64", "default", "x", Verdict::kFail)}}};
  ResultsSource c{"c.json", {"0.2.0", "host1", {}}};
  MergedResults m = MergeResults({a, b, c});
  EXPECT_EQ(m.document.results.size(), 2u);
  EXPECT_EQ(m.document.suite_version, "0.1.0; 0.2.0");
  EXPECT_EQ(m.document.host, "host1; host2");
  EXPECT_TRUE(m.warnings.empty());
}

TEST(ResultsMergeTest, LaterDuplicateWinsWithAWarning) {
  ResultsSource a{"a.json", {"v", "h", {TestResult("xrt0.1", "linux_x86_64", "default", "x", Verdict::kPass)}}};
  ResultsSource b{"b.json", {"v", "h", {TestResult("xrt0.1", "linux_x86_64", "default", "x", Verdict::kCrash)}}};
  MergedResults m = MergeResults({a, b});
  ASSERT_EQ(m.document.results.size(), 1u);
  EXPECT_EQ(m.document.results[0].verdict, Verdict::kCrash);
  EXPECT_THAT(m.warnings, testing::ElementsAre(
                              "xrt0.1 linux_x86_64 default x: in a.json and b.json; keeping b.json"));
}

}  // namespace
}  // namespace xcall::report
