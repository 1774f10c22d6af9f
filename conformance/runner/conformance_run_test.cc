// The whole runner flow with a fake launcher: exit codes, files written, messages.
#include "conformance/runner/conformance_run.h"

#include <signal.h>
#include <sys/stat.h>

#include <filesystem>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "conformance/runner/expectations.h"
#include "conformance/runner/fake_case_launcher.h"
#include "conformance/runner/file_io.h"
#include "conformance/runner/results_attempt.h"
#include "conformance/runner/results_file.h"
#include "conformance/runner/results_progress.h"

namespace xcall::runner {
namespace {

using testing::_;
using testing::HasSubstr;
using testing::Not;
using testing::Return;

namespace fs = std::filesystem;

class ConformanceRunTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(testing::TempDir()) /
           ("conformance_run_" + std::string(testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    driver_ = (dir_ / "deep_stack").string();
    WriteFile(driver_, "#!/bin/sh\n");
    chmod(driver_.c_str(), 0755);
    WritePlan("default");
    flags_.plan = (dir_ / "plan.json").string();
    flags_.expectations = (dir_ / "go1.19.8.linux_x86_64.json").string();
    flags_.results = (dir_ / "out" / "results.json").string();
    bazel_.test_target = "//conformance:go1.19.8_linux_x86_64_default";
  }

  void WritePlan(const std::string& profile, const std::string& launcher = "",
                 const std::string& identity_driver = "") {
    const std::string identity =
        identity_driver.empty() ? "" : R"("identity_driver": ")" + identity_driver + R"(",)";
    WriteFile((dir_ / "plan.json").string(),
              R"({"runtime": "go1.19.8", "target": "linux_x86_64", "profile": ")" + profile + R"(",
                  "launcher": ")" + launcher + R"(", )" + identity + R"(
                  "unsupported": {"fibers": "no fiber support"},
                  "cases": [
                    {"name": "deep_stack_nested", "driver": ")" + driver_ + R"(", "args": ["nested"]},
                    {"name": "main_thread_calls", "driver": ")" + driver_ + R"(", "args": ["main"],
                     "metric": "ns_per_call"},
                    {"name": "c_thread_calls", "driver": ")" + driver_ + R"(", "args": ["c"],
                     "metric": "ns_per_call"},
                    {"name": "switched_stack", "driver": "missing_but_skipped", "features": ["fibers"]}]})");
  }

  // Outcomes by the driver's first argument.
  void ExpectRuns(RawOutcome nested, double main_ns = 300, double c_ns = 100) {
    EXPECT_CALL(launcher_, Launch(_)).WillRepeatedly([=](const LaunchRequest& r) {
      if (r.argv.at(1) == "nested") return nested;
      double ns = r.argv.at(1) == "main" ? main_ns : c_ns;
      return ExitedWith(0, "XCALL_METRIC ns_per_call=" + std::to_string(ns) + "\n");
    });
  }

  int Run() {
    out_.str("");
    err_.str("");
    return RunConformance(flags_, bazel_, launcher_, out_, err_);
  }

  fs::path dir_;
  std::string driver_;
  RunnerFlags flags_;
  BazelEnvironment bazel_;
  testing::NiceMock<FakeCaseLauncher> launcher_;
  std::ostringstream out_, err_;
};

TEST_F(ConformanceRunTest, RecordsThenMatchesThenReportsAChange) {
  ExpectRuns(KilledBy(SIGTRAP, "fatal: morestack on g0\n"));
  flags_.update_expectations = true;
  ASSERT_EQ(Run(), kExitAsExpected) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("recorded 5 verdicts for profile default"));
  Expectations recorded = ParseExpectations(ReadFile(flags_.expectations));
  EXPECT_EQ(recorded.profiles["default"]["deep_stack_nested"].verdict, Verdict::kCrash);
  EXPECT_EQ(recorded.profiles["default"]["deep_stack_nested"].detail, "SIGTRAP: fatal: morestack on g0");
  EXPECT_EQ(recorded.profiles["default"]["switched_stack"].verdict, Verdict::kSkip);
  EXPECT_EQ(recorded.profiles["default"]["main_thread_cost_ratio"].verdict, Verdict::kPass);

