#include "conformance/report/html_report.h"

#include <set>

#include "conformance/report/attempt_history.h"
#include "conformance/report/certification_matrix.h"
#include "conformance/report/report_sections.h"
#include "conformance/report/svg_bar_chart.h"
#include "conformance/runner/junit_xml.h"
#include "conformance/runner/outcome_classifier.h"

namespace xcall::report {
namespace {

using runner::VerdictName;
using runner::XmlEscape;

constexpr char kStyle[] = R"css(
body { font-family: sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #bbb; padding: 4px 10px; }
th { background: #eee; }
td.count { text-align: right; }
td.zero { color: #aaa; }
.v-pass { background: #c8efc8; }
.v-fail { background: #ffd8a8; }
.v-crash { background: #f5a8a8; }
.v-timeout { background: #d8c0f0; }
.v-skip { background: #e4e4e4; }
.v-flaky { background: #fff0a0; }
.v-missing { background: #b03030; color: #fff; }
td.flaky { outline: 3px dashed #b08000; outline-offset: -3px; }
td.none { color: #aaa; }
section.finding, section.flaky { margin: 1em 0; }
section.finding h3, section.flaky h3 { font-size: 1em; margin: 0.2em 0; }
pre { background: #f6f6f6; padding: 8px; overflow-x: auto; }
)css";

std::string Cell(const std::string& text, const std::string& css_class = "") {
  return "<td" + (css_class.empty() ? "" : " class=\"" + css_class + "\"") + ">" + XmlEscape(text) + "</td>";
}

std::string MatrixTable(const std::vector<MatrixRow>& rows) {
  std::string html = "<table class=\"matrix\">\n<tr><th>runtime</th><th>target</th>";
  for (Verdict v : kAllVerdicts) html += std::string("<th>") + VerdictName(v) + "</th>";
  html += "<th>flaky</th><th>missing</th><th>main thread ns/call</th><th>C threads ns/call</th></tr>\n";
  for (const MatrixRow& row : rows) {
    html += "<tr data-runtime=\"" + XmlEscape(row.runtime) + "\" data-target=\"" + XmlEscape(row.target) +
            "\">" + Cell(row.runtime) + Cell(row.target);
    for (Verdict v : kAllVerdicts) {
      int n = row.counts.Of(v);
      html += Cell(std::to_string(n), std::string("count ") + (n ? std::string("v-") + VerdictName(v) : "zero"));
    }
    html += Cell(std::to_string(row.flaky), row.flaky ? "count v-flaky" : "count zero");
    html += Cell(std::to_string(row.missing_runs), row.missing_runs ? "count v-missing" : "count zero");
    html += Cell(FormatCosts(row.main_thread)) + Cell(FormatCosts(row.c_threads)) + "</tr>\n";
  }
  return html + "</table>\n";
}

// The first entry naming this run as missing, or nullptr.
const runner::MissingRun* FindMissingRun(const std::vector<runner::MissingRun>& missing_runs,
                                         const std::pair<std::string, std::string>& runtime_target,
                                         const std::string& profile) {
  for (const runner::MissingRun& m : missing_runs) {
    if (m.runtime == runtime_target.first && m.target == runtime_target.second && m.profile == profile) return &m;
  }
  return nullptr;
}

// A runtime and target whose runs are all missing still gets a column, so that its cells say
// "no results" instead of the column being absent.
std::string CaseTable(const std::vector<runner::CaseResult>& results,
                      const std::vector<runner::MissingRun>& missing_runs) {
  std::set<std::pair<std::string, std::string>> column_set;
  for (const auto& column : RuntimeTargets(results)) column_set.insert(column);
  for (const runner::MissingRun& m : missing_runs) column_set.insert({m.runtime, m.target});
  const std::vector<std::pair<std::string, std::string>> columns(column_set.begin(), column_set.end());
  std::string html = "<table class=\"cases\">\n<tr><th>case [profile]</th>";
  for (const auto& [runtime, target] : columns) {
    html += "<th>" + XmlEscape(runtime) + "<br>" + XmlEscape(target) + "</th>";
  }
  html += "</tr>\n";
  for (const auto& case_profile : CaseProfiles(results)) {
    html += "<tr>" + Cell(case_profile.first + " [" + case_profile.second + "]");
    for (const auto& column : columns) {
      const runner::CaseResult* r = FindResult(results, column, case_profile);
      const runner::MissingRun* missing = r ? nullptr : FindMissingRun(missing_runs, column, case_profile.second);
      if (missing != nullptr) {
        html += "<td class=\"v-missing\" title=\"" + XmlEscape(missing->reason) + "\">no results</td>";
        continue;
      }
      if (r == nullptr) {
        html += Cell("-", "none");
        continue;
      }
      // A flaky cell says so and names every attempt; the others show the detail's headline.
      bool flaky = IsFlaky(*r);
      std::string title = runner::DetailHeadline(r->detail);
      if (!r->earlier_attempts.empty()) title = AttemptsLine(AllAttempts(*r));
      html += "<td class=\"v-" + std::string(VerdictName(r->verdict)) + (flaky ? " flaky" : "") + "\"" +
              (title.empty() ? "" : " title=\"" + XmlEscape(title) + "\"") + ">" + VerdictName(r->verdict) +
              (flaky ? ", flaky" : "") + "</td>";
    }
    html += "</tr>\n";
  }
  return html + "</table>\n";
}

std::string Pre(const std::string& detail) {
  return "<pre>" + XmlEscape(detail.empty() ? "(no detail)" : detail) + "</pre>\n";
}

std::string CaseTitle(const runner::CaseResult& r) {
  return XmlEscape(r.runtime + " " + r.target + " [" + r.profile + "] " + r.case_name);
}

std::string AttemptList(const std::vector<runner::AttemptResult>& attempts) {
  std::string html = "<ul class=\"attempts\">\n";
  for (const runner::AttemptResult& a : attempts) {
    html += "<li class=\"v-" + std::string(VerdictName(a.verdict)) + "\">" + XmlEscape(AttemptLine(a)) + "</li>\n";
  }
  return html + "</ul>\n";
}

// Each attempt of every flaky case, with the detail of the earlier ones that did not pass.
std::string FlakyCases(const std::vector<runner::CaseResult>& results) {
  int retried = RetriedCount(results);
  if (retried == 0) return "<p>Every case ran in one attempt.</p>\n";
  std::vector<runner::CaseResult> flaky = FlakyResults(results);
  std::string html = "<p>" + std::to_string(retried) +
                     " case(s) ran in more than one attempt (Bazel retries a test marked flaky); " +
                     std::to_string(flaky.size()) + " got different verdicts in different attempts.</p>\n";
  for (const runner::CaseResult& r : flaky) {
    html += "<section class=\"flaky\" data-verdict=\"" + std::string(VerdictName(r.verdict)) + "\">\n";
    html += "<h3><span class=\"v-flaky\">flaky</span> " + CaseTitle(r) + ": " + VerdictName(r.verdict) +
            " on attempt " + std::to_string(r.attempt) + "</h3>\n";
    html += AttemptList(AllAttempts(r));
    for (const runner::AttemptResult& a : r.earlier_attempts) {
      if (a.verdict != Verdict::kPass) html += "<p>Attempt " + std::to_string(a.attempt) + ":</p>\n" + Pre(a.detail);
    }
    html += "</section>\n";
  }
  return html;
}

std::string MissingRuns(const std::vector<runner::MissingRun>& missing_runs) {
  if (missing_runs.empty()) {
    return "<p>No run was named as missing (ci/certify names every selected run that left no results).</p>\n";
  }
  std::string html = "<p><span class=\"v-missing\">" + std::to_string(missing_runs.size()) +
                     " run(s)</span> left no results, or lost an attempt's: what their cases would have given "
                     "there is unknown.</p>\n<table class=\"missing\">\n<tr><th>runtime</th><th>target</th><th>profile</th>"
                     "<th>reason</th></tr>\n";
  for (const runner::MissingRun& m : SortedMissingRuns(missing_runs)) {
    html += "<tr data-runtime=\"" + XmlEscape(m.runtime) + "\" data-target=\"" + XmlEscape(m.target) +
            "\" data-profile=\"" + XmlEscape(m.profile) + "\">" + Cell(m.runtime) + Cell(m.target) + Cell(m.profile) +
            Cell(m.reason) + "</tr>\n";
  }
  return html + "</table>\n";
}

std::string LinkedRuntimesTable(const std::vector<runner::CaseResult>& results) {
  std::vector<LinkedRuntime> linked = LinkedRuntimes(results);
  if (linked.empty()) return "<p>No run in these results.</p>\n";
  std::string html = "<table class=\"linked\">\n<tr><th>runtime</th><th>target</th><th>profile</th>"
                     "<th>linked with (xc_runtime_name)</th></tr>\n";
  for (const LinkedRuntime& l : linked) {
    html += "<tr>" + Cell(l.runtime) + Cell(l.target) + Cell(l.profile) + Cell(l.linked_runtime) + "</tr>\n";
  }
  return html + "</table>\n";
}

std::string Findings(const std::vector<runner::CaseResult>& results) {
  std::vector<runner::CaseResult> findings = NonPassResults(results);
  if (findings.empty()) return "<p>Every case passed.</p>\n";
  std::string html;
  for (const runner::CaseResult& r : findings) {
    html += "<section class=\"finding\" data-verdict=\"" + std::string(VerdictName(r.verdict)) + "\">\n";
    html += "<h3><span class=\"v-" + std::string(VerdictName(r.verdict)) + "\">" + VerdictName(r.verdict) +
            "</span>" + (IsFlaky(r) ? " <span class=\"v-flaky\">flaky</span>" : "") + " " + CaseTitle(r) +
            "</h3>\n";
    if (!r.earlier_attempts.empty()) {
      html += "<p>Attempt " + std::to_string(r.attempt) + "; earlier:</p>\n" + AttemptList(r.earlier_attempts);
    }
    html += Pre(r.detail) + "</section>\n";
  }
  return html;
}

}  // namespace

std::string HtmlReport(const runner::ResultsDocument& document) {
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>xcall certification report</title>\n<style>" +
      std::string(kStyle) + "</style>\n</head>\n<body>\n<h1>xcall certification report</h1>\n";
  size_t flaky = FlakyResults(document.results).size();
  html += "<p>Suite version " + XmlEscape(document.suite_version) + "; host " + XmlEscape(document.host) +
          "; " + std::to_string(document.results.size()) + " verdicts" +
          (flaky ? "; <span class=\"v-flaky\">" + std::to_string(flaky) +
                       " flaky</span> (the verdict changed between attempts)"
                 : "") +
          (document.missing_runs.empty() ? ""
                                         : "; <span class=\"v-missing\">" + std::to_string(document.missing_runs.size()) +
                                               " run(s) without results</span>") +
          ".</p>\n";
  html += "<h2>Matrix</h2>\n" + MatrixTable(BuildMatrix(document.results, document.missing_runs));
  html += "<h2>Runs without results</h2>\n" + MissingRuns(document.missing_runs);
  html += "<h2>Runtimes the drivers were linked with</h2>\n" + LinkedRuntimesTable(document.results);
  html += "<h2>ns per callback</h2>\n" + CallbackCostChart(CallbackCosts(document.results));
  html += "<h2>Verdicts per case</h2>\n" + CaseTable(document.results, document.missing_runs);
  html += "<h2>Verdicts that changed between attempts</h2>\n" + FlakyCases(document.results);
  html += "<h2>Non-pass verdicts</h2>\n" + Findings(document.results);
  return html + "</body>\n</html>\n";
}

}  // namespace xcall::report
