#include "conformance/runner/junit_xml.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace xcall::runner {
namespace {

using testing::HasSubstr;

TEST(JUnitXmlTest, CountsPerSuiteAndInTotal) {
  std::vector<JUnitCase> cases = {
      {"go.linux", "a", 1.0, JUnitCase::Outcome::kPassed, "", ""},
      {"go.linux", "b", 2.0, JUnitCase::Outcome::kFailure, "expected pass, got crash", "SIGSEGV"},
      {"xrt.linux", "c", 0.5, JUnitCase::Outcome::kSkipped, "no fibers", ""},
      {"go.linux", "d", 0.25, JUnitCase::Outcome::kError, "timeout", ""},
  };
  std::string xml = JUnitXml(cases);
  EXPECT_THAT(xml, HasSubstr("<testsuites tests=\"4\" failures=\"1\" errors=\"1\" skipped=\"1\" time=\"3.750\">"));
  EXPECT_THAT(xml, HasSubstr("<testsuite name=\"go.linux\" tests=\"3\" failures=\"1\" errors=\"1\" skipped=\"0\" time=\"3.250\">"));
  EXPECT_THAT(xml, HasSubstr("<testsuite name=\"xrt.linux\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"1\""));
  EXPECT_THAT(xml, HasSubstr("<testcase name=\"a\" classname=\"go.linux\" time=\"1.000\"/>"));
  EXPECT_THAT(xml, HasSubstr("<failure message=\"expected pass, got crash\">SIGSEGV</failure>"));
  EXPECT_THAT(xml, HasSubstr("<skipped message=\"no fibers\"/>"));
  EXPECT_THAT(xml, HasSubstr("<error message=\"timeout\"/>"));
  EXPECT_LT(xml.find("name=\"go.linux\""), xml.find("name=\"xrt.linux\""));
}

TEST(JUnitXmlTest, EscapesMarkup) {
  std::string xml = JUnitXml({{"s", "<case>", 0, JUnitCase::Outcome::kFailure, "a \"b\" & 'c'", "x < y"}});
  EXPECT_THAT(xml, HasSubstr("name=\"&lt;case&gt;\""));
  EXPECT_THAT(xml, HasSubstr("message=\"a &quot;b&quot; &amp; &apos;c&apos;\">x &lt; y</failure>"));
}

}  // namespace
}  // namespace xcall::runner