  flags_.update_expectations = false;
  EXPECT_EQ(Run(), kExitAsExpected) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("all 5 verdicts match"));
  EXPECT_THAT(out_.str(), HasSubstr("crash   deep_stack_nested [default]"));
  EXPECT_THAT(out_.str(), HasSubstr("SIGTRAP: fatal: morestack on g0"));

  // The runtime got fixed: better is a change too.
  testing::Mock::VerifyAndClearExpectations(&launcher_);
  ExpectRuns(ExitedWith(0));
  EXPECT_EQ(Run(), kExitVerdictsChanged);
  EXPECT_THAT(err_.str(), HasSubstr("deep_stack_nested [default]: expected crash, got pass"));
  EXPECT_THAT(err_.str(),
              HasSubstr("bazel run //conformance:go1.19.8_linux_x86_64_default -- --update_expectations"));
}

TEST_F(ConformanceRunTest, ACaseLimitShorterThanTheRunsWins) {
  WriteFile(flags_.plan, R"({"runtime": "go1.19.8", "target": "linux_x86_64", "profile": "default",
      "cases": [{"name": "early_call", "driver": ")" + driver_ + R"(", "args": ["early"], "timeout_s": 15},
                {"name": "slow_limit", "driver": ")" + driver_ + R"(", "args": ["slow"], "timeout_s": 600},
                {"name": "no_limit", "driver": ")" + driver_ + R"(", "args": ["none"]}]})");
  flags_.timeout_seconds = 60;
  flags_.update_expectations = true;
  std::map<std::string, double> limits;
  EXPECT_CALL(launcher_, Launch(_)).WillRepeatedly([&](const LaunchRequest& r) {
    limits[r.argv.at(1)] = r.timeout_seconds;
    return r.argv.at(1) == "early" ? TimedOut(r.timeout_seconds) : ExitedWith(0);
  });
  ASSERT_EQ(Run(), kExitAsExpected) << err_.str();
  EXPECT_EQ(limits["early"], 15);
  EXPECT_EQ(limits["slow"], 60);  // never longer than the run's limit
  EXPECT_EQ(limits["none"], 60);
  Expectations recorded = ParseExpectations(ReadFile(flags_.expectations));
  EXPECT_EQ(recorded.profiles["default"]["early_call"].verdict, Verdict::kTimeout);
}

TEST_F(ConformanceRunTest, SlowMainThreadFailsTheDerivedCase) {
  ExpectRuns(ExitedWith(0), /*main_ns=*/4100, /*c_ns=*/1000);
  flags_.update_expectations = true;
  ASSERT_EQ(Run(), kExitAsExpected);
  ResultsDocument results = ParseResults(ReadFile(flags_.results));
  ASSERT_EQ(results.results.size(), 5u);
  const CaseResult& ratio = results.results.back();
  EXPECT_EQ(ratio.case_name, "main_thread_cost_ratio");
  EXPECT_EQ(ratio.verdict, Verdict::kFail);
  EXPECT_THAT(ratio.detail, HasSubstr("main thread 4100.0 ns/call, C thread 1000.0 ns/call"));
  EXPECT_EQ(results.results[1].metrics.at("ns_per_call"), 4100);
}

TEST_F(ConformanceRunTest, UpdateKeepsOtherProfiles) {
  ExpectRuns(ExitedWith(0));
  flags_.update_expectations = true;
  ASSERT_EQ(Run(), kExitAsExpected);
  WritePlan("no_getattr_np");
  testing::Mock::VerifyAndClearExpectations(&launcher_);
  ExpectRuns(ExitedWith(2, "", "fatal error: morestack on g0\n"));
  ASSERT_EQ(Run(), kExitAsExpected);
  Expectations recorded = ParseExpectations(ReadFile(flags_.expectations));
  EXPECT_EQ(recorded.profiles["default"]["deep_stack_nested"].verdict, Verdict::kPass);
  EXPECT_EQ(recorded.profiles["no_getattr_np"]["deep_stack_nested"].verdict, Verdict::kFail);
}

