#include "conformance/runner/results_attempt.h"

#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "conformance/runner/file_io.h"

namespace xcall::runner {
namespace {

namespace fs = std::filesystem;

TEST(ResultsAttemptTest, NumberGoesBeforeTheResultsSuffix) {
  EXPECT_EQ(AttemptResultsPath("/r/xrt__linux_x86_64__default.results.json", 2),
            "/r/xrt__linux_x86_64__default.attempt-2.results.json");
  EXPECT_EQ(AttemptResultsPath("out/results.json", 1), "out/results.attempt-1.json");
  EXPECT_EQ(AttemptResultsPath("out/results", 3), "out/results.attempt-3");
  EXPECT_EQ(AttemptResultsPath(".json", 1), ".json.attempt-1");
}

class ResultsAttemptClaimTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(testing::TempDir()) /
           ("results_attempt_" + std::string(testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
  }
  fs::path dir_;
};

TEST_F(ResultsAttemptClaimTest, EachClaimTakesTheNextFreeNumberAndNeverReplacesAFile) {
  const std::string results = (dir_ / "missing" / "x.results.json").string();
  ClaimedAttempt first = ClaimAttemptResults(results);
  EXPECT_EQ(first.attempt, 1);
  EXPECT_EQ(first.path, (dir_ / "missing" / "x.attempt-1.results.json").string());
  EXPECT_EQ(ReadFile(first.path), "");  // claimed, empty until the run writes
  WriteFile(first.path, "attempt 1's evidence");

  ClaimedAttempt second = ClaimAttemptResults(results);
  EXPECT_EQ(second.attempt, 2);
  EXPECT_EQ(second.path, (dir_ / "missing" / "x.attempt-2.results.json").string());
  ClaimedAttempt third = ClaimAttemptResults(results);  // attempt 2 was killed: still taken
  EXPECT_EQ(third.attempt, 3);
  EXPECT_EQ(ReadFile(first.path), "attempt 1's evidence");
  EXPECT_FALSE(FileExists(results));
}

TEST_F(ResultsAttemptClaimTest, OtherRowsInTheDirectoryDoNotCount) {
  fs::create_directories(dir_);
  WriteFile((dir_ / "a.attempt-1.results.json").string(), "{}");
  EXPECT_EQ(ClaimAttemptResults((dir_ / "b.results.json").string()).attempt, 1);
}

TEST_F(ResultsAttemptClaimTest, UnwritableDirectoryIsAnErrorNamingTheFile) {
  fs::create_directories(dir_);
  WriteFile((dir_ / "not_a_dir").string(), "");
  try {
    ClaimAttemptResults((dir_ / "not_a_dir" / "x.results.json").string());
    FAIL() << "claimed a file inside a regular file";
  } catch (const FileError& e) {
    EXPECT_THAT(e.what(), testing::HasSubstr("cannot create " + (dir_ / "not_a_dir" / "x.attempt-1.results.json").string() +
                                             ": Not a directory"));
  }
}

}  // namespace
}  // namespace xcall::runner
