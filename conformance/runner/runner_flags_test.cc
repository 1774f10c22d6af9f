#include "conformance/runner/runner_flags.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace xcall::runner {
namespace {

TEST(RunnerFlagsTest, ReadsAllFlagsInBothForms) {
  RunnerFlags f = ParseRunnerFlags({"--plan=p.json", "--expectations", "e.json", "--results=r.json",
                                    "--timeout=2.5", "--update_expectations", "--junit=j.xml"});
  EXPECT_EQ(f.plan, "p.json");
  EXPECT_EQ(f.expectations, "e.json");
  EXPECT_EQ(f.results, "r.json");
  EXPECT_EQ(f.junit, "j.xml");
  EXPECT_DOUBLE_EQ(f.timeout_seconds, 2.5);
  EXPECT_TRUE(f.update_expectations);
  EXPECT_FALSE(f.claim_attempt);
  EXPECT_TRUE(ParseRunnerFlags({"--plan=p", "--expectations=e", "--results=r", "--claim_attempt"}).claim_attempt);
}

TEST(RunnerFlagsTest, DefaultsToSixtySeconds) {
  RunnerFlags f = ParseRunnerFlags({"--plan=p", "--expectations=e", "--results=r"});
  EXPECT_DOUBLE_EQ(f.timeout_seconds, 60);
  EXPECT_FALSE(f.update_expectations);
  EXPECT_TRUE(f.junit.empty());
}

std::string Error(const std::vector<std::string>& args) {
  try {
    ParseRunnerFlags(args);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "accepted";
}

TEST(RunnerFlagsTest, RejectsBadCommandLines) {
  EXPECT_EQ(Error({"--plan=p", "--expectations=e", "--results=r", "--verbose"}),
            "unknown flag \"--verbose\"");
  EXPECT_EQ(Error({"--plan=p", "--expectations=e"}), "--results is required");
  EXPECT_EQ(Error({"--plan=p", "--expectations=e", "--results=r", "--timeout=0"}),
            "--timeout needs a positive number of seconds, not \"0\"");
  EXPECT_EQ(Error({"--plan=p", "--expectations=e", "--results=r", "--timeout=soon"}),
            "--timeout needs a positive number of seconds, not \"soon\"");
  EXPECT_EQ(Error({"plan.json"}), "unexpected argument \"plan.json\"");
  EXPECT_EQ(Error({"--plan"}), "--plan needs a value");
  EXPECT_EQ(Error({"--update_expectations=yes"}), "--update_expectations takes no value");
  EXPECT_EQ(Error({"--claim_attempt=2"}), "--claim_attempt takes no value");
}

}  // namespace
}  // namespace xcall::runner
