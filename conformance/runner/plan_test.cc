#include "conformance/runner/plan.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace xcall::runner {
namespace {

using testing::ElementsAre;
using testing::HasSubstr;
using testing::Pair;

const char kPlan[] = R"json({
  "runtime": "go1.21.13", "target": "linux_aarch64", "profile": "default",
  "launcher": "toolchains/launchers/qemu_aarch64.sh",
  "identity_driver": "conformance/go1.21.13__runtime_identity",
  "env": {"XCALL_PRELOAD": "conformance/profiles/none"},
  "unsupported": {"switched_stack": "no ucontext in this runtime"},
  "cases": [{"name": "deep_stack_sequence", "driver": "carchive_tests/deep_stack",
             "args": ["sequence"], "features": ["deep_c_stack", "collect"],
             "mirrors": "TestDeepStack (main9.c)", "env": {"GOMAXPROCS": "2"}},
            {"name": "early_call", "driver": "carchive_tests/early_call", "timeout_s": 15},
            {"name": "main_thread_calls", "driver": "carchive_tests/main_thread_calls",
             "metric": "ns_per_call"}]
})json";

TEST(PlanTest, ReadsEveryField) {
  Plan p = ParsePlan(kPlan);
  EXPECT_EQ(p.runtime, "go1.21.13");
  EXPECT_EQ(p.target, "linux_aarch64");
  EXPECT_EQ(p.profile, "default");
  EXPECT_EQ(p.launcher, "toolchains/launchers/qemu_aarch64.sh");
  EXPECT_EQ(p.identity_driver, "conformance/go1.21.13__runtime_identity");
  EXPECT_THAT(p.env, ElementsAre(Pair("XCALL_PRELOAD", "conformance/profiles/none")));
  EXPECT_THAT(p.unsupported, ElementsAre(Pair("switched_stack", "no ucontext in this runtime")));
  ASSERT_EQ(p.cases.size(), 3u);
  EXPECT_EQ(p.cases[0].name, "deep_stack_sequence");
  EXPECT_EQ(p.cases[0].driver, "carchive_tests/deep_stack");
  EXPECT_THAT(p.cases[0].args, ElementsAre("sequence"));
  EXPECT_THAT(p.cases[0].features, ElementsAre("deep_c_stack", "collect"));
  EXPECT_EQ(p.cases[0].mirrors, "TestDeepStack (main9.c)");
  EXPECT_THAT(p.cases[0].env, ElementsAre(Pair("GOMAXPROCS", "2")));
  EXPECT_TRUE(p.cases[1].args.empty());
  EXPECT_EQ(p.cases[0].timeout_seconds, 0);  // the run's limit
  EXPECT_EQ(p.cases[1].timeout_seconds, 15);
  EXPECT_EQ(p.cases[0].metric, "");  // none declared
  EXPECT_EQ(p.cases[2].metric, "ns_per_call");
  EXPECT_TRUE(p.suite_version.empty());
}

std::string Error(const std::string& text) {
  try {
    ParsePlan(text);
  } catch (const PlanError& e) {
    return e.what();
  }
  return "accepted";
}

TEST(PlanTest, RejectsBadPlansNamingTheField) {
  EXPECT_THAT(Error("{\"runtime\": "), HasSubstr("plan: not valid JSON: line 1"));
  EXPECT_THAT(Error("[]"), HasSubstr("expected an object"));
  EXPECT_THAT(Error(R"({"runtime": "xrt", "target": "linux_x86_64", "profile": "default",
                        "identity_driver": "", "cases": [{"name": "a", "driver": "d"}]})"),
              HasSubstr("plan: identity_driver: must not be empty"));
  EXPECT_THAT(Error(R"({"target": "t", "profile": "p", "cases": []})"),
              HasSubstr("missing required field \"runtime\""));
  EXPECT_THAT(Error(R"({"runtime": "r", "target": "t", "profile": "p", "cases": []})"),
              HasSubstr("the plan has no cases"));
  EXPECT_THAT(Error(R"({"runtime": "r", "target": "t", "profile": "p", "cases": [{"name": "a"}]})"),
              HasSubstr("cases[0]: missing required field \"driver\""));
  EXPECT_THAT(Error(R"({"runtime": "r", "target": "t", "profile": "p",
                       "cases": [{"name": "a", "driver": "d", "args": [1]}]})"),
              HasSubstr("cases[0].args[0]: expected a string, found number"));
  EXPECT_THAT(Error(R"({"runtime": "r", "target": "t", "profile": "p",
                       "cases": [{"name": "a", "driver": "d"}, {"name": "a", "driver": "e"}]})"),
              HasSubstr("duplicate case name \"a\""));
  EXPECT_THAT(Error(R"({"runtime": "r", "target": "t", "profile": "p", "timeout": 3,
                       "cases": [{"name": "a", "driver": "d"}]})"),
              HasSubstr("unknown field \"timeout\""));
  EXPECT_THAT(Error(R"({"runtime": "r", "target": "t", "profile": "p", "unsupported": {"x": ""},
                       "cases": [{"name": "a", "driver": "d"}]})"),
              HasSubstr("needs a reason"));
  EXPECT_THAT(Error(R"({"runtime": "r", "target": "t", "profile": "p",
                       "cases": [{"name": "main_thread_cost_ratio", "driver": "d"}]})"),
              HasSubstr("derived by the runner"));
  EXPECT_THAT(Error(R"({"runtime": "r", "target": "t", "profile": "p",
                       "cases": [{"name": "a b", "driver": "d"}]})"),
              HasSubstr("is not a case name"));
  EXPECT_THAT(Error(R"({"runtime": "r", "target": "t", "profile": "p",
                       "cases": [{"name": "a", "driver": "d", "timeout_s": 0}]})"),
              HasSubstr("cases[0].timeout_s: expected a positive number"));
  EXPECT_THAT(Error(R"({"runtime": "r", "target": "t", "profile": "p",
                       "cases": [{"name": "a", "driver": "d", "timeout_s": "5"}]})"),
              HasSubstr("cases[0].timeout_s: expected a positive number"));
  EXPECT_THAT(Error(R"({"runtime": "r", "target": "t", "profile": "p",
                       "cases": [{"name": "a", "driver": "d", "metric": ""}]})"),
              HasSubstr("cases[0].metric: must not be empty"));
  EXPECT_THAT(Error(R"({"runtime": "r", "target": "t", "profile": "p",
                       "cases": [{"name": "a", "driver": "d", "metric": 1}]})"),
              HasSubstr("cases[0].metric: expected a string, found number"));
  EXPECT_THAT(Error(R"({"runtime": "r", "target": "t", "profile": "p",
                       "cases": [{"name": "a", "driver": "d", "metric": "ns per call"}]})"),
              HasSubstr("cases[0].metric: \"ns per call\" is not a metric key"));
}

}  // namespace
}  // namespace xcall::runner
