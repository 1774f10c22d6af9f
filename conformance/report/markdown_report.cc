#include "conformance/report/markdown_report.h"

#include <cstdio>

#include "conformance/report/attempt_history.h"
#include "conformance/report/certification_matrix.h"
#include "conformance/report/report_sections.h"

namespace xcall::report {
namespace {

using runner::VerdictName;

// Table cells cannot hold '|' or newlines.
std::string CellText(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

std::string Fenced(const std::string& detail) {
  return "~~~~\n" + (detail.empty() ? std::string("(no detail)") : detail) + "\n~~~~\n";
}

std::string CaseTitle(const runner::CaseResult& r) {
  return r.runtime + " " + r.target + " [" + r.profile + "] " + r.case_name;
}

// Every flaky case: each attempt's verdict, and the full detail of the earlier attempts that
// did not pass (the final attempt's is under "Non-pass verdicts" when it did not pass).
std::string FlakySection(const std::vector<runner::CaseResult>& results) {
  std::string md = "\n## Verdicts that changed between attempts\n\n";
  int retried = RetriedCount(results);
  std::vector<runner::CaseResult> flaky = FlakyResults(results);
  if (retried == 0) return md + "Every case ran in one attempt.\n";
  md += std::to_string(retried) + " case(s) ran in more than one attempt (Bazel retries a test marked flaky); " +
        std::to_string(flaky.size()) + " got different verdicts in different attempts.\n\n";
  for (const runner::CaseResult& r : flaky) {
    md += "### flaky: " + CaseTitle(r) + ": " + VerdictName(r.verdict) + " on attempt " +
          std::to_string(r.attempt) + "\n\n";
    for (const runner::AttemptResult& a : AllAttempts(r)) md += "- " + AttemptLine(a) + "\n";
    md += "\n";
    for (const runner::AttemptResult& a : r.earlier_attempts) {
      if (a.verdict == runner::Verdict::kPass) continue;
      md += "Attempt " + std::to_string(a.attempt) + ":\n\n" + Fenced(a.detail) + "\n";
    }
  }
  return md;
}

// Every run that left no results, with why: nothing else in the report can show a run that
// is not there.
std::string MissingRunsSection(const std::vector<runner::MissingRun>& missing_runs) {
  std::string md = "\n## Runs without results\n\n";
  if (missing_runs.empty()) return md + "No run was named as missing (ci/certify names every selected run that left no results).\n";
  md += std::to_string(missing_runs.size()) +
        " run(s) left no results, or lost an attempt's: what their cases would have given there is unknown.\n\n";
  md += "| runtime | target | profile | reason |\n|---|---|---|---|\n";
  for (const runner::MissingRun& m : SortedMissingRuns(missing_runs)) {
    md += "| " + CellText(m.runtime) + " | " + CellText(m.target) + " | " + CellText(m.profile) + " | " +
          CellText(m.reason) + " |\n";
  }
  return md;
}

// Which runtime each run's drivers said they are linked with (runtime_identity.h): what was
// certified, beyond the name the run is filed under.
std::string LinkedRuntimesSection(const std::vector<runner::CaseResult>& results) {
  std::string md = "\n## Runtimes the drivers were linked with\n\n";
  std::vector<LinkedRuntime> linked = LinkedRuntimes(results);
  if (linked.empty()) return md + "No run in these results.\n";
  md += "| runtime | target | profile | linked with (xc_runtime_name) |\n|---|---|---|---|\n";
  for (const LinkedRuntime& l : linked) {
    md += "| " + CellText(l.runtime) + " | " + CellText(l.target) + " | " + CellText(l.profile) +
          " | " + CellText(l.linked_runtime) + " |\n";
  }
  return md;
}

}  // namespace

std::string MarkdownReport(const runner::ResultsDocument& document) {
  std::string md = "# xcall certification report\n\n";
  size_t flaky = FlakyResults(document.results).size();
  md += "Suite version " + document.suite_version + "; host " + document.host + "; " +
        std::to_string(document.results.size()) + " verdicts" +
        (flaky ? "; " + std::to_string(flaky) + " flaky (the verdict changed between attempts)" : "") +
        (document.missing_runs.empty()
             ? ""
             : "; **" + std::to_string(document.missing_runs.size()) + " run(s) without results**") +
        ".\n\n## Matrix\n\n";
  md += "| runtime | target | pass | fail | crash | timeout | skip | flaky | missing | main thread ns/call | C threads ns/call |\n";
  md += "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const MatrixRow& row : BuildMatrix(document.results, document.missing_runs)) {
    md += "| " + CellText(row.runtime) + " | " + CellText(row.target) + " |";
    for (Verdict v : kAllVerdicts) md += " " + std::to_string(row.counts.Of(v)) + " |";
    md += " " + std::to_string(row.flaky) + " |";
    md += " " + (row.missing_runs ? "**" + std::to_string(row.missing_runs) + "**" : std::string("0")) + " |";
    md += " " + CellText(FormatCosts(row.main_thread)) + " | " + CellText(FormatCosts(row.c_threads)) + " |\n";
  }

  md += MissingRunsSection(document.missing_runs);
  md += LinkedRuntimesSection(document.results);

  md += "\n## ns per callback\n\n";
  std::vector<CallbackCost> costs = CallbackCosts(document.results);
  if (costs.empty()) {
    md += "No ns-per-callback figures in these results.\n";
  } else {
    md += "| runtime | target | profile | thread | ns/call |\n|---|---|---|---|---:|\n";
    for (const CallbackCost& c : costs) {
      char ns[32];
      std::snprintf(ns, sizeof ns, "%.1f", c.ns_per_call);
      md += "| " + CellText(c.runtime) + " | " + CellText(c.target) + " | " + CellText(c.profile) + " | " +
            (c.main_thread ? "main thread" : "C threads") + " | " + ns + " |\n";
    }
  }

  md += FlakySection(document.results);

  md += "\n## Non-pass verdicts\n\n";
  std::vector<runner::CaseResult> findings = NonPassResults(document.results);
  if (findings.empty()) md += "Every case passed.\n";
  for (const runner::CaseResult& r : findings) {
    md += "### " + std::string(VerdictName(r.verdict)) + (IsFlaky(r) ? " (flaky)" : "") + ": " + CaseTitle(r) +
          "\n\n";
    if (!r.earlier_attempts.empty()) {
      md += "Attempt " + std::to_string(r.attempt) + "; earlier:\n\n";
      for (const runner::AttemptResult& a : r.earlier_attempts) md += "- " + AttemptLine(a) + "\n";
      md += "\n";
    }
    md += Fenced(r.detail) + "\n";
  }
  return md;
}

}  // namespace xcall::report
