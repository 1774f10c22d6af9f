// Turns how a case's process ended into a verdict and a detail a reader can act on.
//
// Pure function of the raw outcome, so every rule below is unit-tested without processes:
//  - exit 0: pass.
//  - a non-zero exit: fail, "exit status N". Go's runtime exits 2 after "fatal error: ..."
//    or "panic: ..." and a goroutine dump; that stays a fail (the runtime stopped itself),
//    but the detail leads with that line so the diagnostic is visible.
//  - killed by a signal: crash with the signal's name. qemu-user re-raises the guest's
//    signal on itself, so emulated deaths arrive here too.
//  - an exit code the launcher reports as a Windows exception (wine: 0xC0000005 and
//    friends, see launcher_report.h): crash with the NTSTATUS name. Without a report, Wine's
//    own "wine: Unhandled page fault ..." line counts as the same evidence, whatever the
//    exit status (wine_exception_message.h).
//  - the deadline passed: timeout.
// `skip` is never decided here: only a feature the runtime declares unsupported gives it.
#ifndef XCALL_CONFORMANCE_RUNNER_OUTCOME_CLASSIFIER_H_
#define XCALL_CONFORMANCE_RUNNER_OUTCOME_CLASSIFIER_H_

#include <string>

#include "conformance/runner/case_launcher.h"
#include "conformance/runner/verdict.h"

namespace xcall::runner {

struct Classification {
  Verdict verdict;
  // First line: what happened and the key diagnostic ("SIGTRAP: fatal: morestack on g0").
  // Following lines, if any: the last lines of stderr. Empty for a pass.
  std::string detail;
};

// How many stderr lines a detail carries after its first line.
inline constexpr size_t kDetailTailLines = 10;

Classification ClassifyOutcome(const RawOutcome& outcome);

// The first line of a detail: what expectations files keep.
std::string DetailHeadline(const std::string& detail);

}  // namespace xcall::runner

#endif  // XCALL_CONFORMANCE_RUNNER_OUTCOME_CLASSIFIER_H_