// ci/record_expectations runs a runtime's two profiles at once: the default run records while
// this one runs its cases. Its section must survive this run's write.
TEST_F(ConformanceRunTest, UpdateKeepsWhatAnotherProfileRecordedDuringTheRun) {
  ExpectRuns(ExitedWith(0));
  flags_.update_expectations = true;
  ASSERT_EQ(Run(), kExitAsExpected);  // default: every case passes
  testing::Mock::VerifyAndClearExpectations(&launcher_);

  WritePlan("no_getattr_np");
  EXPECT_CALL(launcher_, Launch(_)).WillRepeatedly([&](const LaunchRequest& r) {
    if (r.argv.at(1) == "nested") {
      // Meanwhile the default run, started before this one, records a crash.
      Expectations now = ParseExpectations(ReadFile(flags_.expectations));
      now.profiles["default"]["deep_stack_nested"] = {Verdict::kCrash, "SIGTRAP: fatal: morestack on g0"};
      WriteFile(flags_.expectations, SerializeExpectations(now));
      return ExitedWith(2, "", "fatal error: morestack on g0\n");
    }
    return ExitedWith(0, "XCALL_METRIC ns_per_call=100\n");
  });
  ASSERT_EQ(Run(), kExitAsExpected) << err_.str();
  Expectations recorded = ParseExpectations(ReadFile(flags_.expectations));
  EXPECT_EQ(recorded.profiles["default"]["deep_stack_nested"].verdict, Verdict::kCrash);
  EXPECT_EQ(recorded.profiles["default"]["deep_stack_nested"].detail, "SIGTRAP: fatal: morestack on g0");
  EXPECT_EQ(recorded.profiles["default"].size(), 5u);
  EXPECT_EQ(recorded.profiles["no_getattr_np"]["deep_stack_nested"].verdict, Verdict::kFail);
}

// The file may have become another runtime's (or unreadable) while the cases ran.
TEST_F(ConformanceRunTest, UpdateRefusesAFileThatChangedToAnotherRuntimes) {
  flags_.update_expectations = true;
  EXPECT_CALL(launcher_, Launch(_)).WillRepeatedly([&](const LaunchRequest&) {
    WriteFile(flags_.expectations, R"({"runtime": "gccgo", "target": "linux_x86_64", "profiles": {}})");
    return ExitedWith(0, "XCALL_METRIC ns_per_call=100\n");
  });
  EXPECT_EQ(Run(), kExitBadInput);
  EXPECT_THAT(err_.str(), HasSubstr("holds expectations for gccgo on linux_x86_64, but the plan runs go1.19.8"));
  EXPECT_EQ(ParseExpectations(ReadFile(flags_.expectations)).runtime, "gccgo");
}

// qemu_aarch64.sh and wine.sh without their emulator: exit 127 and an "xcall: " line. Not a
// `fail` of every case (which an expected `fail` would even match) but a bad environment.
TEST_F(ConformanceRunTest, ALauncherThatCannotRunStopsTheRowWithNoVerdicts) {
  const std::string launcher = (dir_ / "qemu_aarch64.sh").string();
  WriteFile(launcher, "#!/bin/sh\n");
  chmod(launcher.c_str(), 0755);
  WritePlan("default", launcher);
  const std::string expected_fail = R"({"verdict": "fail", "detail": "exit status 127: xcall: qemu-aarch64 not found"})";
  const std::string expectations =
      R"({"runtime": "go1.19.8", "target": "linux_x86_64", "profiles": {"default": {"deep_stack_nested": )" +
      expected_fail + R"(, "main_thread_calls": )" + expected_fail + R"(, "c_thread_calls": )" + expected_fail +
      R"(, "main_thread_cost_ratio": {"verdict": "fail"}, "switched_stack": {"verdict": "skip"}}}})";
  WriteFile(flags_.expectations, expectations);
  flags_.claim_attempt = true;
  flags_.junit = (dir_ / "junit.xml").string();
  EXPECT_CALL(launcher_, Launch(_))
      .Times(1)  // stops at the first case: the others could not run either
      .WillOnce(Return(ExitedWith(127, "",
                                  "xcall: qemu-aarch64 not found: install the Debian package qemu-user "
                                  "(ci/setup does)\n")));
  EXPECT_EQ(Run(), kExitBadInput);
  EXPECT_THAT(err_.str(), HasSubstr("the launcher " + launcher + " cannot run here (exit status 127); "
                                    "stopped at case deep_stack_nested, no verdicts written:\n"
                                    "xcall: qemu-aarch64 not found: install the Debian package qemu-user "
                                    "(ci/setup does)\n"));
  EXPECT_FALSE(FileExists((dir_ / "out" / "results.attempt-1.json").string()));  // claim given back
  EXPECT_FALSE(FileExists(flags_.results));
  EXPECT_FALSE(FileExists(flags_.junit));

  // Nor is anything recorded.
  testing::Mock::VerifyAndClearExpectations(&launcher_);
  EXPECT_CALL(launcher_, Launch(_)).WillOnce(Return(ExitedWith(127, "", "xcall: wine not found: install\n")));
  flags_.update_expectations = true;
  EXPECT_EQ(Run(), kExitBadInput);
  EXPECT_THAT(err_.str(), HasSubstr("xcall: wine not found: install"));
  EXPECT_EQ(ReadFile(flags_.expectations), expectations);
}

