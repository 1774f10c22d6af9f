#include "conformance/runner/verdict.h"

namespace xcall::runner {

const char* VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kPass: return "pass";
    case Verdict::kFail: return "fail";
    case Verdict::kCrash: return "crash";
    case Verdict::kTimeout: return "timeout";
    case Verdict::kSkip: return "skip";
  }
  return "?";
}

std::optional<Verdict> ParseVerdict(const std::string& name) {
  for (Verdict v : {Verdict::kPass, Verdict::kFail, Verdict::kCrash, Verdict::kTimeout,
                    Verdict::kSkip}) {
    if (name == VerdictName(v)) return v;
  }
  return std::nullopt;
}

}  // namespace xcall::runner
