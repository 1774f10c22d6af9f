#include "conformance/report/certification_junit.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "conformance/report/report_test_results.h"

namespace xcall::report {
namespace {

using testing::HasSubstr;

TEST(CertificationJUnitTest, EveryNonPassVerdictIsAFailureOrError) {
  std::string xml = CertificationJUnit(TestCertification());
  EXPECT_THAT(xml, HasSubstr("<testsuites tests=\"16\" failures=\"1\" errors=\"2\" skipped=\"1\""));
  EXPECT_THAT(xml, testing::Not(HasSubstr(kMissingRunCase)));
}

TEST(CertificationJUnitTest, EachMissingRunIsAnErrorInItsRunsSuite) {
  std::string xml = CertificationJUnit(TestCertificationWithMissingRuns());
  EXPECT_THAT(xml, HasSubstr("<testsuites tests=\"18\" failures=\"1\" errors=\"4\" skipped=\"1\""));
  // A run with no results at all still gets its suite.
  EXPECT_THAT(xml, HasSubstr("<testsuite name=\"gccgo12.linux_aarch64.default\" tests=\"1\" failures=\"0\" "
                             "errors=\"1\""));
  EXPECT_THAT(xml, HasSubstr("<testcase name=\"run_without_results\" classname=\"xrt0.1.linux_x86_64.no_getattr_np\""));
  EXPECT_THAT(xml, HasSubstr("<error message=\"no results: no results file: build failure or the runner stopped "
                             "before its first case; see bazel-testlogs/conformance/"
                             "xrt0.1__linux_x86_64__no_getattr_np/test.log\">"));
  EXPECT_THAT(xml, HasSubstr("<error message=\"no results: attempt 1 left an empty results file: killed before it "
                             "finished; see bazel-testlogs/conformance/gccgo12__linux_aarch64__default/test.log\">"
                             "attempt 1 left"));
}

}  // namespace
}  // namespace xcall::report
