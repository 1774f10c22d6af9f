// xcall_report's command line: what it accepts, and the message for what it does not.
#include "conformance/report/report_flags.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace xcall::report {
namespace {

using testing::HasSubstr;

std::string UsageError(const std::vector<std::string>& args) {
  try {
    ParseReportFlags(args);
  } catch (const ReportUsageError& e) {
    return std::string(e.what());
  }
  return std::string("accepted");
}

TEST(ReportFlagsTest, ParsesRepeatedFlagsAndRejectsBadOnes) {
  ReportFlags f = ParseReportFlags({"--results=a.json", "--results", "b.json", "--out=dir", "--require_pass=xrt0.1"});
  EXPECT_EQ(f.results, (std::vector<std::string>{"a.json", "b.json"}));
  EXPECT_EQ(f.out_dir, "dir");
  EXPECT_EQ(f.require_pass, std::vector<std::string>{"xrt0.1"});
  EXPECT_TRUE(f.missing_runs.empty());
  EXPECT_EQ(UsageError({"--out=d"}), "at least one --results=FILE (or --missing_run) is required");
  EXPECT_EQ(UsageError({"--results=a"}), "--out=DIR is required");
  EXPECT_EQ(UsageError({"--results=a", "--out=d", "--colour"}), "unknown flag \"--colour\"");
  EXPECT_EQ(UsageError({"--results="}), "--results needs a non-empty value");
}

TEST(ReportFlagsTest, MissingRunsAreRepeatableAndKeepEveryCharacterOfTheReason) {
  ReportFlags f = ParseReportFlags(
      {"--results=a.json", "--out=dir",
       "--missing_run=xrt__windows_x86_64__default=no results file: build failure or the runner stopped "
       "before its first case; see bazel-testlogs/conformance/xrt__windows_x86_64__default/test.log",
       "--missing_run", "go1.22.12__linux_aarch64__no_getattr_np=attempt 2 left an empty results file: a=b"});
  ASSERT_EQ(f.missing_runs.size(), 2u);
  EXPECT_EQ(f.missing_runs[0].runtime, "xrt");
  EXPECT_EQ(f.missing_runs[0].target, "windows_x86_64");
  EXPECT_EQ(f.missing_runs[0].profile, "default");
  EXPECT_EQ(f.missing_runs[0].reason,
            "no results file: build failure or the runner stopped before its first case; see "
            "bazel-testlogs/conformance/xrt__windows_x86_64__default/test.log");
  EXPECT_EQ(f.missing_runs[1], (runner::MissingRun{"go1.22.12", "linux_aarch64", "no_getattr_np",
                                                   "attempt 2 left an empty results file: a=b"}));
}

TEST(ReportFlagsTest, MissingRunsAloneAreEnoughForAReport) {
  // Every selected run may have failed to build: the report must still say so.
  ReportFlags f = ParseReportFlags({"--missing_run=xrt__linux_x86_64__default=no results file", "--out=d"});
  EXPECT_TRUE(f.results.empty());
  EXPECT_EQ(f.missing_runs.size(), 1u);
}

TEST(ReportFlagsTest, MalformedMissingRunsAreRejectedWithTheExpectedForm) {
  auto error = [](const std::string& value) { return UsageError({"--results=a", "--out=d", "--missing_run=" + value}); };
  EXPECT_EQ(error("xrt__linux_x86_64__default"),
            "--missing_run \"xrt__linux_x86_64__default\": expected RUNTIME__TARGET__PROFILE=REASON "
            "(no '=' before the reason)");
  EXPECT_EQ(error("xrt__linux_x86_64__default="),
            "--missing_run \"xrt__linux_x86_64__default=\": expected RUNTIME__TARGET__PROFILE=REASON "
            "(the reason is empty)");
  EXPECT_THAT(error("xrt__linux_x86_64__default=  "), HasSubstr("(the reason is empty)"));
  EXPECT_EQ(error("xrt__linux_x86_64=build failure"),
            "--missing_run \"xrt__linux_x86_64=build failure\": expected RUNTIME__TARGET__PROFILE=REASON "
            "(\"xrt__linux_x86_64\" is not runtime, target and profile joined by \"__\")");
  EXPECT_THAT(error("xrt__linux_x86_64__default__extra=why"), HasSubstr("is not runtime, target and profile"));
  EXPECT_THAT(error("xrt____default=why"), HasSubstr("is not runtime, target and profile"));
  EXPECT_THAT(error("=why"), HasSubstr("is not runtime, target and profile"));
  EXPECT_EQ(UsageError({"--results=a", "--out=d", "--missing_run=xrt__linux_x86_64__default=no results file",
                        "--missing_run=xrt__linux_x86_64__default=attempt 1 left an empty results file"}),
            "--missing_run names xrt__linux_x86_64__default twice; give each run one --missing_run with every "
            "reason in it");
  EXPECT_EQ(UsageError({"--results=a", "--out=d", "--missing_run"}), "--missing_run needs a value");
  EXPECT_EQ(UsageError({"--results=a", "--out=d", "--missing_run="}), "--missing_run needs a non-empty value");
}

}  // namespace
}  // namespace xcall::report
