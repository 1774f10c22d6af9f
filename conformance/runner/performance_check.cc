#include "conformance/runner/performance_check.h"

#include <cstdio>
#include <string>

#include "conformance/runner/outcome_classifier.h"

namespace xcall::runner {
namespace {

const CaseResult* FindCase(const std::vector<CaseResult>& results, const char* name) {
  for (const CaseResult& r : results) {
    if (r.case_name == name) return &r;
  }
  return nullptr;
}

std::string Ns(double ns) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", ns);
  return buf;
}

}  // namespace

std::optional<CaseResult> DeriveMainThreadCostRatio(const std::vector<CaseResult>& results) {
  const CaseResult* main_thread = FindCase(results, kMainThreadCallsCase);
  const CaseResult* c_thread = FindCase(results, kCThreadCallsCase);
  if (main_thread == nullptr || c_thread == nullptr) return std::nullopt;

  CaseResult derived;
  derived.runtime = main_thread->runtime;
  derived.target = main_thread->target;
  derived.profile = main_thread->profile;
  derived.case_name = kMainThreadCostRatioCase;

  for (const CaseResult* source : {main_thread, c_thread}) {
    if (source->verdict == Verdict::kSkip) {
      derived.verdict = Verdict::kSkip;
      derived.detail = source->case_name + " skipped: " + source->detail;
      return derived;
    }
  }
  // A figure printed by a run that then failed or crashed is not a measurement to trust.
  for (const CaseResult* source : {main_thread, c_thread}) {
    if (source->verdict != Verdict::kPass) {
      std::string headline = DetailHeadline(source->detail);
      derived.verdict = Verdict::kFail;
      derived.detail = "cannot compare: " + source->case_name + " gave " +
                       VerdictName(source->verdict) + ", not pass" +
                       (headline.empty() ? "" : " (" + headline + ")");
      return derived;
    }
  }
  for (const CaseResult* source : {main_thread, c_thread}) {
    if (source->metrics.count(kNsPerCallMetric) == 0) {
      derived.verdict = Verdict::kFail;
      derived.detail = "cannot compare: " + source->case_name + " passed but printed no " + kNsPerCallMetric;
      return derived;
    }
  }
  double main_ns = main_thread->metrics.at(kNsPerCallMetric);
  double c_ns = c_thread->metrics.at(kNsPerCallMetric);
  derived.metrics["main_thread_ns_per_call"] = main_ns;
  derived.metrics["c_thread_ns_per_call"] = c_ns;
  if (c_ns > 0) derived.metrics["ratio"] = main_ns / c_ns;
  std::string figures = "main thread " + Ns(main_ns) + " ns/call, C thread " + Ns(c_ns) +
                        " ns/call (limit 4x)";
  if (c_ns <= 0 || main_ns <= 0) {
    derived.verdict = Verdict::kFail;
    derived.detail = "cannot compare non-positive figures: " + figures;
  } else if (main_ns > kMaxMainThreadCostRatio * c_ns) {
    char ratio[32];
    std::snprintf(ratio, sizeof ratio, "%.1fx", main_ns / c_ns);
    derived.verdict = Verdict::kFail;
    derived.detail = std::string("main-thread callbacks cost ") + ratio + " C-thread ones: " + figures;
  } else {
    derived.verdict = Verdict::kPass;
    derived.detail = figures;
  }
  derived.seconds = 0;
  return derived;
}

}  // namespace xcall::runner
