#include "conformance/runner/results_file.h"

#include <sys/utsname.h>
#include <unistd.h>

namespace xcall::runner {
namespace {

using json::Value;

#ifndef XCALL_SUITE_VERSION
#define XCALL_SUITE_VERSION "0.1.0"
#endif

[[noreturn]] void Fail(const std::string& where, const std::string& what) {
  throw ResultsError("results: " + where + ": " + what);
}

std::string RequiredString(const Value& obj, const std::string& key, const std::string& where) {
  const Value* v = obj.Find(key);
  if (v == nullptr) Fail(where, "missing field \"" + key + "\"");
  if (!v->is_string()) Fail(where + "." + key, std::string("expected a string, found ") + json::KindName(v->kind()));
  return v->AsString();
}

// The string at key, or "" when absent.
std::string OptionalString(const Value& obj, const std::string& key, const std::string& where) {
  const Value* v = obj.Find(key);
  if (v == nullptr) return "";
  if (!v->is_string()) Fail(where + "." + key, "expected a string");
  return v->AsString();
}

int AttemptFromJson(const Value& obj, const std::string& where) {
  const Value* v = obj.Find("attempt");
  if (v == nullptr) return 1;
  double n = v->is_number() ? v->AsNumber() : 0;
  if (!v->is_number() || n < 1 || n > 1e6 || n != static_cast<double>(static_cast<int>(n))) {
    Fail(where + ".attempt", "expected a whole number from 1 (the first attempt)");
  }
  return static_cast<int>(n);
}

// The fields one attempt has: verdict, detail, metrics, seconds, attempt.
AttemptResult OutcomeFromJson(const Value& v, const std::string& where) {
  AttemptResult a;
  std::string verdict = RequiredString(v, "verdict", where);
  std::optional<Verdict> parsed = ParseVerdict(verdict);
  if (!parsed) Fail(where + ".verdict", "\"" + verdict + "\" is not one of pass, fail, crash, timeout, skip");
  a.verdict = *parsed;
  a.detail = OptionalString(v, "detail", where);
  if (const Value* m = v.Find("metrics")) {
    if (!m->is_object()) Fail(where + ".metrics", "expected an object");
    for (const auto& [k, value] : m->AsMembers()) {
      if (!value.is_number()) Fail(where + ".metrics." + k, "expected a number");
      a.metrics[k] = value.AsNumber();
    }
  }
  if (const Value* s = v.Find("seconds")) {
    if (!s->is_number()) Fail(where + ".seconds", "expected a number");
    a.seconds = s->AsNumber();
  }
  a.attempt = AttemptFromJson(v, where);
  return a;
}

CaseResult ResultFromJson(const Value& v, const std::string& where) {
  if (!v.is_object()) Fail(where, "expected an object");
  CaseResult r;
  r.runtime = RequiredString(v, "runtime", where);
  r.target = RequiredString(v, "target", where);
  r.profile = RequiredString(v, "profile", where);
  r.case_name = RequiredString(v, "case", where);
  AttemptResult final_attempt = OutcomeFromJson(v, where);
  r.verdict = final_attempt.verdict;
  r.detail = final_attempt.detail;
  r.metrics = final_attempt.metrics;
  r.seconds = final_attempt.seconds;
  r.attempt = final_attempt.attempt;
  r.linked_runtime = OptionalString(v, "linked_runtime", where);
  const Value* earlier = v.Find("earlier_attempts");
  if (earlier == nullptr) return r;
  if (!earlier->is_array()) Fail(where + ".earlier_attempts", "expected an array");
  int previous = 0;
  for (size_t i = 0; i < earlier->AsArray().size(); ++i) {
    std::string at = where + ".earlier_attempts[" + std::to_string(i) + "]";
    const Value& item = earlier->AsArray()[i];
    if (!item.is_object()) Fail(at, "expected an object");
    if (item.Find("attempt") == nullptr) Fail(at, "missing field \"attempt\"");
    AttemptResult a = OutcomeFromJson(item, at);
    if (a.attempt <= previous || a.attempt >= r.attempt) {
      Fail(at + ".attempt", std::to_string(a.attempt) + " is out of order: earlier attempts are listed oldest "
                            "first, each before the final attempt " + std::to_string(r.attempt));
    }
    previous = a.attempt;
    r.earlier_attempts.push_back(a);
  }
  return r;
}

MissingRun MissingRunFromJson(const Value& v, const std::string& where) {
  if (!v.is_object()) Fail(where, "expected an object");
  MissingRun m;
  m.runtime = RequiredString(v, "runtime", where);
  m.target = RequiredString(v, "target", where);
  m.profile = RequiredString(v, "profile", where);
  m.reason = RequiredString(v, "reason", where);
  return m;
}

void SetOutcome(Value& item, int attempt, Verdict verdict, const std::string& detail,
                const std::map<std::string, double>& metrics, double seconds) {
  item.Set("verdict", VerdictName(verdict));
  item.Set("detail", detail);
  Value metrics_object = Value::Object();
  for (const auto& [k, v] : metrics) metrics_object.Set(k, v);
  item.Set("metrics", metrics_object);
  item.Set("seconds", static_cast<double>(static_cast<long long>(seconds * 1000 + 0.5)) / 1000);
  item.Set("attempt", attempt);
}

}  // namespace

Value ResultsToJson(const ResultsDocument& document) {
  Value root = Value::Object();
  root.Set("suite_version", document.suite_version);
  root.Set("host", document.host);
  Value list{Value::Array{}};
  for (const CaseResult& r : document.results) {
    Value item = Value::Object();
    item.Set("runtime", r.runtime);
    item.Set("target", r.target);
    item.Set("profile", r.profile);
    item.Set("case", r.case_name);
    SetOutcome(item, r.attempt, r.verdict, r.detail, r.metrics, r.seconds);
    if (!r.linked_runtime.empty()) item.Set("linked_runtime", r.linked_runtime);
    if (!r.earlier_attempts.empty()) {
      Value earlier{Value::Array{}};
      for (const AttemptResult& a : r.earlier_attempts) {
        Value attempt = Value::Object();
        SetOutcome(attempt, a.attempt, a.verdict, a.detail, a.metrics, a.seconds);
        earlier.Append(attempt);
      }
      item.Set("earlier_attempts", earlier);
    }
    list.Append(item);
  }
  root.Set("results", list);
  if (!document.missing_runs.empty()) {
    Value missing{Value::Array{}};
    for (const MissingRun& m : document.missing_runs) {
      Value item = Value::Object();
      item.Set("runtime", m.runtime);
      item.Set("target", m.target);
      item.Set("profile", m.profile);
      item.Set("reason", m.reason);
      missing.Append(item);
    }
    root.Set("missing_runs", missing);
  }
  return root;
}

ResultsDocument ResultsFromJson(const Value& value) {
  if (!value.is_object()) Fail("top level", "expected an object");
  ResultsDocument doc;
  if (const Value* v = value.Find("suite_version"); v && v->is_string()) doc.suite_version = v->AsString();
  if (const Value* v = value.Find("host"); v && v->is_string()) doc.host = v->AsString();
  const Value* results = value.Find("results");
  if (results == nullptr) Fail("top level", "missing field \"results\"");
  if (!results->is_array()) Fail("results", "expected an array");
  for (size_t i = 0; i < results->AsArray().size(); ++i) {
    doc.results.push_back(ResultFromJson(results->AsArray()[i], "results[" + std::to_string(i) + "]"));
  }
  const Value* missing = value.Find("missing_runs");
  if (missing == nullptr) return doc;
  if (!missing->is_array()) Fail("missing_runs", "expected an array");
  for (size_t i = 0; i < missing->AsArray().size(); ++i) {
    doc.missing_runs.push_back(MissingRunFromJson(missing->AsArray()[i], "missing_runs[" + std::to_string(i) + "]"));
  }
  return doc;
}

std::string SerializeResults(const ResultsDocument& document) {
  return json::Serialize(ResultsToJson(document));
}

ResultsDocument ParseResults(const std::string& json_text) {
  try {
    return ResultsFromJson(json::Parse(json_text));
  } catch (const json::JsonError& e) {
    throw ResultsError(std::string("results: not valid JSON: ") + e.what());
  }
}

std::string DefaultSuiteVersion() { return XCALL_SUITE_VERSION; }

std::string DescribeHost() {
  utsname u{};
  if (uname(&u) != 0) return "unknown";
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  return std::string(u.sysname) + " " + u.release + " " + u.machine + ", " + std::to_string(cpus) + " cpus";
}

}  // namespace xcall::runner
