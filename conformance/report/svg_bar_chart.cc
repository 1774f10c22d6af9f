#include "conformance/report/svg_bar_chart.h"

#include <algorithm>
#include <cstdio>

#include "conformance/runner/junit_xml.h"

namespace xcall::report {
namespace {

constexpr int kLabelWidth = 380;
constexpr int kBarArea = 460;
constexpr int kValueWidth = 110;
constexpr int kBarHeight = 18;
constexpr int kRowGap = 6;
constexpr int kGroupGap = 12;
constexpr int kTop = 34;

std::string Number(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", d);
  return buf;
}

}  // namespace

std::string CallbackCostChart(const std::vector<CallbackCost>& costs) {
  using runner::XmlEscape;
  if (costs.empty()) {
    return "<p class=\"no-data\">No ns-per-callback figures in these results "
           "(no main_thread_calls or c_thread_calls case reported ns_per_call).</p>\n";
  }
  double max_ns = 0;
  for (const CallbackCost& c : costs) max_ns = std::max(max_ns, c.ns_per_call);
  if (max_ns <= 0) max_ns = 1;

  std::string bars;
  int y = kTop;
  std::string group;
  for (const CallbackCost& c : costs) {
    std::string this_group = c.runtime + " " + c.target;
    if (!group.empty() && this_group != group) y += kGroupGap;
    group = this_group;
    int width = std::max(1, static_cast<int>(kBarArea * c.ns_per_call / max_ns + 0.5));
    std::string thread = c.main_thread ? "main thread" : "C threads";
    std::string label = c.runtime + " " + c.target + " " + c.profile + ": " + thread;
    bars += "  <text x=\"" + std::to_string(kLabelWidth - 8) + "\" y=\"" +
            std::to_string(y + kBarHeight - 5) + "\" text-anchor=\"end\">" + XmlEscape(label) +
            "</text>\n";
    bars += "  <rect class=\"bar " + std::string(c.main_thread ? "main-thread" : "c-threads") +
            "\" data-runtime=\"" + XmlEscape(c.runtime) + "\" data-target=\"" + XmlEscape(c.target) +
            "\" data-profile=\"" + XmlEscape(c.profile) + "\" data-ns=\"" + Number(c.ns_per_call) +
            "\" x=\"" + std::to_string(kLabelWidth) + "\" y=\"" + std::to_string(y) + "\" width=\"" +
            std::to_string(width) + "\" height=\"" + std::to_string(kBarHeight) + "\" fill=\"" +
            (c.main_thread ? "#d9822b" : "#2b7bd9") + "\"><title>" + XmlEscape(label) + ": " +
            Number(c.ns_per_call) + " ns/call</title></rect>\n";
    bars += "  <text x=\"" + std::to_string(kLabelWidth + width + 6) + "\" y=\"" +
            std::to_string(y + kBarHeight - 5) + "\">" + Number(c.ns_per_call) + " ns</text>\n";
    y += kBarHeight + kRowGap;
  }
  int height = y + 10;
  int total_width = kLabelWidth + kBarArea + kValueWidth;
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"callback-cost-chart\" width=\"" +
                    std::to_string(total_width) + "\" height=\"" + std::to_string(height) +
                    "\" viewBox=\"0 0 " + std::to_string(total_width) + " " + std::to_string(height) +
                    "\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\" "
                    "aria-label=\"ns per callback per runtime and target\">\n";
  svg += "  <text x=\"0\" y=\"14\" font-weight=\"bold\">ns per callback (lower is better)</text>\n";
  svg += "  <rect x=\"" + std::to_string(kLabelWidth) + "\" y=\"4\" width=\"12\" height=\"12\" fill=\"#d9822b\"/>"
         "<text x=\"" + std::to_string(kLabelWidth + 16) + "\" y=\"14\">main thread</text>\n";
  svg += "  <rect x=\"" + std::to_string(kLabelWidth + 110) + "\" y=\"4\" width=\"12\" height=\"12\" fill=\"#2b7bd9\"/>"
         "<text x=\"" + std::to_string(kLabelWidth + 126) + "\" y=\"14\">C threads</text>\n";
  svg += "  <line x1=\"" + std::to_string(kLabelWidth) + "\" y1=\"" + std::to_string(kTop - 4) +
         "\" x2=\"" + std::to_string(kLabelWidth) + "\" y2=\"" + std::to_string(y) +
         "\" stroke=\"#555\"/>\n";
  svg += bars + "</svg>\n";
  return svg;
}

}  // namespace xcall::report
