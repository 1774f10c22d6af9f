#include "conformance/report/html_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "conformance/report/report_test_results.h"
#include "conformance/report/results_merge.h"

namespace xcall::report {
namespace {

using testing::HasSubstr;

int Count(const std::string& text, const std::string& needle) {
  int n = 0;
  for (size_t pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) ++n;
  return n;
}

class HtmlReportTest : public testing::Test {
 protected:
  std::string html_ = HtmlReport(TestCertification());
};

TEST_F(HtmlReportTest, IsOneWellFormedPage) {
  EXPECT_EQ(html_.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(Count(html_, "<html"), 1);
  EXPECT_EQ(Count(html_, "</html>"), 1);
  EXPECT_EQ(Count(html_, "<table"), Count(html_, "</table>"));
  EXPECT_EQ(Count(html_, "<tr"), Count(html_, "</tr>"));
  EXPECT_EQ(Count(html_, "<script"), 0);
}

TEST_F(HtmlReportTest, EachRunSaysWhatItsDriversWereLinkedWith) {
  runner::ResultsDocument doc = TestCertification();
  for (runner::CaseResult& r : doc.results) {
    if (r.runtime == "xrt0.1") r.linked_runtime = "xrt 0.1 <built here>";
  }
  std::string html = HtmlReport(doc);
  EXPECT_THAT(html, HasSubstr("<h2>Runtimes the drivers were linked with</h2>\n<table class=\"linked\">"));
  EXPECT_THAT(html, HasSubstr("<tr><td>xrt0.1</td><td>windows_x86_64</td><td>default</td>"
                              "<td>xrt 0.1 &lt;built here&gt;</td></tr>"));
  EXPECT_THAT(html, HasSubstr("<tr><td>go1.19.8</td><td>linux_x86_64</td><td>default</td>"
                              "<td>not checked (the plan has no identity driver)</td></tr>"));
}

TEST_F(HtmlReportTest, MatrixHasEveryRuntimeAndTargetWithColouredCounts) {
  EXPECT_EQ(Count(html_, "<tr data-runtime=\"xrt0.1\""), 3);
  EXPECT_EQ(Count(html_, "<tr data-runtime=\"go1.19.8\""), 1);
  EXPECT_THAT(html_, HasSubstr("<tr data-runtime=\"go1.19.8\" data-target=\"linux_x86_64\">"
                               "<td>go1.19.8</td><td>linux_x86_64</td>"
                               "<td class=\"count v-pass\">3</td><td class=\"count v-fail\">1</td>"
                               "<td class=\"count v-crash\">1</td><td class=\"count v-timeout\">1</td>"
                               "<td class=\"count v-skip\">1</td>"));
  EXPECT_THAT(html_, HasSubstr("<td class=\"count v-pass\">3</td><td class=\"count zero\">0</td>"));
}

TEST_F(HtmlReportTest, ChartHasOneBarPerMeasurement) {
  EXPECT_EQ(Count(html_, "<svg"), 1);
  EXPECT_EQ(Count(html_, "<rect class=\"bar "), 9);
}

TEST_F(HtmlReportTest, EveryNonPassVerdictIsListedWithItsDetail) {
  EXPECT_EQ(Count(html_, "<section class=\"finding\""), 4);
  EXPECT_EQ(Count(html_, "data-verdict=\"crash\""), 1);
  EXPECT_EQ(Count(html_, "data-verdict=\"fail\""), 1);
  EXPECT_EQ(Count(html_, "data-verdict=\"timeout\""), 1);
  EXPECT_EQ(Count(html_, "data-verdict=\"skip\""), 1);
  EXPECT_THAT(html_, HasSubstr("<pre>SIGTRAP: fatal: morestack on g0\nruntime: &lt;tail&gt; &amp; more</pre>"));
  EXPECT_THAT(html_, HasSubstr("go1.19.8 linux_x86_64 [no_getattr_np] early_call"));
}

TEST_F(HtmlReportTest, PerCaseTableShowsVerdictsAndGaps) {
  EXPECT_THAT(html_, HasSubstr("<td>deep_stack_nested [default]</td>"
                               "<td class=\"v-crash\" title=\"SIGTRAP: fatal: morestack on g0\">crash</td>"
                               "<td class=\"v-pass\">pass</td>"));
  EXPECT_THAT(html_, HasSubstr("<td>early_call [no_getattr_np]</td><td class=\"v-timeout\""));
  EXPECT_THAT(html_, HasSubstr("<td class=\"none\">-</td>"));
}

TEST_F(HtmlReportTest, NoRetriesSaysSo) {
  EXPECT_THAT(html_, HasSubstr("<p>Every case ran in one attempt.</p>"));
  EXPECT_EQ(Count(html_, "flaky\">"), 0);
  EXPECT_THAT(html_, HasSubstr("<td class=\"count v-skip\">1</td><td class=\"count zero\">0</td>"));
}

class HtmlRetriedRunTest : public testing::Test {
 protected:
  std::string html_ =
      HtmlReport(MergeResults({{"a1", TestRetriedRun()[0]}, {"a2", TestRetriedRun()[1]}}).document);
};

TEST_F(HtmlRetriedRunTest, FlakyCellsAreMarkedAndNameEveryAttempt) {
  EXPECT_THAT(html_, HasSubstr("<td>early_call [default]</td><td class=\"v-pass flaky\" title=\"attempt 1: timeout: "
                               "no exit within 60 s; process group killed: waiting for the callback; attempt 2: pass\">"
                               "pass, flaky</td>"));
  EXPECT_THAT(html_, HasSubstr("<td>syscall_migration [default]</td><td class=\"v-fail flaky\""));
  // Retried with the same verdict: not flaky, but the attempts are still in the title.
  EXPECT_THAT(html_, HasSubstr("<td>switched_stack [default]</td><td class=\"v-crash\" title=\"attempt 1: crash:"));
  EXPECT_THAT(html_, HasSubstr("<td class=\"count zero\">0</td><td class=\"count v-flaky\">2</td>"));
  EXPECT_THAT(html_, HasSubstr("verdicts; <span class=\"v-flaky\">2 flaky</span>"));
}

TEST_F(HtmlRetriedRunTest, EarlierAttemptsAndTheirDetailsAreListed) {
  EXPECT_EQ(Count(html_, "<section class=\"flaky\""), 2);
  EXPECT_THAT(html_, HasSubstr("<li class=\"v-timeout\">attempt 1: timeout: no exit within 60 s; process group "
                               "killed: waiting for the callback</li>\n<li class=\"v-pass\">attempt 2: pass</li>"));
  EXPECT_THAT(html_, HasSubstr("<p>Attempt 1:</p>\n<pre>no exit within 60 s; process group killed: waiting for the "
                               "callback\nstarted\nwaiting for the callback</pre>"));
  EXPECT_THAT(html_, HasSubstr("<span class=\"v-fail\">fail</span> <span class=\"v-flaky\">flaky</span> xrt0.1 "
                               "windows_x86_64 [default] syscall_migration</h3>\n<p>Attempt 2; earlier:</p>"));
  EXPECT_EQ(Count(html_, "<tr"), Count(html_, "</tr>"));
  EXPECT_EQ(Count(html_, "<section"), Count(html_, "</section>"));
}

TEST_F(HtmlReportTest, NoMissingRunSaysSo) {
  EXPECT_THAT(html_, HasSubstr("<h2>Runs without results</h2>\n<p>No run was named as missing"));
  EXPECT_EQ(Count(html_, "class=\"v-missing"), 0);
  EXPECT_EQ(Count(html_, "count v-missing"), 0);
  EXPECT_THAT(html_, HasSubstr("<td class=\"count zero\">0</td><td class=\"count zero\">0</td><td>120.0</td>"));
}

class HtmlMissingRunsTest : public testing::Test {
 protected:
  std::string html_ = HtmlReport(TestCertificationWithMissingRuns());
};

TEST_F(HtmlMissingRunsTest, IsStillOneWellFormedPage) {
  EXPECT_EQ(Count(html_, "<table"), Count(html_, "</table>"));
  EXPECT_EQ(Count(html_, "<tr"), Count(html_, "</tr>"));
  EXPECT_EQ(Count(html_, "<td"), Count(html_, "</td>"));
}

TEST_F(HtmlMissingRunsTest, SummaryAndMatrixShowThem) {
  EXPECT_THAT(html_, HasSubstr("16 verdicts; <span class=\"v-missing\">2 run(s) without results</span>.</p>"));
  EXPECT_THAT(html_, HasSubstr("<tr data-runtime=\"gccgo12\" data-target=\"linux_aarch64\"><td>gccgo12</td>"
                               "<td>linux_aarch64</td><td class=\"count zero\">0</td>"));
  EXPECT_THAT(html_, HasSubstr("<td class=\"count zero\">0</td><td class=\"count v-missing\">1</td><td>-</td>"));
  EXPECT_THAT(html_, HasSubstr("<tr data-runtime=\"xrt0.1\" data-target=\"linux_x86_64\"><td>xrt0.1</td>"
                               "<td>linux_x86_64</td><td class=\"count v-pass\">3</td>"));
  EXPECT_EQ(Count(html_, "<td class=\"count v-missing\">1</td>"), 2);
}

TEST_F(HtmlMissingRunsTest, TheirSectionListsRuntimeTargetProfileAndReason) {
  EXPECT_THAT(html_, HasSubstr("<h2>Runs without results</h2>\n<p><span class=\"v-missing\">2 run(s)</span> left "
                               "no results"));
  EXPECT_THAT(html_, HasSubstr("<tr data-runtime=\"gccgo12\" data-target=\"linux_aarch64\" data-profile=\"default\">"
                               "<td>gccgo12</td><td>linux_aarch64</td><td>default</td><td>attempt 1 left an empty "
                               "results file: killed before it finished; see bazel-testlogs/conformance/"
                               "gccgo12__linux_aarch64__default/test.log</td></tr>"));
  EXPECT_THAT(html_, HasSubstr("<td>xrt0.1</td><td>linux_x86_64</td><td>no_getattr_np</td><td>no results file: build "
                               "failure or the runner stopped before its first case; see "));
  size_t table = html_.find("<table class=\"missing\">");
  ASSERT_NE(table, std::string::npos);
  EXPECT_EQ(Count(html_.substr(table, html_.find("</table>", table) - table), "<tr data-runtime="), 2);
}

TEST_F(HtmlMissingRunsTest, PerCaseCellsOfAMissingRunSayNoResults) {
  // gccgo12 linux_aarch64 has a column although it has no results; it sorts first.
  EXPECT_THAT(html_, HasSubstr("<th>gccgo12<br>linux_aarch64</th><th>go1.19.8<br>linux_x86_64</th>"));
  EXPECT_THAT(html_, HasSubstr("<td>deep_stack_nested [default]</td><td class=\"v-missing\" title=\"attempt 1 left "
                               "an empty results file: killed before it finished; see bazel-testlogs/conformance/gccgo12__linux_aarch64__"
                               "default/test.log\">no results</td>"
                               "<td class=\"v-crash\""));
  // xrt0.1's no_getattr_np run on linux_x86_64 is missing, on linux_aarch64 it was not run.
  EXPECT_THAT(html_, HasSubstr("<td>early_call [no_getattr_np]</td><td class=\"none\">-</td>"
                               "<td class=\"v-timeout\" title=\"no exit within 60 s; process group killed\">timeout</td>"
                               "<td class=\"none\">-</td><td class=\"v-missing\" title=\"no results file: build "));
  EXPECT_EQ(Count(html_, ">no results</td>"), 4 + 3);  // 4 default cases for gccgo12, 3 no_getattr_np ones for xrt
}

TEST(HtmlReportEmptyTest, MissingRunReasonsAreEscaped) {
  runner::ResultsDocument doc{"v", "h", {}, {{"a<b", "t", "p", "killed & <see log>"}}};
  std::string html = HtmlReport(doc);
  EXPECT_THAT(html, HasSubstr("<td>a&lt;b</td><td>t</td><td>p</td><td>killed &amp; &lt;see log&gt;</td>"));
  EXPECT_EQ(Count(html, "<see log>"), 0);
}

TEST(HtmlReportEmptyTest, AllPassSaysSo) {
  runner::ResultsDocument doc{"v", "h", {TestResult("xrt0.1", "linux_x86_64", "default", "a", runner::Verdict::kPass)}};
  EXPECT_THAT(HtmlReport(doc), HasSubstr("<p>Every case passed.</p>"));
}

}  // namespace
}  // namespace xcall::report
