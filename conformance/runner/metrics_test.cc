#include "conformance/runner/metrics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace xcall::runner {
namespace {

using testing::ElementsAre;
using testing::Pair;

TEST(MetricsTest, ReadsKeyValuePairsFromMetricLinesOnly) {
  ParsedMetrics m = ParseMetrics(
      "result 42\nXCALL_METRIC ns_per_call=1245.3 calls=100000\r\n"
      "not XCALL_METRIC x=1\nXCALL_METRIC threads=4\n");
  EXPECT_TRUE(m.errors.empty());
  EXPECT_THAT(m.values, ElementsAre(Pair("calls", 100000), Pair("ns_per_call", 1245.3),
                                    Pair("threads", 4)));
}

TEST(MetricsTest, ReportsMalformedPairs) {
  ParsedMetrics m = ParseMetrics("XCALL_METRIC ns_per_call= calls=1e3 bad\nXCALL_METRIC\n");
  EXPECT_THAT(m.values, ElementsAre(Pair("calls", 1000)));
  ASSERT_EQ(m.errors.size(), 3u);
  EXPECT_EQ(m.errors[0], "bad metric 'ns_per_call=' in line: XCALL_METRIC ns_per_call= calls=1e3 bad");
  EXPECT_EQ(m.errors[1], "bad metric 'bad' in line: XCALL_METRIC ns_per_call= calls=1e3 bad");
  EXPECT_EQ(m.errors[2], "metric line with no key=value: XCALL_METRIC");
}

TEST(MetricsTest, RejectsNonFiniteValues) {
  EXPECT_EQ(ParseMetrics("XCALL_METRIC ns=inf\n").errors.size(), 1u);
  EXPECT_EQ(ParseMetrics("XCALL_METRIC ns=nan\n").errors.size(), 1u);
}

}  // namespace
}  // namespace xcall::runner
