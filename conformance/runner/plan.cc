#include "conformance/runner/plan.h"

#include <cctype>
#include <set>

#include "conformance/runner/json.h"
#include "conformance/runner/metrics.h"
#include "conformance/runner/performance_check.h"

namespace xcall::runner {
namespace {

using json::Value;

[[noreturn]] void Fail(const std::string& where, const std::string& what) {
  throw PlanError("plan: " + where + ": " + what);
}

const Value& Required(const Value& obj, const std::string& key, const std::string& where) {
  const Value* v = obj.Find(key);
  if (v == nullptr) Fail(where, "missing required field \"" + key + "\"");
  return *v;
}

std::string String(const Value& v, const std::string& where, bool allow_empty = false) {
  if (!v.is_string()) Fail(where, std::string("expected a string, found ") + json::KindName(v.kind()));
  if (!allow_empty && v.AsString().empty()) Fail(where, "must not be empty");
  return v.AsString();
}

std::vector<std::string> Strings(const Value* v, const std::string& where) {
  std::vector<std::string> out;
  if (v == nullptr) return out;
  if (!v->is_array()) Fail(where, std::string("expected an array, found ") + json::KindName(v->kind()));
  for (size_t i = 0; i < v->AsArray().size(); ++i) {
    out.push_back(String(v->AsArray()[i], where + "[" + std::to_string(i) + "]", true));
  }
  return out;
}

std::map<std::string, std::string> StringMap(const Value* v, const std::string& where) {
  std::map<std::string, std::string> out;
  if (v == nullptr) return out;
  if (!v->is_object()) Fail(where, std::string("expected an object, found ") + json::KindName(v->kind()));
  for (const auto& [k, item] : v->AsMembers()) out[k] = String(item, where + "." + k, true);
  return out;
}

void CheckKnownFields(const Value& obj, const std::set<std::string>& known, const std::string& where) {
  for (const auto& [k, unused] : obj.AsMembers()) {
    if (known.count(k) == 0) Fail(where, "unknown field \"" + k + "\"");
  }
}

bool ValidName(const std::string& name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) return false;
  }
  return true;
}

PlanCase ReadCase(const Value& v, const std::string& where) {
  if (!v.is_object()) Fail(where, std::string("expected an object, found ") + json::KindName(v.kind()));
  CheckKnownFields(v, {"name", "driver", "args", "features", "mirrors", "env", "metric", "timeout_s"}, where);
  PlanCase c;
  c.name = String(Required(v, "name", where), where + ".name");
  if (!ValidName(c.name)) Fail(where + ".name", "\"" + c.name + "\" is not a case name (letters, digits, _ - .)");
  if (c.name == kMainThreadCostRatioCase) {
    Fail(where + ".name", "\"" + c.name + "\" is derived by the runner and cannot be a plan case");
  }
  c.driver = String(Required(v, "driver", where), where + ".driver");
  c.args = Strings(v.Find("args"), where + ".args");
  c.features = Strings(v.Find("features"), where + ".features");
  if (const Value* m = v.Find("mirrors")) c.mirrors = String(*m, where + ".mirrors", true);
  c.env = StringMap(v.Find("env"), where + ".env");
  if (const Value* m = v.Find("metric")) {
    c.metric = String(*m, where + ".metric");
    if (!ValidMetricKey(c.metric)) Fail(where + ".metric", "\"" + c.metric + "\" is not a metric key (letters, digits, _ .)");
  }
  if (const Value* t = v.Find("timeout_s")) {
    if (!t->is_number() || t->AsNumber() <= 0) Fail(where + ".timeout_s", "expected a positive number of seconds");
    c.timeout_seconds = t->AsNumber();
  }
  return c;
}

}  // namespace

Plan ParsePlan(const std::string& json_text) {
  Value root;
  try {
    root = json::Parse(json_text);
  } catch (const json::JsonError& e) {
    throw PlanError(std::string("plan: not valid JSON: ") + e.what());
  }
  if (!root.is_object()) Fail("top level", "expected an object");
  CheckKnownFields(root, {"runtime", "target", "profile", "launcher", "identity_driver", "env",
                          "unsupported", "cases", "suite_version"},
                   "top level");
  Plan plan;
  plan.runtime = String(Required(root, "runtime", "top level"), "runtime");
  plan.target = String(Required(root, "target", "top level"), "target");
  plan.profile = String(Required(root, "profile", "top level"), "profile");
  for (const auto* name : {&plan.runtime, &plan.target, &plan.profile}) {
    if (!ValidName(*name)) Fail("top level", "\"" + *name + "\" is not a valid name (letters, digits, _ - .)");
  }
  if (const Value* v = root.Find("suite_version")) plan.suite_version = String(*v, "suite_version");
  if (const Value* l = root.Find("launcher")) plan.launcher = String(*l, "launcher", true);
  if (const Value* d = root.Find("identity_driver")) {
    plan.identity_driver = String(*d, "identity_driver");
  }
  plan.env = StringMap(root.Find("env"), "env");
  plan.unsupported = StringMap(root.Find("unsupported"), "unsupported");
  for (const auto& [feature, reason] : plan.unsupported) {
    if (reason.empty()) Fail("unsupported." + feature, "a declared unsupported feature needs a reason");
  }
  const Value& cases = Required(root, "cases", "top level");
  if (!cases.is_array()) Fail("cases", std::string("expected an array, found ") + json::KindName(cases.kind()));
  if (cases.AsArray().empty()) Fail("cases", "the plan has no cases");
  std::set<std::string> names;
  for (size_t i = 0; i < cases.AsArray().size(); ++i) {
    PlanCase c = ReadCase(cases.AsArray()[i], "cases[" + std::to_string(i) + "]");
    if (!names.insert(c.name).second) Fail("cases[" + std::to_string(i) + "]", "duplicate case name \"" + c.name + "\"");
    plan.cases.push_back(std::move(c));
  }
  return plan;
}

}  // namespace xcall::runner
