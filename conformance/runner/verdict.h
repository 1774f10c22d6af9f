// The five verdicts a case can get (architecture.md, "Verdicts and report").
#ifndef XCALL_CONFORMANCE_RUNNER_VERDICT_H_
#define XCALL_CONFORMANCE_RUNNER_VERDICT_H_

#include <optional>
#include <string>

namespace xcall::runner {

enum class Verdict { kPass, kFail, kCrash, kTimeout, kSkip };

// "pass", "fail", "crash", "timeout", "skip": the spelling used in every file we write.
const char* VerdictName(Verdict verdict);

// The inverse of VerdictName; nullopt for anything else.
std::optional<Verdict> ParseVerdict(const std::string& name);

}  // namespace xcall::runner

#endif  // XCALL_CONFORMANCE_RUNNER_VERDICT_H_
