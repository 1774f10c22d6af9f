#include "conformance/report/report_run.h"

#include "conformance/report/attempt_history.h"
#include "conformance/report/certification_junit.h"
#include "conformance/report/certification_matrix.h"
#include "conformance/report/html_report.h"
#include "conformance/report/markdown_report.h"
#include "conformance/report/report_sections.h"
#include "conformance/report/results_merge.h"
#include "conformance/report/text_matrix.h"
#include "conformance/runner/file_io.h"
#include "conformance/runner/json.h"
#include "conformance/runner/outcome_classifier.h"

namespace xcall::report {

int RunReport(const ReportFlags& flags, std::ostream& out, std::ostream& err) {
  std::vector<ResultsSource> sources;
  for (const std::string& path : flags.results) {
    try {
      sources.push_back({path, runner::ParseResults(runner::ReadFile(path))});
    } catch (const std::exception& e) {
      err << "xcall_report: " << path << ": " << e.what() << "\n";
      return kReportBadInput;
    }
  }
  MergedResults merged = MergeResults(sources);
  for (const std::string& w : merged.warnings) err << "xcall_report: warning: " << w << "\n";
  for (const runner::MissingRun& m : flags.missing_runs) AddMissingRun(merged.document, m);
  const runner::ResultsDocument& document = merged.document;
  const std::vector<runner::MissingRun> missing_runs = SortedMissingRuns(document.missing_runs);

  out << TextMatrix(BuildMatrix(document.results, document.missing_runs));
  for (const runner::CaseResult& r : FlakyResults(document.results)) {
    out << "flaky: " << r.runtime << " " << r.target << " [" << r.profile << "] " << r.case_name << ": "
        << AttemptsLine(AllAttempts(r)) << "\n";
  }
  for (const runner::MissingRun& m : missing_runs) out << "missing run: " << RunTitle(m) << ": " << m.reason << "\n";
  const std::string dir = flags.out_dir;
  // report.json always has the list, so that a reader can tell "none missing" from a report
  // written before runs could be missing; a runner's own results file never has it.
  json::Value report_json = runner::ResultsToJson(document);
  if (report_json.Find("missing_runs") == nullptr) report_json.Set("missing_runs", json::Value::Array{});
  try {
    runner::WriteFile(dir + "/report.json", json::Serialize(report_json));
    runner::WriteFile(dir + "/report.md", MarkdownReport(document));
    runner::WriteFile(dir + "/report.html", HtmlReport(document));
    runner::WriteFile(dir + "/junit.xml", CertificationJUnit(document));
  } catch (const std::exception& e) {
    err << "xcall_report: " << e.what() << "\n";
    return kReportBadInput;
  }
  out << "wrote " << dir << "/report.json, report.md, report.html, junit.xml ("
      << document.results.size() << " verdicts"
      << (missing_runs.empty() ? "" : "; " + std::to_string(missing_runs.size()) + " missing run(s)") << ")\n";

  int status = kReportWritten;
  for (const std::string& runtime : flags.require_pass) {
    int seen = 0;
    std::vector<runner::CaseResult> failures;
    for (const runner::CaseResult& r : NonPassResults(document.results)) {
      if (r.runtime == runtime) failures.push_back(r);
    }
    for (const runner::CaseResult& r : document.results) seen += r.runtime == runtime;
    // A run that left no results may have held any verdict: a required runtime cannot pass
    // with one missing, however well its other runs did.
    for (const runner::MissingRun& m : missing_runs) {
      if (m.runtime != runtime) continue;
      err << "xcall_report: required runtime " << runtime << ": " << m.name() << " left no results: "
          << m.reason << "\n";
      status = kRequiredRuntimeFailed;
    }
    if (seen == 0) {
      err << "xcall_report: required runtime " << runtime << " has no results\n";
      status = kRequiredRuntimeFailed;
      continue;
    }
    for (const runner::CaseResult& r : failures) {
      err << "xcall_report: required runtime " << runtime << ": " << r.case_name << " on " << r.target
          << " [" << r.profile << "]: " << runner::VerdictName(r.verdict) << ": "
          << runner::DetailHeadline(r.detail)
          << (r.earlier_attempts.empty() ? "" : " (after " + AttemptsLine(r.earlier_attempts) + ")") << "\n";
      status = kRequiredRuntimeFailed;
    }
    // The final attempt decides, as it does for Bazel; a pass that needed a retry is named.
    for (const runner::CaseResult& r : document.results) {
      if (r.runtime != runtime || !PassedOnlyOnRetry(r)) continue;
      err << "xcall_report: required runtime " << runtime << ": " << r.case_name << " on " << r.target
          << " [" << r.profile << "] passed only on attempt " << r.attempt << " ("
          << AttemptsLine(r.earlier_attempts) << ")\n";
    }
  }
  return status;
}

}  // namespace xcall::report