// ---- which runtime the drivers are linked with ----------------------------------------------

class RuntimeIdentityRunTest : public ConformanceRunTest {
 protected:
  void SetUp() override {
    ConformanceRunTest::SetUp();
    identity_ = (dir_ / "runtime_identity").string();
    WriteFile(identity_, "#!/bin/sh\n");
    chmod(identity_.c_str(), 0755);
    WritePlan("default", "", identity_);
    flags_.update_expectations = true;
  }
  // The identity driver gives `identity`; the cases pass.
  void ExpectIdentityThenCases(RawOutcome identity) {
    EXPECT_CALL(launcher_, Launch(_)).WillRepeatedly([=, this](const LaunchRequest& r) {
      if (r.argv.at(0) == "./" + identity_ || r.argv.at(0) == identity_) return identity;
      return ExitedWith(0, "XCALL_METRIC ns_per_call=100\n");
    });
  }
  std::string identity_;
};

TEST_F(RuntimeIdentityRunTest, DriversLinkedWithAnotherRuntimeStopTheRowBeforeAnyCase) {
  flags_.claim_attempt = true;
  EXPECT_CALL(launcher_, Launch(_))
      .Times(1)
      .WillOnce(Return(ExitedWith(0, "XCALL_RUNTIME name=go1.22.12\n")));
  EXPECT_EQ(Run(), kExitBadInput);
  EXPECT_THAT(err_.str(), HasSubstr("the plan is for go1.19.8, but its drivers are linked with "
                                    "\"go1.22.12\" (" + identity_ + " says so); no case run"));
  EXPECT_FALSE(FileExists((dir_ / "out" / "results.attempt-1.json").string()));
  EXPECT_FALSE(FileExists(flags_.expectations));
}

TEST_F(RuntimeIdentityRunTest, AConfirmedRuntimeIsNamedAndTheCasesRun) {
  ExpectIdentityThenCases(ExitedWith(0, "XCALL_RUNTIME name=go1.19.8\n"));
  ASSERT_EQ(Run(), kExitAsExpected) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("  drivers linked with: go1.19.8\n"));
  EXPECT_THAT(out_.str(), HasSubstr("recorded 5 verdicts"));
  // Every result carries it, the derived ratio too.
  std::vector<CaseResult> results = ParseResults(ReadFile(flags_.results)).results;
  ASSERT_EQ(results.size(), 5u);
  for (const CaseResult& r : results) EXPECT_EQ(r.linked_runtime, "go1.19.8") << r.case_name;
}

// A runtime whose every callback crashes cannot name itself; its cases are findings still.
TEST_F(RuntimeIdentityRunTest, AnUnconfirmedRuntimeIsSaidAndTheCasesStillRun) {
  ExpectIdentityThenCases(KilledBy(SIGSEGV, "SIGSEGV: segmentation violation\n"));
  ASSERT_EQ(Run(), kExitAsExpected) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("  drivers linked with: unconfirmed: " + identity_ +
                                    " gave crash: SIGSEGV"));
  EXPECT_THAT(out_.str(), HasSubstr("recorded 5 verdicts"));
  for (const CaseResult& r : ParseResults(ReadFile(flags_.results)).results) {
    EXPECT_THAT(r.linked_runtime, testing::StartsWith("unconfirmed: " + identity_ + " gave crash"))
        << r.case_name;
  }
}

