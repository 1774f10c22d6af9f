#include "conformance/report/attempt_history.h"

#include <gtest/gtest.h>

#include "conformance/report/report_test_results.h"

namespace xcall::report {
namespace {

using runner::AttemptResult;
using runner::Verdict;

runner::CaseResult Retried(Verdict final_verdict, std::vector<AttemptResult> earlier) {
  runner::CaseResult r = TestResult("xrt0.1", "windows_x86_64", "default", "early_call", final_verdict);
  r.attempt = static_cast<int>(earlier.size()) + 1;
  r.earlier_attempts = std::move(earlier);
  return r;
}

TEST(AttemptHistoryTest, ACaseThatRanOnceIsNeitherFlakyNorRetried) {
  runner::CaseResult once = TestResult("xrt0.1", "linux_x86_64", "default", "early_call", Verdict::kCrash, "SIGSEGV");
  EXPECT_FALSE(IsFlaky(once));
  EXPECT_FALSE(PassedOnlyOnRetry(once));
  ASSERT_EQ(AllAttempts(once).size(), 1u);
  EXPECT_EQ(AttemptLine(AllAttempts(once)[0]), "attempt 1: crash: SIGSEGV");
}

TEST(AttemptHistoryTest, SameVerdictEveryAttemptIsNotFlaky) {
  runner::CaseResult r = Retried(Verdict::kTimeout, {{1, Verdict::kTimeout, "no exit within 60 s", {}, 60}});
  EXPECT_FALSE(IsFlaky(r));
  EXPECT_FALSE(PassedOnlyOnRetry(r));
}

TEST(AttemptHistoryTest, PassAfterAHangIsFlakyAndNeededARetry) {
  runner::CaseResult r = Retried(Verdict::kPass, {{1, Verdict::kTimeout, "no exit within 60 s; killed\ntail", {}, 60},
                                                  {2, Verdict::kPass, "", {}, 1}});
  EXPECT_TRUE(IsFlaky(r));
  EXPECT_TRUE(PassedOnlyOnRetry(r));
  std::vector<AttemptResult> all = AllAttempts(r);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].attempt, 1);
  EXPECT_EQ(all[2].attempt, 3);
  EXPECT_EQ(all[2].verdict, Verdict::kPass);
  EXPECT_EQ(AttemptsLine(all), "attempt 1: timeout: no exit within 60 s; killed; attempt 2: pass; attempt 3: pass");
}

TEST(AttemptHistoryTest, FailureAfterAPassIsFlakyButDidNotPass) {
  runner::CaseResult r = Retried(Verdict::kFail, {{1, Verdict::kPass, "", {}, 1}});
  EXPECT_TRUE(IsFlaky(r));
  EXPECT_FALSE(PassedOnlyOnRetry(r));
}

}  // namespace
}  // namespace xcall::report
