#include "conformance/runner/results_progress.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "conformance/runner/file_io.h"

namespace xcall::runner {
namespace {

namespace fs = std::filesystem;

CaseResult Named(const std::string& name) {
  CaseResult r;
  r.runtime = "xrt";
  r.target = "linux_aarch64";
  r.profile = "no_getattr_np";
  r.case_name = name;
  return r;
}

TEST(ResultsProgressTest, TheRunningCaseIsATimeoutUntilItsResultReplacesIt) {
  const fs::path dir = fs::path(testing::TempDir()) / "results_progress";
  fs::remove_all(dir);
  const std::string path = (dir / "x.attempt-3.results.json").string();
  ResultsProgress progress(path, {"suite 1", "host", {}}, 3);

  CaseResult looks_done = Named("early_call");
  looks_done.verdict = Verdict::kPass;  // whatever the caller filled in, it has not run yet
  looks_done.metrics["ns_per_call"] = 1;
  progress.Starting(looks_done);
  ResultsDocument on_disk = ParseResults(ReadFile(path));
  EXPECT_EQ(on_disk.suite_version, "suite 1");
  ASSERT_EQ(on_disk.results.size(), 1u);
  EXPECT_EQ(on_disk.results[0].case_name, "early_call");
  EXPECT_EQ(on_disk.results[0].target, "linux_aarch64");
  EXPECT_EQ(on_disk.results[0].verdict, Verdict::kTimeout);
  EXPECT_EQ(on_disk.results[0].detail, kStoppedWhileRunning);
  EXPECT_TRUE(on_disk.results[0].metrics.empty());
  EXPECT_EQ(on_disk.results[0].attempt, 3);
  EXPECT_TRUE(progress.results().empty());

  CaseResult done = Named("early_call");
  done.verdict = Verdict::kCrash;
  done.detail = "SIGSEGV";
  progress.Finished(done);
  on_disk = ParseResults(ReadFile(path));
  ASSERT_EQ(on_disk.results.size(), 1u);
  EXPECT_EQ(on_disk.results[0].verdict, Verdict::kCrash);
  EXPECT_EQ(on_disk.results[0].attempt, 3);
  ASSERT_EQ(progress.results().size(), 1u);
  EXPECT_EQ(progress.results()[0].attempt, 3);
}

TEST(ResultsProgressTest, AnUnwritablePathIsAFileError) {
  const fs::path dir = fs::path(testing::TempDir()) / "results_progress_unwritable";
  fs::remove_all(dir);
  fs::create_directories(dir);
  WriteFile((dir / "file").string(), "");
  ResultsProgress progress((dir / "file" / "x.json").string(), {"s", "h", {}}, 1);
  EXPECT_THROW(progress.Starting(Named("a")), FileError);
}

}  // namespace
}  // namespace xcall::runner
