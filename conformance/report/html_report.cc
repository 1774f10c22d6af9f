#include "conformance/report/html_report.h"

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
td.none { color: #aaa; }
section.finding { margin: 1em 0; }
section.finding h3 { font-size: 1em; margin: 0.2em 0; }
pre { background: #f6f6f6; padding: 8px; overflow-x: auto; }
)css";

std::string Cell(const std::string& text, const std::string& css_class = "") {
  return "<td" + (css_class.empty() ? "" : " class=\"" + css_class + "\"") + ">" + XmlEscape(text) + "</td>";
}

std::string MatrixTable(const std::vector<MatrixRow>& rows) {
  std::string html = "<table class=\"matrix\">\n<tr><th>runtime</th><th>target</th>";
  for (Verdict v : kAllVerdicts) html += std::string("<th>") + VerdictName(v) + "</th>";
  html += "<th>main thread ns/call</th><th>C threads ns/call</th></tr>\n";
  for (const MatrixRow& row : rows) {
    html += "<tr data-runtime=\"" + XmlEscape(row.runtime) + "\" data-target=\"" + XmlEscape(row.target) +
            "\">" + Cell(row.runtime) + Cell(row.target);
    for (Verdict v : kAllVerdicts) {
      int n = row.counts.Of(v);
      html += Cell(std::to_string(n), std::string("count ") + (n ? std::string("v-") + VerdictName(v) : "zero"));
    }
    html += Cell(FormatCosts(row.main_thread)) + Cell(FormatCosts(row.c_threads)) + "</tr>\n";
  }
  return html + "</table>\n";
}

std::string CaseTable(const std::vector<runner::CaseResult>& results) {
  auto columns = RuntimeTargets(results);
  std::string html = "<table class=\"cases\">\n<tr><th>case [profile]</th>";
  for (const auto& [runtime, target] : columns) {
    html += "<th>" + XmlEscape(runtime) + "<br>" + XmlEscape(target) + "</th>";
  }
  html += "</tr>\n";
  for (const auto& case_profile : CaseProfiles(results)) {
    html += "<tr>" + Cell(case_profile.first + " [" + case_profile.second + "]");
    for (const auto& column : columns) {
      const runner::CaseResult* r = FindResult(results, column, case_profile);
      if (r == nullptr) {
        html += Cell("-", "none");
        continue;
      }
      std::string headline = runner::DetailHeadline(r->detail);
      html += "<td class=\"v-" + std::string(VerdictName(r->verdict)) + "\"" +
              (headline.empty() ? "" : " title=\"" + XmlEscape(headline) + "\"") + ">" +
              VerdictName(r->verdict) + "</td>";
    }
    html += "</tr>\n";
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
            "</span> " + XmlEscape(r.runtime + " " + r.target + " [" + r.profile + "] " + r.case_name) +
            "</h3>\n";
    html += "<pre>" + XmlEscape(r.detail.empty() ? "(no detail)" : r.detail) + "</pre>\n</section>\n";
  }
  return html;
}

}  // namespace

std::string HtmlReport(const runner::ResultsDocument& document) {
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>xcall certification report</title>\n<style>" +
      std::string(kStyle) + "</style>\n</head>\n<body>\n<h1>xcall certification report</h1>\n";
  html += "<p>Suite version " + XmlEscape(document.suite_version) + "; host " + XmlEscape(document.host) +
          "; " + std::to_string(document.results.size()) + " verdicts.</p>\n";
  html += "<h2>Matrix</h2>\n" + MatrixTable(BuildMatrix(document.results));
  html += "<h2>ns per callback</h2>\n" + CallbackCostChart(CallbackCosts(document.results));
  html += "<h2>Verdicts per case</h2>\n" + CaseTable(document.results);
  html += "<h2>Non-pass verdicts</h2>\n" + Findings(document.results);
  return html + "</body>\n</html>\n";
}

}  // namespace xcall::report
