#include "conformance/runner/conformance_run.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "conformance/runner/case_runner.h"
#include "conformance/runner/expectations.h"
#include "conformance/runner/expectations_update.h"
#include "conformance/runner/file_io.h"
#include "conformance/runner/junit_xml.h"
#include "conformance/runner/launcher_unavailable.h"
#include "conformance/runner/outcome_classifier.h"
#include "conformance/runner/performance_check.h"
#include "conformance/runner/results_attempt.h"
#include "conformance/runner/results_file.h"
#include "conformance/runner/results_progress.h"
#include "conformance/runner/runtime_identity.h"

namespace xcall::runner {
namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string Under(const std::string& dir, const std::string& path) {
  if (dir.empty() || path.empty() || path[0] == '/') return path;
  return dir + "/" + path;
}

std::string CaseLine(const CaseResult& r) {
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2f s", r.seconds);
  std::string line = std::string(VerdictName(r.verdict));
  line.resize(8, ' ');
  line += r.case_name + " [" + r.profile + "]  " + seconds;
  std::string headline = DetailHeadline(r.detail);
  if (!headline.empty()) line += "  " + headline;
  for (const auto& [k, v] : r.metrics) {
    char metric[64];
    std::snprintf(metric, sizeof metric, "  %s=%g", k.c_str(), v);
    line += metric;
  }
  return line;
}

// A case's names, before it has any outcome.
CaseResult NamesOnly(const Plan& plan, const PlanCase& c) {
  CaseResult r;
  r.runtime = plan.runtime;
  r.target = plan.target;
  r.profile = plan.profile;
  r.case_name = c.name;
  return r;
}

// What the runner says when the plan's launcher cannot run here; `where` is how far it got.
std::string LauncherCannotRun(const Plan& plan, const std::string& where,
                              const LauncherUnavailable& e) {
  return "xcall_runner: the launcher " + plan.launcher + " cannot run here (exit status " +
         std::to_string(kLauncherCannotRunStatus) + "); " + where + ", no verdicts written:\n" +
         e.what() + "\n";
}

std::string HowToRecord(const BazelEnvironment& bazel) {
  std::string how = "If the new verdicts are what the runtime really does, record them with ";
  if (!bazel.test_target.empty()) {
    how += "`bazel run " + bazel.test_target + " -- --update_expectations`";
  } else {
    how += "`xcall_runner ... --update_expectations`";
  }
  return how + " and commit the expectations file (never edit a case to change a verdict).";
}

std::vector<JUnitCase> ExpectationJUnit(const Plan& plan, const std::vector<CaseResult>& results,
                                        const std::vector<VerdictChange>& changes) {
  const std::string suite = plan.runtime + "." + plan.target + "." + plan.profile;
  std::vector<JUnitCase> cases;
  auto change_for = [&](const std::string& name) -> const VerdictChange* {
    for (const VerdictChange& c : changes) {
      if (c.case_name == name) return &c;
    }
    return nullptr;
  };
  for (const CaseResult& r : results) {
    JUnitCase j;
    j.suite = suite;
    j.name = r.case_name;
    j.seconds = r.seconds;
    j.text = std::string("verdict: ") + VerdictName(r.verdict) + (r.detail.empty() ? "" : "\n" + r.detail);
    if (const VerdictChange* c = change_for(r.case_name)) {
      j.outcome = JUnitCase::Outcome::kFailure;
      j.message = DescribeChange(*c);
    }
    cases.push_back(j);
  }
  for (const VerdictChange& c : changes) {
    if (c.got) continue;
    JUnitCase j;
    j.suite = suite;
    j.name = c.case_name;
    j.outcome = JUnitCase::Outcome::kFailure;
    j.message = DescribeChange(c);
    cases.push_back(j);
  }
  return cases;
}

}  // namespace

BazelEnvironment BazelEnvironment::FromProcess() {
  return {Env("TEST_UNDECLARED_OUTPUTS_DIR"), Env("XML_OUTPUT_FILE"),
          Env("BUILD_WORKSPACE_DIRECTORY"), Env("TEST_TARGET")};
}

std::vector<std::string> CheckPlanFiles(const Plan& plan) {
  std::vector<std::string> problems;
  auto check = [&](const std::string& path, bool must_execute, const std::string& role) {
    if (!FileExists(path)) {
      problems.push_back(role + " " + path + " does not exist (paths are relative to the working directory)");
    } else if (must_execute && access(path.c_str(), X_OK) != 0) {
      problems.push_back(role + " " + path + " is not executable");
    }
  };
  if (!plan.launcher.empty()) check(plan.launcher, true, "launcher");
  if (!plan.identity_driver.empty()) {
    check(plan.identity_driver, plan.launcher.empty(), "identity driver");
  }
  for (const PlanCase& c : plan.cases) {
    bool skipped = false;
    for (const std::string& f : c.features) skipped = skipped || plan.unsupported.count(f) > 0;
    if (!skipped) check(c.driver, plan.launcher.empty(), "driver of case " + c.name + ":");
  }
  return problems;
}

