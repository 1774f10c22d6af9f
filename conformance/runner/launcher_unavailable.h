// A launcher's own report that it cannot run the target on this machine at all (the emulator
// or the target's sysroot is not installed). No case can be judged then: the runner stops the
// row and exits 2 (bad environment) instead of recording a `fail` for every case, which could
// even match an expected `fail`.
//
// The rule, which launchers follow (toolchains/launchers/*.sh): before starting anything, a
// launcher that cannot run prints its reason on stderr as lines starting "xcall: " and exits
// 127 (the shell's "command not found"). The runner recognises exactly that: the process
// exited with status 127 and its stderr holds at least one line, every non-blank one of
// which starts with "xcall: ". A guest that itself exits 127 does not match, because the
// guest's or the emulator's own output (or no output at all) is on stderr then, and nothing
// but a launcher prints "xcall: " lines.
#ifndef XCALL_CONFORMANCE_RUNNER_LAUNCHER_UNAVAILABLE_H_
#define XCALL_CONFORMANCE_RUNNER_LAUNCHER_UNAVAILABLE_H_

#include <optional>
#include <string>

#include "conformance/runner/case_launcher.h"

namespace xcall::runner {

inline constexpr int kLauncherCannotRunStatus = 127;
inline constexpr char kLauncherMessagePrefix[] = "xcall: ";

// The launcher's message (its "xcall: " lines, sanitised), when `outcome` is a launcher
// saying that it cannot run; nullopt otherwise.
std::optional<std::string> LauncherCannotRunMessage(const RawOutcome& outcome);

}  // namespace xcall::runner

#endif  // XCALL_CONFORMANCE_RUNNER_LAUNCHER_UNAVAILABLE_H_
