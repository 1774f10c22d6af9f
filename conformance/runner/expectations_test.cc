#include "conformance/runner/expectations.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace xcall::runner {
namespace {

using testing::ElementsAre;

CaseResult Result(const std::string& name, Verdict verdict, const std::string& detail = "") {
  CaseResult r;
  r.runtime = "go1.19.8";
  r.target = "linux_x86_64";
  r.profile = "default";
  r.case_name = name;
  r.verdict = verdict;
  r.detail = detail;
  r.seconds = 1.5;
  r.metrics = {{"ns_per_call", 100}};
  return r;
}

const char kRecorded[] = R"({
  "runtime": "go1.19.8",
  "target": "linux_x86_64",
  "profiles": {
    "default": {
      "deep_stack_nested": {"verdict": "crash", "detail": "SIGTRAP: fatal: morestack on g0"},
      "deep_stack_sequence": {"verdict": "pass"}
    },
    "no_getattr_np": {
      "deep_stack_sequence": {"verdict": "fail", "detail": "exit status 2"}
    }
  }
})";

std::vector<std::string> Descriptions(const std::vector<VerdictChange>& changes) {
  std::vector<std::string> out;
  for (const auto& c : changes) out.push_back(DescribeChange(c));
  return out;
}

TEST(ExpectationsTest, SameVerdictsAreNoChangeWhateverTheSecondsAndMetrics) {
  Expectations e = ParseExpectations(kRecorded);
  std::vector<CaseResult> run = {Result("deep_stack_sequence", Verdict::kPass),
                                 Result("deep_stack_nested", Verdict::kCrash, "SIGSEGV: other text")};
  EXPECT_TRUE(CompareWithExpectations(e, "default", run).empty());
}

TEST(ExpectationsTest, BetterVerdictIsAChange) {
  Expectations e = ParseExpectations(kRecorded);
  std::vector<CaseResult> run = {Result("deep_stack_sequence", Verdict::kPass),
                                 Result("deep_stack_nested", Verdict::kPass)};
  EXPECT_THAT(Descriptions(CompareWithExpectations(e, "default", run)),
              ElementsAre("deep_stack_nested [default]: expected crash, got pass"));
}

TEST(ExpectationsTest, WorseVerdictIsAChangeWithTheNewDetail) {
  Expectations e = ParseExpectations(kRecorded);
  std::vector<CaseResult> run = {
      Result("deep_stack_sequence", Verdict::kTimeout, "no exit within 60 s\nmore"),
      Result("deep_stack_nested", Verdict::kCrash)};
  EXPECT_THAT(Descriptions(CompareWithExpectations(e, "default", run)),
              ElementsAre("deep_stack_sequence [default]: expected pass, got timeout (no exit within 60 s)"));
}

TEST(ExpectationsTest, UnrecordedCaseAndCaseNoLongerRunAreChanges) {
  Expectations e = ParseExpectations(kRecorded);
  std::vector<CaseResult> run = {Result("deep_stack_sequence", Verdict::kPass),
                                 Result("early_call", Verdict::kFail, "exit status 1")};
  EXPECT_THAT(Descriptions(CompareWithExpectations(e, "default", run)),
              ElementsAre("early_call [default]: got fail, but no expectation is recorded (exit status 1)",
                          "deep_stack_nested [default]: expected crash, but the run has no such case"));
}

TEST(ExpectationsTest, ProfilesAreComparedSeparately) {
  Expectations e = ParseExpectations(kRecorded);
  std::vector<CaseResult> run = {Result("deep_stack_sequence", Verdict::kPass)};
  run[0].profile = "no_getattr_np";
  EXPECT_THAT(Descriptions(CompareWithExpectations(e, "no_getattr_np", run)),
              ElementsAre("deep_stack_sequence [no_getattr_np]: expected fail, got pass"));
  EXPECT_EQ(CompareWithExpectations(e, "musl", run).size(), 1u);  // nothing recorded at all
}

TEST(ExpectationsTest, RecordReplacesOnlyTheRunProfile) {
  Expectations e = ParseExpectations(kRecorded);
  std::vector<CaseResult> run = {Result("deep_stack_sequence", Verdict::kPass),
                                 Result("early_call", Verdict::kCrash, "SIGSEGV: x\ntail line")};
  RecordObserved(e, "default", run);
  EXPECT_TRUE(CompareWithExpectations(e, "default", run).empty());
  ASSERT_EQ(e.profiles["default"].size(), 2u);  // deep_stack_nested is gone with the case
  EXPECT_EQ(e.profiles["default"]["early_call"].detail, "SIGSEGV: x");
  EXPECT_EQ(e.profiles["default"]["deep_stack_sequence"].detail, "");
  ASSERT_EQ(e.profiles["no_getattr_np"].size(), 1u);
  EXPECT_EQ(e.profiles["no_getattr_np"]["deep_stack_sequence"].verdict, Verdict::kFail);
}

TEST(ExpectationsTest, SerializedFileReadsBackAndIsSorted) {
  Expectations e = ParseExpectations(kRecorded);
  std::string text = SerializeExpectations(e);
  Expectations back = ParseExpectations(text);
  EXPECT_EQ(SerializeExpectations(back), text);
  EXPECT_LT(text.find("deep_stack_nested"), text.find("deep_stack_sequence"));
  EXPECT_LT(text.find("\"default\""), text.find("\"no_getattr_np\""));
  EXPECT_EQ(text.find("seconds"), std::string::npos);
}

TEST(ExpectationsTest, BadFilesAreRejectedWithTheField) {
  auto message = [](const std::string& text) {
    try {
      ParseExpectations(text);
    } catch (const ExpectationsError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_THAT(message("{"), testing::HasSubstr("not valid JSON: line 1"));
  EXPECT_THAT(message(R"({"runtime": "a", "target": "b"})"), testing::HasSubstr("missing field \"profiles\""));
  EXPECT_THAT(message(R"({"runtime": "a", "target": "b", "profiles": {"default": {"x": {"verdict": "flaky"}}}})"),
              testing::HasSubstr("profiles.default.x.verdict: \"flaky\" is not one of"));
  EXPECT_THAT(message(R"({"runtime": "a", "target": "b", "profiles": {"default": {"x": {"verdict": "pass", "seconds": 1}}}})"),
              testing::HasSubstr("unknown field \"seconds\""));
  EXPECT_THAT(message(R"({"runtime": "a", "target": "b", "profiles": {"default": {"x": "pass"}}})"),
              testing::HasSubstr("expected an object like"));
}

}  // namespace
}  // namespace xcall::runner
