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

TEST(ResultsFileTest, TheLinkedRuntimeRoundTripsAndAppearsOnlyWhenKnown) {
  ResultsDocument doc{"0.1.0", "h", {}};
  CaseResult r;
  r.runtime = "gccgo";
  r.target = "linux_aarch64";
  r.profile = "default";
  r.case_name = "early_call";
  r.verdict = Verdict::kPass;
  r.linked_runtime = "gccgo go1.18 gccgo (Debian 12.2.0-14) 12.2.0";
  doc.results.push_back(r);
  r.case_name = "c_thread_calls";
  r.linked_runtime.clear();  // a plan without an identity driver
  doc.results.push_back(r);

  json::Value v = json::Parse(SerializeResults(doc));
  EXPECT_EQ(v.Find("results")->AsArray().at(0).Find("linked_runtime")->AsString(),
            "gccgo go1.18 gccgo (Debian 12.2.0-14) 12.2.0");
  EXPECT_EQ(v.Find("results")->AsArray().at(1).Find("linked_runtime"), nullptr);
  ResultsDocument back = ParseResults(SerializeResults(doc));
  EXPECT_EQ(back.results.at(0).linked_runtime, "gccgo go1.18 gccgo (Debian 12.2.0-14) 12.2.0");
  EXPECT_EQ(back.results.at(1).linked_runtime, "");

  EXPECT_THAT([] {
    try {
      ParseResults(R"({"results": [{"runtime": "xrt", "target": "t", "profile": "p", "case": "c",
                                    "verdict": "pass", "linked_runtime": 1}]})");
    } catch (const ResultsError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  }(), HasSubstr("results[0].linked_runtime: expected a string"));
}

TEST(ResultsFileTest, AttemptsRoundTripOldestFirstAndDefaultToOne) {
  ResultsDocument doc{"0.1.0", "h", {}};
  CaseResult r;
  r.runtime = "xrt";
  r.target = "windows_x86_64";
  r.profile = "default";
  r.case_name = "early_call";
  r.verdict = Verdict::kPass;
  r.attempt = 3;
  r.earlier_attempts = {{1, Verdict::kTimeout, "no exit within 60 s; process group killed", {}, 60},
                        {2, Verdict::kCrash, "SIGSEGV: boom", {{"ns_per_call", 12.5}}, 0.25}};
  doc.results.push_back(r);
  CaseResult once = r;
  once.case_name = "c_thread_calls";
  once.attempt = 1;
  once.earlier_attempts.clear();
  doc.results.push_back(once);

  json::Value v = json::Parse(SerializeResults(doc));
  const json::Value& item = v.Find("results")->AsArray().at(0);
  EXPECT_EQ(item.Find("attempt")->AsNumber(), 3);
  ASSERT_EQ(item.Find("earlier_attempts")->AsArray().size(), 2u);
  EXPECT_EQ(item.Find("earlier_attempts")->AsArray()[0].Find("verdict")->AsString(), "timeout");
  EXPECT_EQ(v.Find("results")->AsArray().at(1).Find("earlier_attempts"), nullptr);

  ResultsDocument back = ParseResults(SerializeResults(doc));
  ASSERT_EQ(back.results.size(), 2u);
  EXPECT_EQ(back.results[0].attempt, 3);
  ASSERT_EQ(back.results[0].earlier_attempts.size(), 2u);
  EXPECT_EQ(back.results[0].earlier_attempts[0].attempt, 1);
  EXPECT_EQ(back.results[0].earlier_attempts[0].verdict, Verdict::kTimeout);
  EXPECT_EQ(back.results[0].earlier_attempts[0].detail, "no exit within 60 s; process group killed");
  EXPECT_EQ(back.results[0].earlier_attempts[0].seconds, 60);
  EXPECT_EQ(back.results[0].earlier_attempts[1].verdict, Verdict::kCrash);
  EXPECT_EQ(back.results[0].earlier_attempts[1].metrics.at("ns_per_call"), 12.5);
  EXPECT_TRUE(back.results[1].earlier_attempts.empty());

  // Files written before attempts existed are attempt 1.
  ResultsDocument old = ParseResults(R"({"results": [{"runtime": "r", "target": "t", "profile": "p",
                                                      "case": "c", "verdict": "pass"}]})");
  EXPECT_EQ(old.results.at(0).attempt, 1);
}

