// What a launcher may tell the runner about how the guest program ended.
//
// Emulators hide part of the guest's end from the host. qemu-user re-raises the guest's
// fatal signal on itself, so the host sees it directly as long as the launcher `exec`s qemu.
// wine turns an unhandled exception into an exit code such as 0xC0000005, of which the host
// sees only the low 8 bits. So a launcher may print one line on stderr:
//
//   XCALL_LAUNCHER exit_code=0xC0000005     (full guest exit code: hex, decimal, or negative
//                                            decimal as cmd.exe's %errorlevel% prints it)
//   XCALL_LAUNCHER signal=SIGSEGV           (guest died of this signal; name or number)
//
// The last such line wins; these lines are removed from the stderr that details show.
#ifndef XCALL_CONFORMANCE_RUNNER_LAUNCHER_REPORT_H_
#define XCALL_CONFORMANCE_RUNNER_LAUNCHER_REPORT_H_

#include <cstdint>
#include <optional>
#include <string>

namespace xcall::runner {

inline constexpr char kLauncherReportPrefix[] = "XCALL_LAUNCHER ";

struct LauncherReport {
  std::optional<uint32_t> exit_code;
  std::optional<std::string> signal;  // normalised to "SIGSEGV" when given as a number or "SEGV"
  std::string malformed;              // the text of a report line we could not read, if any
};

// Scans stderr for launcher lines.
LauncherReport ReadLauncherReport(const std::string& stderr_text);

// stderr without the launcher's lines.
std::string WithoutLauncherLines(const std::string& stderr_text);

}  // namespace xcall::runner

#endif  // XCALL_CONFORMANCE_RUNNER_LAUNCHER_REPORT_H_
