#include "conformance/report/svg_bar_chart.h"

#include <regex>

#include <gtest/gtest.h>

namespace xcall::report {
namespace {

int Count(const std::string& text, const std::string& needle) {
  int n = 0;
  for (size_t pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) ++n;
  return n;
}

int WidthOfBar(const std::string& svg, const std::string& ns) {
  std::smatch m;
  std::regex bar("data-ns=\"" + ns + "\" x=\"\\d+\" y=\"\\d+\" width=\"(\\d+)\"");
  EXPECT_TRUE(std::regex_search(svg, m, bar)) << "no bar for " << ns;
  return std::stoi(m[1]);
}

TEST(SvgBarChartTest, OneBarPerMeasurementScaledToTheLargest) {
  std::vector<CallbackCost> costs = {{"go1.19.8", "linux_x86_64", "default", true, 40000},
                                     {"go1.19.8", "linux_x86_64", "default", false, 10000},
                                     {"xrt0.1", "windows_x86_64", "default", true, 20000}};
  std::string svg = CallbackCostChart(costs);
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_EQ(Count(svg, "<rect class=\"bar "), 3);
  EXPECT_EQ(Count(svg, "class=\"bar main-thread\""), 2);
  EXPECT_EQ(Count(svg, "class=\"bar c-threads\""), 1);
  int longest = WidthOfBar(svg, "40000.0");
  EXPECT_EQ(WidthOfBar(svg, "10000.0") * 4, longest);
  EXPECT_EQ(WidthOfBar(svg, "20000.0") * 2, longest);
  EXPECT_NE(svg.find("xrt0.1 windows_x86_64 default: main thread"), std::string::npos);
  EXPECT_NE(svg.find(">40000.0 ns</text>"), std::string::npos);
}

TEST(SvgBarChartTest, EscapesNames) {
  std::string svg = CallbackCostChart({{"rt<&>", "t", "p", true, 1}});
  EXPECT_NE(svg.find("data-runtime=\"rt&lt;&amp;&gt;\""), std::string::npos);
  EXPECT_EQ(svg.find("rt<&>"), std::string::npos);
}

TEST(SvgBarChartTest, NoMeasurementsSaysSo) {
  std::string html = CallbackCostChart({});
  EXPECT_EQ(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("No ns-per-callback figures"), std::string::npos);
}

}  // namespace
}  // namespace xcall::report
