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

CaseResult ResultFromJson(const Value& v, const std::string& where) {
  if (!v.is_object()) Fail(where, "expected an object");
  CaseResult r;
  r.runtime = RequiredString(v, "runtime", where);
  r.target = RequiredString(v, "target", where);
  r.profile = RequiredString(v, "profile", where);
  r.case_name = RequiredString(v, "case", where);
  std::string verdict = RequiredString(v, "verdict", where);
  std::optional<Verdict> parsed = ParseVerdict(verdict);
  if (!parsed) Fail(where + ".verdict", "\"" + verdict + "\" is not one of pass, fail, crash, timeout, skip");
  r.verdict = *parsed;
  if (const Value* d = v.Find("detail")) {
    if (!d->is_string()) Fail(where + ".detail", "expected a string");
    r.detail = d->AsString();
  }
  if (const Value* m = v.Find("metrics")) {
    if (!m->is_object()) Fail(where + ".metrics", "expected an object");
    for (const auto& [k, value] : m->AsMembers()) {
      if (!value.is_number()) Fail(where + ".metrics." + k, "expected a number");
      r.metrics[k] = value.AsNumber();
    }
  }
  if (const Value* s = v.Find("seconds")) {
    if (!s->is_number()) Fail(where + ".seconds", "expected a number");
    r.seconds = s->AsNumber();
  }
  return r;
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
    item.Set("verdict", VerdictName(r.verdict));
    item.Set("detail", r.detail);
    Value metrics = Value::Object();
    for (const auto& [k, v] : r.metrics) metrics.Set(k, v);
    item.Set("metrics", metrics);
    item.Set("seconds", static_cast<double>(static_cast<long long>(r.seconds * 1000 + 0.5)) / 1000);
    list.Append(item);
  }
  root.Set("results", list);
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
