#include "conformance/runner/performance_check.h"

#include <gtest/gtest.h>

namespace xcall::runner {
namespace {

CaseResult Timing(const std::string& name, double ns, Verdict verdict = Verdict::kPass) {
  CaseResult r;
  r.runtime = "gccgo12";
  r.target = "linux_aarch64";
  r.profile = "default";
  r.case_name = name;
  r.verdict = verdict;
  if (ns >= 0) r.metrics["ns_per_call"] = ns;
  return r;
}

TEST(PerformanceCheckTest, NothingDerivedWithoutBothCases) {
  EXPECT_FALSE(DeriveMainThreadCostRatio({Timing("main_thread_calls", 100)}).has_value());
  EXPECT_FALSE(DeriveMainThreadCostRatio({Timing("c_thread_calls", 100)}).has_value());
}

TEST(PerformanceCheckTest, PassesAtFourTimes) {
  auto r = DeriveMainThreadCostRatio({Timing("main_thread_calls", 400), Timing("c_thread_calls", 100)});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->case_name, "main_thread_cost_ratio");
  EXPECT_EQ(r->runtime, "gccgo12");
  EXPECT_EQ(r->target, "linux_aarch64");
  EXPECT_EQ(r->verdict, Verdict::kPass);
  EXPECT_EQ(r->detail, "main thread 400.0 ns/call, C thread 100.0 ns/call (limit 4x)");
  EXPECT_DOUBLE_EQ(r->metrics.at("ratio"), 4.0);
}

TEST(PerformanceCheckTest, FailsAboveFourTimesShowingBothFigures) {
  auto r = DeriveMainThreadCostRatio(
      {Timing("c_thread_calls", 310.5), Timing("main_thread_calls", 40231.2)});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->verdict, Verdict::kFail);
  EXPECT_EQ(r->detail,
            "main-thread callbacks cost 129.6x C-thread ones: main thread 40231.2 ns/call, "
            "C thread 310.5 ns/call (limit 4x)");
  EXPECT_DOUBLE_EQ(r->metrics.at("main_thread_ns_per_call"), 40231.2);
  EXPECT_DOUBLE_EQ(r->metrics.at("c_thread_ns_per_call"), 310.5);
}

TEST(PerformanceCheckTest, MissingFigureFails) {
  auto r = DeriveMainThreadCostRatio(
      {Timing("main_thread_calls", -1, Verdict::kCrash), Timing("c_thread_calls", 100)});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->verdict, Verdict::kFail);
  EXPECT_EQ(r->detail, "cannot compare: main_thread_calls gave crash, not pass");
}

TEST(PerformanceCheckTest, PassedWithoutFigureFails) {
  auto r = DeriveMainThreadCostRatio({Timing("main_thread_calls", 100), Timing("c_thread_calls", -1)});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->verdict, Verdict::kFail);
  EXPECT_EQ(r->detail, "cannot compare: c_thread_calls passed but printed no ns_per_call");
}

// The figure was printed, then the driver crashed: the ratio of it would be within the limit,
// but a run that did not pass measures nothing.
TEST(PerformanceCheckTest, FigureFromARunThatDidNotPassFailsNamingIt) {
  CaseResult crashed = Timing("main_thread_calls", 100, Verdict::kCrash);
  crashed.detail = "SIGSEGV: qemu: uncaught target signal 11 (Segmentation fault)\nlast stderr line";
  auto r = DeriveMainThreadCostRatio({crashed, Timing("c_thread_calls", 100)});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->verdict, Verdict::kFail);
  EXPECT_EQ(r->detail,
            "cannot compare: main_thread_calls gave crash, not pass "
            "(SIGSEGV: qemu: uncaught target signal 11 (Segmentation fault))");

  CaseResult failed = Timing("c_thread_calls", 100, Verdict::kFail);
  failed.detail = "exit status 1: c_thread_calls: xc_echo(7) = 9";
  r = DeriveMainThreadCostRatio({Timing("main_thread_calls", 100), failed});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->verdict, Verdict::kFail);
  EXPECT_EQ(r->detail,
            "cannot compare: c_thread_calls gave fail, not pass (exit status 1: c_thread_calls: xc_echo(7) = 9)");

  r = DeriveMainThreadCostRatio(
      {Timing("main_thread_calls", 100, Verdict::kTimeout), Timing("c_thread_calls", 100)});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->verdict, Verdict::kFail);
  EXPECT_EQ(r->detail, "cannot compare: main_thread_calls gave timeout, not pass");
}

TEST(PerformanceCheckTest, SkippedSourceSkips) {
  CaseResult skipped = Timing("c_thread_calls", -1, Verdict::kSkip);
  skipped.detail = "c_threads unsupported: no threads";
  auto r = DeriveMainThreadCostRatio({Timing("main_thread_calls", 100), skipped});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->verdict, Verdict::kSkip);
  EXPECT_EQ(r->detail, "c_thread_calls skipped: c_threads unsupported: no threads");

  // A skip wins over the other input's failure, as before: the comparison is not applicable.
  r = DeriveMainThreadCostRatio({Timing("main_thread_calls", 100, Verdict::kCrash), skipped});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->verdict, Verdict::kSkip);
}

}  // namespace
}  // namespace xcall::runner
