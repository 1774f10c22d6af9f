// Recognises the line Wine prints when a Windows program dies of an unhandled exception:
//   wine: Unhandled page fault on read access to 0000000000000000 at address ... (thread 0024),
//   starting debugger...
// Wine prints it only when no handler took the exception, and the process then dies. Its
// exit status is not a reliable witness: the host sees at most the low 8 bits of the code
// (5 for 0xC0000005), and wine 8 was measured exiting 1 after a stack overflow and 0 after
// an access violation when stdout is a pipe (as it is under the runner). The line names the
// exception, so it identifies the crash even when the launcher reports nothing.
#ifndef XCALL_CONFORMANCE_RUNNER_WINE_EXCEPTION_MESSAGE_H_
#define XCALL_CONFORMANCE_RUNNER_WINE_EXCEPTION_MESSAGE_H_

#include <cstdint>
#include <optional>
#include <string>

namespace xcall::runner {

struct WineUnhandledException {
  uint32_t code;     // NTSTATUS, e.g. 0xC0000005
  std::string line;  // the message, without the thread id that varies from run to run
};

// The first such line in stderr, if any.
std::optional<WineUnhandledException> FindWineUnhandledException(const std::string& stderr_text);

}  // namespace xcall::runner

#endif  // XCALL_CONFORMANCE_RUNNER_WINE_EXCEPTION_MESSAGE_H_
