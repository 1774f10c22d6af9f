#include "conformance/report/markdown_report.h"

#include <cstdio>

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

}  // namespace

std::string MarkdownReport(const runner::ResultsDocument& document) {
  std::string md = "# xcall certification report\n\n";
  md += "Suite version " + document.suite_version + "; host " + document.host + "; " +
        std::to_string(document.results.size()) + " verdicts.\n\n## Matrix\n\n";
  md += "| runtime | target | pass | fail | crash | timeout | skip | main thread ns/call | C threads ns/call |\n";
  md += "|---|---|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const MatrixRow& row : BuildMatrix(document.results)) {
    md += "| " + CellText(row.runtime) + " | " + CellText(row.target) + " |";
    for (Verdict v : kAllVerdicts) md += " " + std::to_string(row.counts.Of(v)) + " |";
    md += " " + CellText(FormatCosts(row.main_thread)) + " | " + CellText(FormatCosts(row.c_threads)) + " |\n";
  }

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

  md += "\n## Non-pass verdicts\n\n";
  std::vector<runner::CaseResult> findings = NonPassResults(document.results);
  if (findings.empty()) md += "Every case passed.\n";
  for (const runner::CaseResult& r : findings) {
    md += "### " + std::string(VerdictName(r.verdict)) + ": " + r.runtime + " " + r.target + " [" +
          r.profile + "] " + r.case_name + "\n\n~~~~\n" + (r.detail.empty() ? "(no detail)" : r.detail) +
          "\n~~~~\n\n";
  }
  return md;
}

}  // namespace xcall::report
