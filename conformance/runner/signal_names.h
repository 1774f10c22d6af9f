// Host signal numbers <-> names, for crash details ("SIGSEGV" reads better than 11, and
// signal numbers differ between architectures).
#ifndef XCALL_CONFORMANCE_RUNNER_SIGNAL_NAMES_H_
#define XCALL_CONFORMANCE_RUNNER_SIGNAL_NAMES_H_

#include <optional>
#include <string>

namespace xcall::runner {

// "SIGSEGV" for 11 on the host; "signal 77" for a number with no name.
std::string SignalName(int host_signal);

// Accepts "SIGSEGV", "SEGV" or a host signal number ("11"); returns "SIGSEGV", or nullopt
// when the text names no signal.
std::optional<std::string> NormaliseSignal(const std::string& text);

}  // namespace xcall::runner

#endif  // XCALL_CONFORMANCE_RUNNER_SIGNAL_NAMES_H_