TEST_F(RuntimeIdentityRunTest, ALauncherThatCannotRunStopsBeforeTheFirstCase) {
  const std::string launcher = (dir_ / "wine.sh").string();
  WriteFile(launcher, "#!/bin/sh\n");
  chmod(launcher.c_str(), 0755);
  WritePlan("default", launcher, identity_);
  EXPECT_CALL(launcher_, Launch(_))
      .Times(1)
      .WillOnce(Return(ExitedWith(127, "", "xcall: wine not found: install\n")));
  EXPECT_EQ(Run(), kExitBadInput);
  EXPECT_THAT(err_.str(), HasSubstr("cannot run here (exit status 127); stopped before the first "
                                    "case, no verdicts written:\nxcall: wine not found: install"));
  EXPECT_FALSE(FileExists(flags_.expectations));
}

TEST_F(RuntimeIdentityRunTest, AMissingIdentityDriverIsBadInput) {
  WritePlan("default", "", (dir_ / "no_such_driver").string());
  EXPECT_CALL(launcher_, Launch(_)).Times(0);
  EXPECT_EQ(Run(), kExitBadInput);
  EXPECT_THAT(err_.str(), HasSubstr("identity driver " + (dir_ / "no_such_driver").string() +
                                    " does not exist"));
}

// The same status and line from a driver run without a launcher is that driver's outcome.
TEST_F(ConformanceRunTest, WithoutALauncherExit127IsAVerdict) {
  ExpectRuns(ExitedWith(127, "", "xcall: something\n"));
  flags_.update_expectations = true;
  ASSERT_EQ(Run(), kExitAsExpected) << err_.str();
  Expectations recorded = ParseExpectations(ReadFile(flags_.expectations));
  EXPECT_EQ(recorded.profiles["default"]["deep_stack_nested"].verdict, Verdict::kFail);
  EXPECT_EQ(recorded.profiles["default"]["deep_stack_nested"].detail, "exit status 127: xcall: something");
}

TEST_F(ConformanceRunTest, CaseMissingFromExpectationsFailsWithHowToRecord) {
  WriteFile(flags_.expectations, R"({"runtime": "go1.19.8", "target": "linux_x86_64", "profiles": {
      "default": {"deep_stack_nested": {"verdict": "pass"}, "old_case": {"verdict": "pass"}}}})");
  ExpectRuns(ExitedWith(0));
  EXPECT_EQ(Run(), kExitVerdictsChanged);
  EXPECT_THAT(err_.str(), HasSubstr("main_thread_calls [default]: got pass, but no expectation is recorded"));
  EXPECT_THAT(err_.str(), HasSubstr("old_case [default]: expected pass, but the run has no such case"));
  EXPECT_THAT(err_.str(), HasSubstr("--update_expectations"));
}

TEST_F(ConformanceRunTest, MissingExpectationsFileIsBadInputBeforeRunning) {
  EXPECT_CALL(launcher_, Launch(_)).Times(0);
  EXPECT_EQ(Run(), kExitBadInput);
  EXPECT_THAT(err_.str(), HasSubstr("no expectations file"));
  EXPECT_THAT(err_.str(), HasSubstr("--update_expectations"));
}

TEST_F(ConformanceRunTest, ExpectationsOfAnotherRuntimeAreBadInput) {
  WriteFile(flags_.expectations, R"({"runtime": "gccgo12", "target": "linux_x86_64", "profiles": {}})");
  EXPECT_EQ(Run(), kExitBadInput);
  EXPECT_THAT(err_.str(), HasSubstr("holds expectations for gccgo12 on linux_x86_64, but the plan runs go1.19.8"));
}

TEST_F(ConformanceRunTest, BadPlanIsBadInput) {
  EXPECT_CALL(launcher_, Launch(_)).Times(0);
  WriteFile(flags_.plan, "{\"runtime\": \"x\",}");
  EXPECT_EQ(Run(), kExitBadInput);
  EXPECT_THAT(err_.str(), HasSubstr("plan: not valid JSON: line 1, column 17"));
  flags_.plan = (dir_ / "nope.json").string();
  EXPECT_EQ(Run(), kExitBadInput);
  EXPECT_THAT(err_.str(), HasSubstr("cannot read"));
}

