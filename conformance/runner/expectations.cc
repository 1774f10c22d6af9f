#include "conformance/runner/expectations.h"

#include <set>

#include "conformance/runner/json.h"
#include "conformance/runner/outcome_classifier.h"

namespace xcall::runner {
namespace {

using json::Value;

[[noreturn]] void Fail(const std::string& where, const std::string& what) {
  throw ExpectationsError("expectations: " + where + ": " + what);
}

std::string RequiredString(const Value& obj, const std::string& key) {
  const Value* v = obj.Find(key);
  if (v == nullptr) Fail("top level", "missing field \"" + key + "\"");
  if (!v->is_string() || v->AsString().empty()) Fail(key, "expected a non-empty string");
  return v->AsString();
}

Expectation ReadExpectation(const Value& v, const std::string& where) {
  if (!v.is_object()) Fail(where, "expected an object like {\"verdict\": \"pass\"}");
  for (const auto& [k, unused] : v.AsMembers()) {
    if (k != "verdict" && k != "detail") Fail(where, "unknown field \"" + k + "\"");
  }
  const Value* verdict = v.Find("verdict");
  if (verdict == nullptr || !verdict->is_string()) Fail(where, "missing string field \"verdict\"");
  std::optional<Verdict> parsed = ParseVerdict(verdict->AsString());
  if (!parsed) {
    Fail(where + ".verdict",
         "\"" + verdict->AsString() + "\" is not one of pass, fail, crash, timeout, skip");
  }
  Expectation e;
  e.verdict = *parsed;
  if (const Value* d = v.Find("detail")) {
    if (!d->is_string()) Fail(where + ".detail", "expected a string");
    e.detail = d->AsString();
  }
  return e;
}

}  // namespace

Expectations ParseExpectations(const std::string& json_text) {
  Value root;
  try {
    root = json::Parse(json_text);
  } catch (const json::JsonError& e) {
    throw ExpectationsError(std::string("expectations: not valid JSON: ") + e.what());
  }
  if (!root.is_object()) Fail("top level", "expected an object");
  for (const auto& [k, unused] : root.AsMembers()) {
    if (k != "runtime" && k != "target" && k != "profiles") Fail("top level", "unknown field \"" + k + "\"");
  }
  Expectations out;
  out.runtime = RequiredString(root, "runtime");
  out.target = RequiredString(root, "target");
  const Value* profiles = root.Find("profiles");
  if (profiles == nullptr) Fail("top level", "missing field \"profiles\"");
  if (!profiles->is_object()) Fail("profiles", "expected an object: profile -> case -> verdict");
  for (const auto& [profile, cases] : profiles->AsMembers()) {
    if (!cases.is_object()) Fail("profiles." + profile, "expected an object: case -> verdict");
    auto& section = out.profiles[profile];
    for (const auto& [name, item] : cases.AsMembers()) {
      section[name] = ReadExpectation(item, "profiles." + profile + "." + name);
    }
  }
  return out;
}

std::string SerializeExpectations(const Expectations& expectations) {
  Value root = Value::Object();
  root.Set("runtime", expectations.runtime);
  root.Set("target", expectations.target);
  Value profiles = Value::Object();
  for (const auto& [profile, cases] : expectations.profiles) {
    Value section = Value::Object();
    for (const auto& [name, e] : cases) {
      Value item = Value::Object();
      item.Set("verdict", VerdictName(e.verdict));
      if (!e.detail.empty()) item.Set("detail", e.detail);
      section.Set(name, item);
    }
    profiles.Set(profile, section);
  }
  root.Set("profiles", profiles);
  return json::Serialize(root);
}

std::string DescribeChange(const VerdictChange& change) {
  std::string head = change.case_name + " [" + change.profile + "]: ";
  if (!change.expected) {
    return head + "got " + VerdictName(*change.got) + ", but no expectation is recorded" +
           (change.got_detail.empty() ? "" : " (" + DetailHeadline(change.got_detail) + ")");
  }
  if (!change.got) {
    return head + "expected " + VerdictName(*change.expected) + ", but the run has no such case";
  }
  return head + "expected " + VerdictName(*change.expected) + ", got " + VerdictName(*change.got) +
         (change.got_detail.empty() ? "" : " (" + DetailHeadline(change.got_detail) + ")");
}

std::vector<VerdictChange> CompareWithExpectations(const Expectations& expectations,
                                                   const std::string& profile,
                                                   const std::vector<CaseResult>& results) {
  static const std::map<std::string, Expectation> kNone;
  auto section_it = expectations.profiles.find(profile);
  const auto& section = section_it == expectations.profiles.end() ? kNone : section_it->second;

  std::vector<VerdictChange> changes;
  std::set<std::string> seen;
  for (const CaseResult& r : results) {
    seen.insert(r.case_name);
    auto e = section.find(r.case_name);
    if (e == section.end()) {
      changes.push_back({profile, r.case_name, std::nullopt, r.verdict, r.detail});
    } else if (e->second.verdict != r.verdict) {
      changes.push_back({profile, r.case_name, e->second.verdict, r.verdict, r.detail});
    }
  }
  for (const auto& [name, e] : section) {
    if (seen.count(name) == 0) changes.push_back({profile, name, e.verdict, std::nullopt, ""});
  }
  return changes;
}

void RecordObserved(Expectations& expectations, const std::string& profile,
                    const std::vector<CaseResult>& results) {
  auto& section = expectations.profiles[profile];
  section.clear();
  for (const CaseResult& r : results) {
    Expectation e;
    e.verdict = r.verdict;
    if (r.verdict != Verdict::kPass) e.detail = DetailHeadline(r.detail);
    section[r.case_name] = e;
  }
}

}  // namespace xcall::runner
