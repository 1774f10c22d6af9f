#include "conformance/runner/results_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace xcall::runner {
namespace {

using testing::HasSubstr;

TEST(ResultsFileTest, MatchesTheArchitectureSchemaAndRoundTrips) {
  ResultsDocument doc{"0.1.0", "Linux 6.1 x86_64, 2 cpus", {}};
  CaseResult r;
  r.runtime = "go1.19.8";
  r.target = "linux_x86_64";
  r.profile = "default";
  r.case_name = "deep_stack_nested";
  r.verdict = Verdict::kCrash;
  r.detail = "SIGTRAP: fatal: morestack on g0";
  r.metrics = {{"ns_per_call", 1245.3}};
  r.seconds = 0.4121;
  doc.results.push_back(r);

  json::Value v = json::Parse(SerializeResults(doc));
  EXPECT_EQ(v.Find("suite_version")->AsString(), "0.1.0");
  EXPECT_EQ(v.Find("host")->AsString(), "Linux 6.1 x86_64, 2 cpus");
  const json::Value& item = v.Find("results")->AsArray().at(0);
  EXPECT_EQ(item.Find("runtime")->AsString(), "go1.19.8");
  EXPECT_EQ(item.Find("target")->AsString(), "linux_x86_64");
  EXPECT_EQ(item.Find("profile")->AsString(), "default");
  EXPECT_EQ(item.Find("case")->AsString(), "deep_stack_nested");
  EXPECT_EQ(item.Find("verdict")->AsString(), "crash");
  EXPECT_EQ(item.Find("detail")->AsString(), "SIGTRAP: fatal: morestack on g0");
  EXPECT_EQ(item.Find("metrics")->Find("ns_per_call")->AsNumber(), 1245.3);
  EXPECT_EQ(item.Find("seconds")->AsNumber(), 0.412);

  ResultsDocument back = ParseResults(SerializeResults(doc));
  ASSERT_EQ(back.results.size(), 1u);
  EXPECT_EQ(back.results[0].case_name, "deep_stack_nested");
  EXPECT_EQ(back.results[0].verdict, Verdict::kCrash);
  EXPECT_EQ(back.results[0].metrics.at("ns_per_call"), 1245.3);
}

TEST(ResultsFileTest, RejectsBadEntries) {
  auto error = [](const std::string& text) {
    try {
      ParseResults(text);
    } catch (const ResultsError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_THAT(error("{"), HasSubstr("not valid JSON"));
  EXPECT_THAT(error("{}"), HasSubstr("missing field \"results\""));
  EXPECT_THAT(error(R"({"results": [{"runtime": "r", "target": "t", "profile": "p", "case": "c",
                                     "verdict": "great"}]})"),
              HasSubstr("results[0].verdict: \"great\" is not one of"));
  EXPECT_THAT(error(R"({"results": [{"runtime": "r", "target": "t", "profile": "p", "case": "c",
                                     "verdict": "pass", "metrics": {"ns": "fast"}}]})"),
              HasSubstr("results[0].metrics.ns: expected a number"));
  EXPECT_THAT(error(R"({"results": [{"runtime": "r"}]})"), HasSubstr("missing field \"target\""));
}

}  // namespace
}  // namespace xcall::runner