TEST_F(ConformanceRunTest, MissingOrNonExecutableDriverIsBadInput) {
  flags_.update_expectations = true;
  chmod(driver_.c_str(), 0644);
  EXPECT_CALL(launcher_, Launch(_)).Times(0);
  EXPECT_EQ(Run(), kExitBadInput);
  EXPECT_THAT(err_.str(), HasSubstr("driver of case deep_stack_nested: " + driver_ + " is not executable"));
  EXPECT_THAT(err_.str(), Not(HasSubstr("missing_but_skipped")));
  fs::remove(driver_);
  EXPECT_EQ(Run(), kExitBadInput);
  EXPECT_THAT(err_.str(), HasSubstr("does not exist"));
}

TEST_F(ConformanceRunTest, BazelLocationsForOutputsJUnitAndUpdates) {
  ExpectRuns(ExitedWith(0));
  fs::create_directories(dir_ / "outputs");
  fs::create_directories(dir_ / "workspace");
  bazel_.undeclared_outputs_dir = (dir_ / "outputs").string();
  bazel_.xml_output_file = (dir_ / "test.xml").string();
  bazel_.workspace_dir = (dir_ / "workspace").string();
  flags_.results = "results.json";
  flags_.expectations = "conformance/expectations/go1.19.8.linux_x86_64.json";
  flags_.update_expectations = true;
  ASSERT_EQ(Run(), kExitAsExpected) << err_.str();
  EXPECT_TRUE(FileExists((dir_ / "outputs" / "results.json").string()));
  EXPECT_TRUE(FileExists((dir_ / "workspace" / flags_.expectations).string()));
  std::string xml = ReadFile(bazel_.xml_output_file);
  EXPECT_THAT(xml, HasSubstr("<testsuite name=\"go1.19.8.linux_x86_64.default\" tests=\"5\" failures=\"0\""));
}

TEST_F(ConformanceRunTest, EachClaimedAttemptKeepsItsOwnResults) {
  ExpectRuns(KilledBy(SIGTRAP, "fatal: morestack on g0\n"));
  flags_.update_expectations = true;
  ASSERT_EQ(Run(), kExitAsExpected) << err_.str();
  flags_.update_expectations = false;
  flags_.claim_attempt = true;
  flags_.results = (dir_ / "out" / "go.results.json").string();

  ASSERT_EQ(Run(), kExitAsExpected) << err_.str();
  EXPECT_THAT(out_.str(), Not(HasSubstr(", attempt")));
  testing::Mock::VerifyAndClearExpectations(&launcher_);
  ExpectRuns(ExitedWith(0));  // Bazel's retry: this attempt differs
  ASSERT_EQ(Run(), kExitVerdictsChanged);
  EXPECT_THAT(out_.str(), HasSubstr("profile default: 4 cases, attempt 2\n"));
  EXPECT_THAT(out_.str(), HasSubstr("results: " + (dir_ / "out" / "go.attempt-2.results.json").string()));

  EXPECT_FALSE(FileExists(flags_.results));
  ResultsDocument first = ParseResults(ReadFile((dir_ / "out" / "go.attempt-1.results.json").string()));
  ResultsDocument second = ParseResults(ReadFile((dir_ / "out" / "go.attempt-2.results.json").string()));
  ASSERT_EQ(first.results.size(), 5u);
  ASSERT_EQ(second.results.size(), 5u);
  EXPECT_EQ(first.results[0].case_name, "deep_stack_nested");
  EXPECT_EQ(first.results[0].verdict, Verdict::kCrash);
  EXPECT_EQ(second.results[0].verdict, Verdict::kPass);
  for (const CaseResult& r : first.results) EXPECT_EQ(r.attempt, 1) << r.case_name;
  for (const CaseResult& r : second.results) EXPECT_EQ(r.attempt, 2) << r.case_name;
}

