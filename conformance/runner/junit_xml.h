// JUnit XML, the format CI systems and Bazel (XML_OUTPUT_FILE) read test outcomes from.
// The caller decides what counts as a failure: for the runner it is a verdict that differs
// from its expectation, for the certification report it is any verdict other than pass.
#ifndef XCALL_CONFORMANCE_RUNNER_JUNIT_XML_H_
#define XCALL_CONFORMANCE_RUNNER_JUNIT_XML_H_

#include <string>
#include <vector>

namespace xcall::runner {

struct JUnitCase {
  enum class Outcome { kPassed, kFailure, kError, kSkipped };
  std::string suite;  // one <testsuite> per distinct suite, in order of first appearance
  std::string name;
  double seconds = 0;
  Outcome outcome = Outcome::kPassed;
  std::string message;  // one line, for the message attribute
  std::string text;     // body of <failure>/<error>/<skipped>, or <system-out> for a pass
};

std::string JUnitXml(const std::vector<JUnitCase>& cases);

// Escapes &, <, >, " and ' for text and attributes.
std::string XmlEscape(const std::string& text);

}  // namespace xcall::runner

#endif  // XCALL_CONFORMANCE_RUNNER_JUNIT_XML_H_
