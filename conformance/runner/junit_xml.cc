#include "conformance/runner/junit_xml.h"

#include <cstdio>
#include <map>

namespace xcall::runner {
namespace {

std::string Seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", s);
  return buf;
}

const char* Element(JUnitCase::Outcome outcome) {
  switch (outcome) {
    case JUnitCase::Outcome::kFailure: return "failure";
    case JUnitCase::Outcome::kError: return "error";
    case JUnitCase::Outcome::kSkipped: return "skipped";
    case JUnitCase::Outcome::kPassed: return nullptr;
  }
  return nullptr;
}

}  // namespace

std::string XmlEscape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string JUnitXml(const std::vector<JUnitCase>& cases) {
  std::vector<std::string> order;
  std::map<std::string, std::vector<const JUnitCase*>> suites;
  for (const JUnitCase& c : cases) {
    if (suites.count(c.suite) == 0) order.push_back(c.suite);
    suites[c.suite].push_back(&c);
  }
  int total = 0, failures = 0, errors = 0, skipped = 0;
  double seconds = 0;
  std::string body;
  for (const std::string& suite : order) {
    int s_failures = 0, s_errors = 0, s_skipped = 0;
    double s_seconds = 0;
    std::string s_body;
    for (const JUnitCase* c : suites[suite]) {
      s_seconds += c->seconds;
      s_failures += c->outcome == JUnitCase::Outcome::kFailure;
      s_errors += c->outcome == JUnitCase::Outcome::kError;
      s_skipped += c->outcome == JUnitCase::Outcome::kSkipped;
      s_body += "    <testcase name=\"" + XmlEscape(c->name) + "\" classname=\"" + XmlEscape(suite) +
                "\" time=\"" + Seconds(c->seconds) + "\"";
      const char* element = Element(c->outcome);
      if (element == nullptr && c->text.empty()) {
        s_body += "/>\n";
        continue;
      }
      s_body += ">\n";
      if (element != nullptr) {
        s_body += std::string("      <") + element + " message=\"" + XmlEscape(c->message) + "\"";
        s_body += c->text.empty() ? "/>\n"
                                  : ">" + XmlEscape(c->text) + "</" + element + ">\n";
      } else {
        s_body += "      <system-out>" + XmlEscape(c->text) + "</system-out>\n";
      }
      s_body += "    </testcase>\n";
    }
    int s_total = static_cast<int>(suites[suite].size());
    body += "  <testsuite name=\"" + XmlEscape(suite) + "\" tests=\"" + std::to_string(s_total) +
            "\" failures=\"" + std::to_string(s_failures) + "\" errors=\"" + std::to_string(s_errors) +
            "\" skipped=\"" + std::to_string(s_skipped) + "\" time=\"" + Seconds(s_seconds) + "\">\n" +
            s_body + "  </testsuite>\n";
    total += s_total;
    failures += s_failures;
    errors += s_errors;
    skipped += s_skipped;
    seconds += s_seconds;
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites tests=\"" + std::to_string(total) +
         "\" failures=\"" + std::to_string(failures) + "\" errors=\"" + std::to_string(errors) +
         "\" skipped=\"" + std::to_string(skipped) + "\" time=\"" + Seconds(seconds) + "\">\n" + body +
         "</testsuites>\n";
}

}  // namespace xcall::runner
