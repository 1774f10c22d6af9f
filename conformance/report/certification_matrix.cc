#include "conformance/report/certification_matrix.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include "conformance/report/attempt_history.h"
#include "conformance/runner/performance_check.h"

namespace xcall::report {
namespace {

size_t IndexOf(Verdict v) {
  return static_cast<size_t>(std::find(kAllVerdicts.begin(), kAllVerdicts.end(), v) - kAllVerdicts.begin());
}

}  // namespace

int VerdictCounts::Of(Verdict v) const { return by_verdict[IndexOf(v)]; }

int VerdictCounts::Total() const {
  int total = 0;
  for (int n : by_verdict) total += n;
  return total;
}

std::vector<CallbackCost> CallbackCosts(const std::vector<CaseResult>& results) {
  std::vector<CallbackCost> costs;
  for (const CaseResult& r : results) {
    bool main_thread = r.case_name == runner::kMainThreadCallsCase;
    if (!main_thread && r.case_name != runner::kCThreadCallsCase) continue;
    auto ns = r.metrics.find(runner::kNsPerCallMetric);
    if (ns == r.metrics.end()) continue;
    costs.push_back({r.runtime, r.target, r.profile, main_thread, ns->second});
  }
  std::stable_sort(costs.begin(), costs.end(), [](const CallbackCost& a, const CallbackCost& b) {
    return std::make_tuple(a.runtime, a.target, a.profile, !a.main_thread) <
           std::make_tuple(b.runtime, b.target, b.profile, !b.main_thread);
  });
  return costs;
}

std::vector<MatrixRow> BuildMatrix(const std::vector<CaseResult>& results,
                                   const std::vector<runner::MissingRun>& missing_runs) {
  std::map<std::pair<std::string, std::string>, MatrixRow> rows;
  for (const CaseResult& r : results) {
    MatrixRow& row = rows[{r.runtime, r.target}];
    row.runtime = r.runtime;
    row.target = r.target;
    row.counts.by_verdict[IndexOf(r.verdict)]++;
    row.flaky += IsFlaky(r);
  }
  // The same run named twice (a report read back, with another reason) is still one run.
  std::set<std::tuple<std::string, std::string, std::string>> missing;
  for (const runner::MissingRun& m : missing_runs) {
    if (!missing.insert({m.runtime, m.target, m.profile}).second) continue;
    MatrixRow& row = rows[{m.runtime, m.target}];
    row.runtime = m.runtime;
    row.target = m.target;
    row.missing_runs++;
  }
  for (const CallbackCost& cost : CallbackCosts(results)) {
    MatrixRow& row = rows[{cost.runtime, cost.target}];
    (cost.main_thread ? row.main_thread : row.c_threads).push_back(cost);
  }
  std::vector<MatrixRow> out;
  for (auto& [key, row] : rows) out.push_back(std::move(row));
  return out;
}

std::string FormatCosts(const std::vector<CallbackCost>& costs) {
  if (costs.empty()) return "-";
  std::string out;
  for (const CallbackCost& c : costs) {
    char ns[32];
    std::snprintf(ns, sizeof ns, "%.1f", c.ns_per_call);
    if (!out.empty()) out += ", ";
    out += costs.size() == 1 ? std::string(ns) : c.profile + " " + ns;
  }
  return out;
}

}  // namespace xcall::report