TEST(ResultsFileTest, RejectsBadAttempts) {
  auto error = [](const std::string& attempts) {
    try {
      ParseResults(R"({"results": [{"runtime": "r", "target": "t", "profile": "p", "case": "c",
                                    "verdict": "pass", )" + attempts + "}]}");
    } catch (const ResultsError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(error(R"("attempt": 2, "earlier_attempts": [{"attempt": 1, "verdict": "crash"}])"), "accepted");
  EXPECT_THAT(error(R"("attempt": 0)"), HasSubstr("results[0].attempt: expected a whole number from 1"));
  EXPECT_THAT(error(R"("attempt": 1.5)"), HasSubstr("results[0].attempt: expected a whole number"));
  EXPECT_THAT(error(R"("attempt": "2")"), HasSubstr("results[0].attempt: expected a whole number"));
  EXPECT_THAT(error(R"("attempt": 2, "earlier_attempts": {})"), HasSubstr("results[0].earlier_attempts: expected an array"));
  EXPECT_THAT(error(R"("attempt": 2, "earlier_attempts": [{"verdict": "crash"}])"),
              HasSubstr("results[0].earlier_attempts[0]: missing field \"attempt\""));
  EXPECT_THAT(error(R"("attempt": 2, "earlier_attempts": [{"attempt": 2, "verdict": "crash"}])"),
              HasSubstr("results[0].earlier_attempts[0].attempt: 2 is out of order"));
  EXPECT_THAT(error(R"("attempt": 3, "earlier_attempts": [{"attempt": 2, "verdict": "crash"},
                                                          {"attempt": 1, "verdict": "pass"}])"),
              HasSubstr("results[0].earlier_attempts[1].attempt: 1 is out of order"));
  EXPECT_THAT(error(R"("attempt": 2, "earlier_attempts": [{"attempt": 1, "verdict": "hung"}])"),
              HasSubstr("results[0].earlier_attempts[0].verdict: \"hung\" is not one of"));
}

TEST(ResultsFileTest, MissingRunsRoundTripAndAppearOnlyWhenThereAreSome) {
  ResultsDocument doc{"0.1.0", "h", {}};
  json::Value runner_file = json::Parse(SerializeResults(doc));
  EXPECT_EQ(runner_file.Find("missing_runs"), nullptr);  // a runner's file is unchanged

  doc.missing_runs = {{"xrt", "windows_x86_64", "default", "no results file: build failure; see test.log"},
                      {"go1.19.8", "linux_aarch64", "no_getattr_np", "attempt 2 left an empty results file"}};
  json::Value v = json::Parse(SerializeResults(doc));
  ASSERT_NE(v.Find("missing_runs"), nullptr);
  const json::Value& first = v.Find("missing_runs")->AsArray().at(0);
  EXPECT_EQ(first.Find("runtime")->AsString(), "xrt");
  EXPECT_EQ(first.Find("target")->AsString(), "windows_x86_64");
  EXPECT_EQ(first.Find("profile")->AsString(), "default");
  EXPECT_EQ(first.Find("reason")->AsString(), "no results file: build failure; see test.log");
  EXPECT_EQ(ParseResults(SerializeResults(doc)).missing_runs, doc.missing_runs);
}

TEST(ResultsFileTest, RejectsBadMissingRuns) {
  auto error = [](const std::string& missing_runs) {
    try {
      ParseResults(R"({"results": [], "missing_runs": )" + missing_runs + "}");
    } catch (const ResultsError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(error(R"([{"runtime": "r", "target": "t", "profile": "p", "reason": "why"}])"), "accepted");
  EXPECT_THAT(error("{}"), HasSubstr("missing_runs: expected an array"));
  EXPECT_THAT(error(R"(["r__t__p"])"), HasSubstr("missing_runs[0]: expected an object"));
  EXPECT_THAT(error(R"([{"runtime": "r", "target": "t", "profile": "p"}])"),
              HasSubstr("missing_runs[0]: missing field \"reason\""));
  EXPECT_THAT(error(R"([{"runtime": "r", "target": 1, "profile": "p", "reason": "why"}])"),
              HasSubstr("missing_runs[0].target: expected a string"));
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
