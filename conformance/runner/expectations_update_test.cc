#include "conformance/runner/expectations_update.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "conformance/runner/directory_lock.h"
#include "conformance/runner/expectations.h"
#include "conformance/runner/file_io.h"

namespace xcall::runner {
namespace {

using testing::HasSubstr;
namespace fs = std::filesystem;

CaseResult Observed(const std::string& profile, const std::string& name, Verdict verdict,
                    const std::string& detail = "") {
  CaseResult r;
  r.runtime = "go1.21.13";
  r.target = "linux_aarch64";
  r.profile = profile;
  r.case_name = name;
  r.verdict = verdict;
  r.detail = detail;
  return r;
}

class ExpectationsUpdateTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(testing::TempDir()) /
           ("expectations_update_" + std::string(testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    path_ = (dir_ / "expectations" / "go1.21.13.linux_aarch64.json").string();
  }

  void Record(const std::string& profile, std::vector<CaseResult> results) {
    RecordObservedInFile(path_, "go1.21.13", "linux_aarch64", profile, results);
  }

  Expectations Read() { return ParseExpectations(ReadFile(path_)); }

  fs::path dir_;
  std::string path_;
};

TEST_F(ExpectationsUpdateTest, CreatesTheFileThenReplacesOnlyItsProfile) {
  Record("default", {Observed("default", "deep_stack_nested", Verdict::kCrash, "SIGTRAP: fatal: morestack on g0\ntail")});
  Record("no_getattr_np", {Observed("no_getattr_np", "deep_stack_nested", Verdict::kPass)});
  Record("default", {Observed("default", "early_call", Verdict::kTimeout, "no exit within 20 s")});
  Expectations e = Read();
  EXPECT_EQ(e.runtime, "go1.21.13");
  ASSERT_EQ(e.profiles["default"].size(), 1u);  // the old section is replaced, not merged
  EXPECT_EQ(e.profiles["default"]["early_call"].verdict, Verdict::kTimeout);
  EXPECT_EQ(e.profiles["no_getattr_np"]["deep_stack_nested"].verdict, Verdict::kPass);
}

TEST_F(ExpectationsUpdateTest, WaitsForTheDirectoryLock) {
  Record("no_getattr_np", {Observed("no_getattr_np", "a", Verdict::kPass)});
  std::atomic<bool> recorded{false};
  std::thread other;
  {
    DirectoryLock held((dir_ / "expectations").string());
    other = std::thread([&] {
      Record("default", {Observed("default", "a", Verdict::kFail, "exit status 1")});
      recorded = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_FALSE(recorded.load()) << "recorded while another holder had the lock";
    EXPECT_EQ(Read().profiles.count("default"), 0u);
  }
  other.join();
  EXPECT_TRUE(recorded.load());
  EXPECT_EQ(Read().profiles["default"]["a"].verdict, Verdict::kFail);
}

// Two profiles recording again and again at once, as ci/record_expectations's parallel tests
// do: neither section is ever lost.
TEST_F(ExpectationsUpdateTest, ConcurrentRecordersKeepBothProfiles) {
  constexpr int kRounds = 100;
  auto recorder = [&](const std::string& profile) {
    for (int i = 0; i < kRounds; ++i) {
      Record(profile, {Observed(profile, "round_" + std::to_string(i), Verdict::kPass)});
    }
  };
  std::thread a(recorder, "default"), b(recorder, "no_getattr_np");
  a.join();
  b.join();
  Expectations e = Read();
  EXPECT_EQ(e.profiles["default"].count("round_99"), 1u);
  EXPECT_EQ(e.profiles["no_getattr_np"].count("round_99"), 1u);
}

TEST_F(ExpectationsUpdateTest, AnotherRuntimesFileIsAnError) {
  WriteFile(path_, R"({"runtime": "gccgo", "target": "linux_aarch64", "profiles": {}})");
  try {
    Record("default", {Observed("default", "a", Verdict::kPass)});
    FAIL() << "recorded into another runtime's file";
  } catch (const ExpectationsError& e) {
    EXPECT_THAT(e.what(), HasSubstr("holds expectations for gccgo on linux_aarch64, but the plan runs go1.21.13"));
  }
  WriteFile(path_, "{");
  try {
    Record("default", {Observed("default", "a", Verdict::kPass)});
    FAIL() << "recorded over an unreadable file";
  } catch (const ExpectationsError& e) {
    EXPECT_THAT(e.what(), HasSubstr(path_ + ": expectations: not valid JSON"));
  }
}

}  // namespace
}  // namespace xcall::runner