// Bazel kills an attempt that outlives its timeout, and the runner writes nothing then: what
// is on disk while a case runs is what such an attempt leaves.
TEST_F(ConformanceRunTest, ResultsAreOnDiskAfterEveryCaseWithTheRunningOneNamed) {
  ExpectRuns(ExitedWith(0));
  flags_.update_expectations = true;
  ASSERT_EQ(Run(), kExitAsExpected) << err_.str();
  flags_.update_expectations = false;
  flags_.claim_attempt = true;
  flags_.results = (dir_ / "out" / "go.results.json").string();
  const std::string attempt_file = (dir_ / "out" / "go.attempt-1.results.json").string();

  testing::Mock::VerifyAndClearExpectations(&launcher_);
  std::map<std::string, ResultsDocument> on_disk;  // by the running case's argument
  int later_claim = 0;
  EXPECT_CALL(launcher_, Launch(_)).WillRepeatedly([&](const LaunchRequest& r) {
    on_disk[r.argv.at(1)] = ParseResults(ReadFile(attempt_file));
    if (r.argv.at(1) == "c") later_claim = ClaimAttemptResults(flags_.results).attempt;
    if (r.argv.at(1) == "nested") return KilledBy(SIGTRAP, "fatal: morestack on g0\n");
    return ExitedWith(0, "XCALL_METRIC ns_per_call=100\n");
  });
  ASSERT_EQ(Run(), kExitVerdictsChanged);

  const std::vector<CaseResult>& first = on_disk["nested"].results;
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].case_name, "deep_stack_nested");
  EXPECT_EQ(first[0].verdict, Verdict::kTimeout);
  EXPECT_EQ(first[0].detail, kStoppedWhileRunning);
  EXPECT_EQ(first[0].profile, "default");

  const std::vector<CaseResult>& third = on_disk["c"].results;
  ASSERT_EQ(third.size(), 3u);
  EXPECT_EQ(third[0].case_name, "deep_stack_nested");
  EXPECT_EQ(third[0].verdict, Verdict::kCrash);
  EXPECT_EQ(third[0].detail, "SIGTRAP: fatal: morestack on g0");
  EXPECT_EQ(third[1].case_name, "main_thread_calls");
  EXPECT_EQ(third[1].verdict, Verdict::kPass);
  EXPECT_EQ(third[1].metrics.at("ns_per_call"), 100);
  EXPECT_EQ(third[2].case_name, "c_thread_calls");
  EXPECT_EQ(third[2].verdict, Verdict::kTimeout);
  for (const CaseResult& r : third) EXPECT_EQ(r.attempt, 1) << r.case_name;
  // Rewritten by rename, the claimed file never went away: a retry meanwhile got number 2.
  EXPECT_EQ(later_claim, 2);

  ResultsDocument final_results = ParseResults(ReadFile(attempt_file));
  ASSERT_EQ(final_results.results.size(), 5u);
  EXPECT_EQ(final_results.results[2].verdict, Verdict::kPass);
  EXPECT_EQ(final_results.results[3].case_name, "switched_stack");
  EXPECT_EQ(final_results.results[4].case_name, "main_thread_cost_ratio");
  for (const fs::directory_entry& e : fs::directory_iterator(dir_ / "out")) {
    EXPECT_THAT(e.path().filename().string(), Not(HasSubstr(".tmp"))) << "a temporary file was left";
  }
}

TEST_F(ConformanceRunTest, UnclaimableResultsFileIsBadInputBeforeRunning) {
  WriteFile((dir_ / "out").string(), "a file where the results directory should be");
  flags_.update_expectations = true;
  flags_.claim_attempt = true;
  EXPECT_CALL(launcher_, Launch(_)).Times(0);
  EXPECT_EQ(Run(), kExitBadInput);
  EXPECT_THAT(err_.str(), HasSubstr("cannot create " + (dir_ / "out" / "results.attempt-1.json").string()));
}

TEST_F(ConformanceRunTest, JUnitFailsOnlyChangedVerdicts) {
  ExpectRuns(KilledBy(SIGSEGV));
  flags_.update_expectations = true;
  ASSERT_EQ(Run(), kExitAsExpected);
  flags_.update_expectations = false;
  flags_.junit = (dir_ / "junit.xml").string();
  ASSERT_EQ(Run(), kExitAsExpected);
  EXPECT_THAT(ReadFile(flags_.junit), HasSubstr("tests=\"5\" failures=\"0\""));
  testing::Mock::VerifyAndClearExpectations(&launcher_);
  ExpectRuns(ExitedWith(0));
  ASSERT_EQ(Run(), kExitVerdictsChanged);
  std::string xml = ReadFile(flags_.junit);
  EXPECT_THAT(xml, HasSubstr("tests=\"5\" failures=\"1\""));
  EXPECT_THAT(xml, HasSubstr("message=\"deep_stack_nested [default]: expected crash, got pass\""));
}

}  // namespace
}  // namespace xcall::runner
