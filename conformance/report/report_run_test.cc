// xcall_report end to end: files in, four files out, exit codes.
#include "conformance/report/report_run.h"

#include <filesystem>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "conformance/report/report_test_results.h"
#include "conformance/runner/file_io.h"

namespace xcall::report {
namespace {

using testing::HasSubstr;
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
  EXPECT_THAT(out_.str(), HasSubstr("xrt0.1    windows_x86_64     3     0      0        0     0  120.0"));
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

TEST_F(ReportRunTest, BadResultsFileIsBadInput) {
  runner::WriteFile((dir_ / "bad.json").string(), "{\"results\": [{\"runtime\": 3}]}");
  flags_.results.push_back((dir_ / "bad.json").string());
  EXPECT_EQ(Run(), kReportBadInput);
  EXPECT_THAT(err_.str(), HasSubstr("bad.json: results: results[0].runtime: expected a string"));
  flags_.results = {(dir_ / "missing.json").string()};
  EXPECT_EQ(Run(), kReportBadInput);
  EXPECT_THAT(err_.str(), HasSubstr("cannot read"));
}

TEST(ReportFlagsTest, ParsesRepeatedFlagsAndRejectsBadOnes) {
  ReportFlags f = ParseReportFlags({"--results=a.json", "--results", "b.json", "--out=dir", "--require_pass=xrt0.1"});
  EXPECT_EQ(f.results, (std::vector<std::string>{"a.json", "b.json"}));
  EXPECT_EQ(f.out_dir, "dir");
  EXPECT_EQ(f.require_pass, std::vector<std::string>{"xrt0.1"});
  auto error = [](const std::vector<std::string>& args) {
    try {
      ParseReportFlags(args);
    } catch (const ReportUsageError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(error({"--out=d"}), "at least one --results=FILE is required");
  EXPECT_EQ(error({"--results=a"}), "--out=DIR is required");
  EXPECT_EQ(error({"--results=a", "--out=d", "--colour"}), "unknown flag \"--colour\"");
  EXPECT_EQ(error({"--results="}), "--results needs a non-empty value");
}

}  // namespace
}  // namespace xcall::report
