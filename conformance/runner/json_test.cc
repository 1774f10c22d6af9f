#include "conformance/runner/json.h"

#include <gtest/gtest.h>

namespace xcall::json {
namespace {

TEST(JsonTest, ParsesEveryKind) {
  Value v = Parse(R"({"n": null, "t": true, "f": false, "i": -12, "d": 1.5e3, "s": "x",
                      "a": [1, [2], {}], "o": {"k": "v"}})");
  ASSERT_TRUE(v.is_object());
  EXPECT_TRUE(v.Find("n")->is_null());
  EXPECT_TRUE(v.Find("t")->AsBool());
  EXPECT_FALSE(v.Find("f")->AsBool());
  EXPECT_EQ(v.Find("i")->AsNumber(), -12);
  EXPECT_EQ(v.Find("d")->AsNumber(), 1500);
  EXPECT_EQ(v.Find("s")->AsString(), "x");
  ASSERT_EQ(v.Find("a")->AsArray().size(), 3u);
  EXPECT_EQ(v.Find("a")->AsArray()[1].AsArray()[0].AsNumber(), 2);
  EXPECT_EQ(v.Find("o")->Find("k")->AsString(), "v");
  EXPECT_EQ(v.Find("missing"), nullptr);
}

TEST(JsonTest, KeepsMemberOrder) {
  Value v = Parse(R"({"z": 1, "a": 2, "m": 3})");
  ASSERT_EQ(v.AsMembers().size(), 3u);
  EXPECT_EQ(v.AsMembers()[0].first, "z");
  EXPECT_EQ(v.AsMembers()[1].first, "a");
  EXPECT_EQ(v.AsMembers()[2].first, "m");
  EXPECT_EQ(Serialize(v, 0), R"({"z":1,"a":2,"m":3})");
}

TEST(JsonTest, DecodesEscapesAndUnicode) {
  Value v = Parse(R"("q\"b\\s\/n\nt\tu\u00e9\ud83d\ude00")");
  EXPECT_EQ(v.AsString(), "q\"b\\s/n\nt\tu\xC3\xA9\xF0\x9F\x98\x80");
}

TEST(JsonTest, RoundTripsThroughSerialize) {
  Value original = Value::Object();
  original.Set("text", "line1\nline2 \"quoted\" \x01 tab\t");
  original.Set("pi", 3.141592653589793);
  original.Set("small", 0.1);
  original.Set("big", 1e300);
  original.Set("count", 42);
  original.Set("negative", -7.25);
  original.Set("list", Value::Array{Value(true), Value(nullptr), Value("é")});
  original.Set("empty_list", Value::Array{});
  original.Set("empty_object", Value::Object());
  for (int indent : {0, 2}) {
    Value back = Parse(Serialize(original, indent));
    EXPECT_EQ(back, original) << Serialize(original, indent);
  }
}

TEST(JsonTest, IntegralNumbersPrintWithoutFraction) {
  EXPECT_EQ(Serialize(Value(1245.0), 0), "1245");
  EXPECT_EQ(Serialize(Value(1245.3), 0), "1245.3");
  EXPECT_EQ(Serialize(Value(-0.5), 0), "-0.5");
}

TEST(JsonTest, SetReplacesInPlace) {
  Value v = Value::Object();
  v.Set("a", 1);
  v.Set("b", 2);
  v.Set("a", 3);
  EXPECT_EQ(Serialize(v, 0), R"({"a":3,"b":2})");
}

struct BadJson {
  const char* text;
  const char* message;  // a substring of the error
};

class BadJsonTest : public testing::TestWithParam<BadJson> {};

TEST_P(BadJsonTest, IsRejectedWithPosition) {
  try {
    Parse(GetParam().text);
    FAIL() << "accepted: " << GetParam().text;
  } catch (const JsonError& e) {
    EXPECT_NE(std::string(e.what()).find(GetParam().message), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("line "), std::string::npos) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BadJsonTest,
    testing::Values(BadJson{"", "unexpected end of input"},
                    BadJson{"{", "expected a string key"},
                    BadJson{"{\"a\": 1,}", "expected a string key"},
                    BadJson{"[1, 2,]", "unexpected character ']'"},
                    BadJson{"[1 2]", "expected ',' or ']'"},
                    BadJson{"{\"a\" 1}", "expected ':'"},
                    BadJson{"{\"a\": 1, \"a\": 2}", "duplicate key \"a\""},
                    BadJson{"\"unterminated", "unterminated string"},
                    BadJson{"\"bad \\q escape\"", "invalid escape"},
                    BadJson{"\"\\ud800\"", "unpaired surrogate"},
                    BadJson{"\"tab\there\"", "control character"},
                    BadJson{"01", "unexpected text after"},
                    BadJson{"1.", "digits expected after '.'"},
                    BadJson{"-", "invalid number"},
                    BadJson{"1e400", "out of range"},
                    BadJson{"tru", "invalid literal"},
                    BadJson{"{} {}", "unexpected text after"},
                    BadJson{"// comment\n{}", "unexpected character '/'"}));

TEST(JsonTest, ReportsLineAndColumn) {
  try {
    Parse("{\n  \"a\": 1,\n  \"b\": ?\n}");
    FAIL();
  } catch (const JsonError& e) {
    EXPECT_STREQ(e.what(), "line 3, column 8: unexpected character '?'");
  }
}

TEST(JsonTest, RejectsDeepNesting) {
  EXPECT_THROW(Parse(std::string(500, '[') + std::string(500, ']')), JsonError);
  EXPECT_NO_THROW(Parse(std::string(100, '[') + std::string(100, ']')));
}

TEST(JsonTest, TypedAccessNamesBothKinds) {
  Value v = Parse("[1]");
  try {
    v.AsString();
    FAIL();
  } catch (const JsonError& e) {
    EXPECT_STREQ(e.what(), "expected a JSON string, found array");
  }
}

}  // namespace
}  // namespace xcall::json
