// Windows process exit codes that mean "died", as seen under wine.
//
// A Windows process killed by an unhandled exception exits with the exception's NTSTATUS
// code (0xC0000005 for an access violation). The host only sees the low 8 bits of it, so
// the wine launcher reports the full code on stderr (see launcher_report.h) and the
// classifier maps it here.
#ifndef XCALL_CONFORMANCE_RUNNER_NTSTATUS_H_
#define XCALL_CONFORMANCE_RUNNER_NTSTATUS_H_

#include <cstdint>
#include <optional>
#include <string>

namespace xcall::runner {

struct NtStatusMeaning {
  const char* name;  // "STATUS_ACCESS_VIOLATION"
  bool is_crash;     // an exception that killed the process, rather than a failed start
};

// The meaning of a known NTSTATUS code, or nullopt.
std::optional<NtStatusMeaning> DescribeNtStatus(uint32_t code);

// True for codes with the NTSTATUS "error" severity (0xC.......) or the exception codes
// with "warning" severity that Windows raises for breakpoints and misalignment.
bool LooksLikeNtStatus(uint32_t code);

// "0xC0000005"
std::string HexCode(uint32_t code);

}  // namespace xcall::runner

#endif  // XCALL_CONFORMANCE_RUNNER_NTSTATUS_H_
