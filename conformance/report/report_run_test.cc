// xcall_report end to end: files in, four files out, exit codes.
#include "conformance/report/report_run.h"

#include <algorithm>
#include <filesystem>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "conformance/report/report_test_results.h"
#include "conformance/runner/file_io.h"

namespace xcall::report {
namespace {

using testing::HasSubstr;
using testing::Not;
using runner::Verdict;
namespace fs = std::filesystem;

class ReportRunTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(testing::TempDir()) /
           ("report_run_" + std::string(testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    // Split the test certification in two files, as separate runner invocations would.
    runner::ResultsDocument all = TestCertification();
    runner::ResultsDocument xrt{all.suite_version, all.host, {}}, go{all.suite_version, all.host, {}};
    for (const auto& r : all.results) (r.runtime == "xrt0.1" ? xrt : go).results.push_back(r);
    runner::WriteFile((dir_ / "xrt.json").string(), runner::SerializeResults(xrt));
    runner::WriteFile((dir_ / "go.json").string(), runner::SerializeResults(go));
    flags_.results = {(dir_ / "xrt.json").string(), (dir_ / "go.json").string()};
    flags_.out_dir = (dir_ / "certification").string();
  }

  int Run() {
    out_.str("");
    err_.str("");
    return RunReport(flags_, out_, err_);
  }

  fs::path dir_;
  ReportFlags flags_;
  std::ostringstream out_, err_;
};

TEST_F(ReportRunTest, WritesAllFourFilesAndPrintsTheMatrix) {
  ASSERT_EQ(Run(), kReportWritten) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("go1.19.8  linux_x86_64       3     1      1        1     1"));
  EXPECT_THAT(out_.str(), HasSubstr("xrt0.1    windows_x86_64     3     0      0        0     0      0        0  120.0"));
  EXPECT_THAT(out_.str(), Not(HasSubstr("flaky:")));
  runner::ResultsDocument merged =
      runner::ParseResults(runner::ReadFile(flags_.out_dir + "/report.json"));
  EXPECT_EQ(merged.results.size(), TestCertification().results.size());
  EXPECT_THAT(runner::ReadFile(flags_.out_dir + "/report.md"), HasSubstr("# xcall certification report"));
  EXPECT_THAT(runner::ReadFile(flags_.out_dir + "/report.html"), HasSubstr("<svg"));
  std::string junit = runner::ReadFile(flags_.out_dir + "/junit.xml");
  EXPECT_THAT(junit, HasSubstr("<testsuites tests=\"16\" failures=\"1\" errors=\"2\" skipped=\"1\""));
  EXPECT_THAT(junit, HasSubstr("<error message=\"crash: SIGTRAP: fatal: morestack on g0\">"));
}

TEST_F(ReportRunTest, RequiredRuntimeThatPassesEverythingExitsZero) {
  flags_.require_pass = {"xrt0.1"};
  EXPECT_EQ(Run(), kReportWritten) << err_.str();
}

TEST_F(ReportRunTest, RequiredRuntimeWithFindingsOrNoResultsExitsOne) {
  flags_.require_pass = {"go1.19.8"};
  EXPECT_EQ(Run(), kRequiredRuntimeFailed);
  EXPECT_THAT(err_.str(), HasSubstr("required runtime go1.19.8: deep_stack_nested on linux_x86_64 [default]: "
                                    "crash: SIGTRAP: fatal: morestack on g0"));
  EXPECT_TRUE(fs::exists(flags_.out_dir + "/report.html"));  // the report is written anyway
  flags_.require_pass = {"gccgo12"};
  EXPECT_EQ(Run(), kRequiredRuntimeFailed);
  EXPECT_THAT(err_.str(), HasSubstr("required runtime gccgo12 has no results"));
}

// ci/certify names the runs that left no results; xcall_report must not lose them.
TEST_F(ReportRunTest, MissingRunsAreOnStdoutAndInReportJson) {
  flags_.missing_runs = {{"xrt0.1", "windows_x86_64", "no_getattr_np", "attempt 1 left an empty results file"},
                         {"go1.19.8", "linux_aarch64", "default", "no results file: build failure; see test.log"}};
  ASSERT_EQ(Run(), kReportWritten) << err_.str();  // nothing is required to pass
  EXPECT_THAT(out_.str(), HasSubstr("missing run: go1.19.8 linux_aarch64 [default]: no results file: build failure; "
                                    "see test.log\nmissing run: xrt0.1 windows_x86_64 [no_getattr_np]: attempt 1 left "
                                    "an empty results file\n"));
  EXPECT_THAT(out_.str(), HasSubstr("(16 verdicts; 2 missing run(s))"));
  std::string text = runner::ReadFile(flags_.out_dir + "/report.json");
  runner::ResultsDocument report = runner::ParseResults(text);
  EXPECT_EQ(report.results.size(), TestCertification().results.size());
  ASSERT_EQ(report.missing_runs.size(), 2u);
  EXPECT_EQ(report.missing_runs[0], flags_.missing_runs[0]);  // in the order given
  EXPECT_EQ(report.missing_runs[1].reason, "no results file: build failure; see test.log");
  EXPECT_THAT(runner::ReadFile(flags_.out_dir + "/report.md"),
              HasSubstr("| go1.19.8 | linux_aarch64 | default | no results file: build failure; see test.log |\n"));
  EXPECT_THAT(runner::ReadFile(flags_.out_dir + "/report.html"), HasSubstr("<h2>Runs without results</h2>\n<p><span"));
  EXPECT_THAT(runner::ReadFile(flags_.out_dir + "/junit.xml"),
              HasSubstr("<testcase name=\"run_without_results\" classname=\"xrt0.1.windows_x86_64.no_getattr_np\""));

  // Read back, the report keeps them; named again, they are not doubled.
  flags_.results = {flags_.out_dir + "/report.json"};
  flags_.out_dir = (dir_ / "again").string();
  ASSERT_EQ(Run(), kReportWritten) << err_.str();
  EXPECT_EQ(runner::ParseResults(runner::ReadFile(flags_.out_dir + "/report.json")).missing_runs, report.missing_runs);
}

TEST_F(ReportRunTest, ReportJsonSaysWhenNoRunIsMissing) {
  ASSERT_EQ(Run(), kReportWritten) << err_.str();
  json::Value report = json::Parse(runner::ReadFile(flags_.out_dir + "/report.json"));
  ASSERT_NE(report.Find("missing_runs"), nullptr);
  EXPECT_TRUE(report.Find("missing_runs")->AsArray().empty());
  EXPECT_THAT(out_.str(), Not(HasSubstr("missing run")));
}

TEST_F(ReportRunTest, RequiredRuntimeWithAMissingRunExitsOneEvenIfEveryCaseItRanPassed) {
  flags_.require_pass = {"xrt0.1"};
  flags_.missing_runs = {{"xrt0.1", "windows_x86_64", "no_getattr_np", "no results file: build failure; see test.log"},
                         {"go1.19.8", "linux_aarch64", "default", "no results file"}};
  EXPECT_EQ(Run(), kRequiredRuntimeFailed);
  EXPECT_EQ(err_.str(), "xcall_report: required runtime xrt0.1: xrt0.1__windows_x86_64__no_getattr_np left no "
                        "results: no results file: build failure; see test.log\n");
  EXPECT_TRUE(fs::exists(flags_.out_dir + "/report.md"));  // the report is written anyway

  // Another runtime's missing run is a finding in the report, not a failure of xrt.
  flags_.missing_runs.erase(flags_.missing_runs.begin());
  EXPECT_EQ(Run(), kReportWritten) << err_.str();
}

TEST_F(ReportRunTest, OnlyMissingRunsStillWriteEveryFile) {
  flags_.results.clear();
  flags_.require_pass = {"xrt0.1"};
  flags_.missing_runs = {{"xrt0.1", "linux_x86_64", "default", "no results file"}};
  EXPECT_EQ(Run(), kRequiredRuntimeFailed);
  EXPECT_THAT(err_.str(), HasSubstr("required runtime xrt0.1: xrt0.1__linux_x86_64__default left no results"));
  EXPECT_THAT(err_.str(), HasSubstr("required runtime xrt0.1 has no results"));
  for (const char* file : {"report.json", "report.md", "report.html", "junit.xml"}) {
    EXPECT_TRUE(fs::exists(flags_.out_dir + "/" + file)) << file;
  }
}

TEST_F(ReportRunTest, BadResultsFileIsBadInput) {
  runner::WriteFile((dir_ / "bad.json").string(), "{\"results\": [{\"runtime\": 3}]}");
  flags_.results.push_back((dir_ / "bad.json").string());
  EXPECT_EQ(Run(), kReportBadInput);
  EXPECT_THAT(err_.str(), HasSubstr("bad.json: results: results[0].runtime: expected a string"));
  flags_.results = {(dir_ / "missing.json").string()};
  EXPECT_EQ(Run(), kReportBadInput);
  EXPECT_THAT(err_.str(), HasSubstr("cannot read"));
}

// ci/certify passes every attempt file of a retried test.
class ReportRunAttemptsTest : public ReportRunTest {
 protected:
  void SetUp() override {
    ReportRunTest::SetUp();
    flags_.results.clear();
    std::vector<runner::ResultsDocument> attempts = TestRetriedRun();
    for (size_t i = 0; i < attempts.size(); ++i) {
      std::string path = (dir_ / ("xrt.attempt-" + std::to_string(i + 1) + ".results.json")).string();
      runner::WriteFile(path, runner::SerializeResults(attempts[i]));
      flags_.results.push_back(path);
    }
  }
};

TEST_F(ReportRunAttemptsTest, ReportJsonKeepsEveryAttemptAndStdoutNamesFlakyCases) {
  ASSERT_EQ(Run(), kReportWritten) << err_.str();
  EXPECT_EQ(err_.str(), "");  // attempts are not duplicates
  EXPECT_THAT(out_.str(), HasSubstr("flaky: xrt0.1 windows_x86_64 [default] early_call: attempt 1: timeout: no exit "
                                    "within 60 s; process group killed: waiting for the callback; attempt 2: pass\n"));
  EXPECT_THAT(out_.str(), HasSubstr("flaky: xrt0.1 windows_x86_64 [default] syscall_migration: attempt 1: pass; "
                                    "attempt 2: fail"));
  runner::ResultsDocument report = runner::ParseResults(runner::ReadFile(flags_.out_dir + "/report.json"));
  ASSERT_EQ(report.results.size(), 4u);
  EXPECT_EQ(report.results[0].case_name, "early_call");
  EXPECT_EQ(report.results[0].verdict, Verdict::kPass);
  EXPECT_EQ(report.results[0].attempt, 2);
  ASSERT_EQ(report.results[0].earlier_attempts.size(), 1u);
  EXPECT_EQ(report.results[0].earlier_attempts[0].verdict, Verdict::kTimeout);
  EXPECT_THAT(report.results[0].earlier_attempts[0].detail, HasSubstr("\nwaiting for the callback"));
  EXPECT_THAT(runner::ReadFile(flags_.out_dir + "/report.md"), HasSubstr("### flaky: xrt0.1 windows_x86_64 [default] early_call"));

  std::string junit = runner::ReadFile(flags_.out_dir + "/junit.xml");
  EXPECT_THAT(junit, HasSubstr("<system-out>flaky, attempts:\nattempt 1: timeout: no exit within 60 s;"));
  EXPECT_THAT(junit, HasSubstr("<failure message=\"fail: exit status 2: fatal error: unexpected signal during runtime "
                               "execution (flaky: attempt 1: pass)\">"));
}

TEST_F(ReportRunAttemptsTest, RequiredRuntimeIsJudgedOnTheFinalAttemptAndRetriesAreNamed) {
  flags_.require_pass = {"xrt0.1"};
  EXPECT_EQ(Run(), kRequiredRuntimeFailed);
  EXPECT_THAT(err_.str(), HasSubstr("required runtime xrt0.1: syscall_migration on windows_x86_64 [default]: fail: "
                                    "exit status 2: fatal error: unexpected signal during runtime execution "
                                    "(after attempt 1: pass)\n"));
  EXPECT_THAT(err_.str(), HasSubstr("required runtime xrt0.1: early_call on windows_x86_64 [default] passed only on "
                                    "attempt 2 (attempt 1: timeout: no exit within 60 s; process group killed: "
                                    "waiting for the callback)\n"));

  // Without the cases that did not pass in the end, a pass on retry is still a pass.
  std::vector<runner::ResultsDocument> attempts = TestRetriedRun();
  for (size_t i = 0; i < attempts.size(); ++i) {
    auto& results = attempts[i].results;
    results.erase(std::remove_if(results.begin(), results.end(),
                                 [](const runner::CaseResult& r) {
                                   return r.case_name == "syscall_migration" || r.case_name == "switched_stack";
                                 }),
                  results.end());
    runner::WriteFile(flags_.results[i], runner::SerializeResults(attempts[i]));
  }
  EXPECT_EQ(Run(), kReportWritten) << err_.str();
  EXPECT_THAT(err_.str(), HasSubstr("early_call on windows_x86_64 [default] passed only on attempt 2"));
  EXPECT_THAT(err_.str(), Not(HasSubstr("main_thread_calls")));  // passed both times: nothing to name
}

}  // namespace
}  // namespace xcall::report