int RunConformance(const RunnerFlags& flags, const BazelEnvironment& bazel, CaseLauncher& launcher,
                   std::ostream& out, std::ostream& err) {
  Plan plan;
  try {
    plan = ParsePlan(ReadFile(flags.plan));
  } catch (const std::exception& e) {
    err << "xcall_runner: " << flags.plan << ": " << e.what() << "\n";
    return kExitBadInput;
  }

  // `bazel run ... -- --update_expectations` must change the source tree, not runfiles.
  const std::string expectations_path =
      flags.update_expectations ? Under(bazel.workspace_dir, flags.expectations) : flags.expectations;
  Expectations expectations;
  try {
    expectations = ReadExpectationsFile(expectations_path, plan.runtime, plan.target);
  } catch (const ExpectationsError& e) {  // names the file
    err << "xcall_runner: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const std::exception& e) {
    err << "xcall_runner: " << expectations_path << ": " << e.what() << "\n";
    return kExitBadInput;
  }
  if (!FileExists(expectations_path) && !flags.update_expectations) {
    err << "xcall_runner: no expectations file " << expectations_path << "\n"
        << HowToRecord(bazel) << "\n";
    return kExitBadInput;
  }

  std::vector<std::string> problems = CheckPlanFiles(plan);
  if (!problems.empty()) {
    for (const std::string& p : problems) err << "xcall_runner: " << p << "\n";
    return kExitBadInput;
  }

  // Which runtime the drivers are linked with, before anything is claimed or run.
  std::string linked_runtime;  // every result carries it (case_result.h)
  if (!plan.identity_driver.empty()) {
    RuntimeIdentity identity;
    try {
      identity = CheckRuntimeIdentity(plan, launcher, std::min(flags.timeout_seconds, 60.0));
    } catch (const LauncherUnavailable& e) {
      err << LauncherCannotRun(plan, "stopped before the first case", e);
      return kExitBadInput;
    }
    switch (identity.status) {
      case RuntimeIdentity::Status::kOtherRuntime:
        err << "xcall_runner: the plan is for " << plan.runtime << ", but its drivers are linked "
            << "with \"" << identity.name << "\" (" << plan.identity_driver
            << " says so); no case run, no verdicts written\n";
        return kExitBadInput;
      case RuntimeIdentity::Status::kConfirmed:
        linked_runtime = identity.name;
        break;
      case RuntimeIdentity::Status::kUnconfirmed:
        linked_runtime = "unconfirmed: " + plan.identity_driver + " gave " + identity.detail;
        break;
    }
  }

  // Claimed before the cases run, so that an attempt killed midway still leaves its trace.
  std::string results_path = Under(bazel.undeclared_outputs_dir, flags.results);
  int attempt = 1;
  if (flags.claim_attempt) {
    try {
      ClaimedAttempt claimed = ClaimAttemptResults(results_path);
      attempt = claimed.attempt;
      results_path = claimed.path;
    } catch (const std::exception& e) {
      err << "xcall_runner: " << e.what() << "\n";
      return kExitBadInput;
    }
  }

  out << "xcall_runner: " << plan.runtime << " on " << plan.target << ", profile " << plan.profile
      << ": " << plan.cases.size() << " cases"
      << (plan.launcher.empty() ? "" : " through " + plan.launcher)
      << (attempt > 1 ? ", attempt " + std::to_string(attempt) : "") << "\n"
      << (linked_runtime.empty() ? "" : "  drivers linked with: " + linked_runtime + "\n");
  out.flush();

  // On disk after every case (results_progress.h): a run killed midway keeps its verdicts.
  ResultsProgress progress(
      results_path,
      {plan.suite_version.empty() ? DefaultSuiteVersion() : plan.suite_version, DescribeHost(), {}},
      attempt, linked_runtime);
  try {
    for (const PlanCase& c : plan.cases) {
      double timeout = flags.timeout_seconds;
      if (c.timeout_seconds > 0 && c.timeout_seconds < timeout) timeout = c.timeout_seconds;
      progress.Starting(NamesOnly(plan, c));
      progress.Finished(RunCase(plan, c, launcher, timeout));
      out << "  " << CaseLine(progress.results().back()) << "\n";
      out.flush();
    }
    if (std::optional<CaseResult> ratio = DeriveMainThreadCostRatio(progress.results())) {
      progress.Finished(*ratio);
      out << "  " << CaseLine(progress.results().back()) << "\n";
    }
  } catch (const LauncherUnavailable& e) {
    // Not a verdict about the runtime: this machine cannot run the target. Leave no results
    // file (not even the claimed one) that could pass for this row's verdicts.
    std::error_code ignored;
    std::filesystem::remove(results_path, ignored);
    err << LauncherCannotRun(plan, "stopped at case " + plan.cases[progress.results().size()].name, e);
    return kExitBadInput;
  } catch (const FileError& e) {
    err << "xcall_runner: " << e.what() << "\n";
    return kExitBadInput;
  }
  const std::vector<CaseResult>& results = progress.results();

  std::vector<VerdictChange> changes =
      flags.update_expectations ? std::vector<VerdictChange>{}
                                : CompareWithExpectations(expectations, plan.profile, results);
  const std::string junit_path =
      flags.junit.empty() ? bazel.xml_output_file : Under(bazel.undeclared_outputs_dir, flags.junit);
  try {
    if (!junit_path.empty()) WriteFile(junit_path, JUnitXml(ExpectationJUnit(plan, results, changes)));
    // Read again and written under a lock: another profile's run may have recorded since.
    if (flags.update_expectations) {
      RecordObservedInFile(expectations_path, plan.runtime, plan.target, plan.profile, results);
    }
  } catch (const std::exception& e) {
    err << "xcall_runner: " << e.what() << "\n";
    return kExitBadInput;
  }
  out << "results: " << results_path << "\n";

  if (flags.update_expectations) {
    out << "recorded " << results.size() << " verdicts for profile " << plan.profile << " in "
        << expectations_path << "\n";
    return kExitAsExpected;
  }
  if (changes.empty()) {
    out << "all " << results.size() << " verdicts match " << flags.expectations << "\n";
    return kExitAsExpected;
  }
  err << changes.size() << " verdict(s) differ from " << flags.expectations << ":\n";
  for (const VerdictChange& c : changes) err << "  " << DescribeChange(c) << "\n";
  err << HowToRecord(bazel) << "\n";
  return kExitVerdictsChanged;
}

}  // namespace xcall::runner
