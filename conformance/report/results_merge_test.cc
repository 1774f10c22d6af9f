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

TEST(ResultsMergeTest, MissingRunsAreKeptInOrderEachDistinctOneOnce) {
  runner::MissingRun windows{"xrt0.1", "windows_x86_64", "default", "no results file"};
  runner::MissingRun aarch64{"go1.19.8", "linux_aarch64", "default", "attempt 1 left an empty results file"};
  runner::MissingRun windows_later = windows;
  windows_later.reason = "attempt 2 left an empty results file";
  runner::ResultsDocument report{"v", "h", {}, {windows, aarch64}};
  runner::ResultsDocument again{"v", "h", {}, {aarch64, windows_later}};
  MergedResults m = MergeResults({{"report.json", report}, {"again.json", again}});
  EXPECT_THAT(m.document.missing_runs, testing::ElementsAre(windows, aarch64, windows_later));
  EXPECT_TRUE(m.warnings.empty());
  AddMissingRun(m.document, windows);
  EXPECT_EQ(m.document.missing_runs.size(), 3u);
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

TEST(ResultsMergeTest, AttemptsOfOneTestBecomeOneResultOldestFirstWhateverTheInputOrder) {
  std::vector<runner::ResultsDocument> attempts = TestRetriedRun();
  MergedResults m = MergeResults({{"attempt-2.json", attempts[1]}, {"attempt-1.json", attempts[0]}});
  EXPECT_THAT(m.warnings, testing::IsEmpty());
  ASSERT_EQ(m.document.results.size(), 4u);
  const runner::CaseResult& early_call = m.document.results[0];
  EXPECT_EQ(early_call.case_name, "early_call");
  EXPECT_EQ(early_call.verdict, Verdict::kPass);  // the final attempt's
  EXPECT_EQ(early_call.attempt, 2);
  ASSERT_EQ(early_call.earlier_attempts.size(), 1u);
  EXPECT_EQ(early_call.earlier_attempts[0].attempt, 1);
  EXPECT_EQ(early_call.earlier_attempts[0].verdict, Verdict::kTimeout);
  EXPECT_EQ(early_call.earlier_attempts[0].detail.substr(0, 30), "no exit within 60 s; process g");
  const runner::CaseResult& calls = m.document.results[1];
  EXPECT_EQ(calls.metrics.at("ns_per_call"), 120);
  EXPECT_EQ(calls.earlier_attempts.at(0).metrics.at("ns_per_call"), 130);
}

TEST(ResultsMergeTest, ThreeAttemptsInAnyOrder) {
  auto attempt = [](int n, Verdict v) {
    runner::CaseResult r = TestResult("go1.21.13", "windows_x86_64", "default", "early_call", v);
    r.attempt = n;
    return ResultsSource{"a" + std::to_string(n) + ".json", {"v", "h", {r}}};
  };
  MergedResults m = MergeResults({attempt(3, Verdict::kPass), attempt(1, Verdict::kTimeout), attempt(2, Verdict::kCrash)});
  ASSERT_EQ(m.document.results.size(), 1u);
  const runner::CaseResult& r = m.document.results[0];
  EXPECT_EQ(r.attempt, 3);
  EXPECT_EQ(r.verdict, Verdict::kPass);
  ASSERT_EQ(r.earlier_attempts.size(), 2u);
  EXPECT_EQ(r.earlier_attempts[0].verdict, Verdict::kTimeout);
  EXPECT_EQ(r.earlier_attempts[1].verdict, Verdict::kCrash);

  // A report read back keeps them, and a later attempt extends it.
  MergedResults again = MergeResults({{"report.json", m.document}, attempt(4, Verdict::kFail)});
  ASSERT_EQ(again.document.results.size(), 1u);
  EXPECT_EQ(again.document.results[0].verdict, Verdict::kFail);
  EXPECT_EQ(again.document.results[0].earlier_attempts.size(), 3u);
  EXPECT_TRUE(again.warnings.empty());
}

TEST(ResultsMergeTest, TheSameAttemptTwiceIsADuplicateNotARetry) {
  std::vector<runner::ResultsDocument> attempts = TestRetriedRun();
  MergedResults m = MergeResults({{"a.json", attempts[0]}, {"b.json", attempts[1]}, {"c.json", attempts[1]}});
  ASSERT_EQ(m.warnings.size(), 4u);
  EXPECT_EQ(m.warnings[0], "xrt0.1 windows_x86_64 default early_call attempt 2: in b.json and c.json; keeping c.json");
  EXPECT_EQ(m.document.results[0].earlier_attempts.size(), 1u);
}

}  // namespace
}  // namespace xcall::report
