#include "conformance/runner/signal_names.h"

#include <signal.h>
#include <string.h>

#include <cctype>

namespace xcall::runner {

std::string SignalName(int host_signal) {
  const char* abbrev = sigabbrev_np(host_signal);  // "SEGV", or null when unknown
  if (abbrev == nullptr) return "signal " + std::to_string(host_signal);
  return std::string("SIG") + abbrev;
}

std::optional<std::string> NormaliseSignal(const std::string& text) {
  if (text.empty()) return std::nullopt;
  bool numeric = true;
  for (char c : text) numeric = numeric && std::isdigit(static_cast<unsigned char>(c));
  if (numeric) {
    if (text.size() > 3) return std::nullopt;
    int n = std::stoi(text);
    if (sigabbrev_np(n) == nullptr) return std::nullopt;
    return SignalName(n);
  }
  std::string bare = text.rfind("SIG", 0) == 0 ? text.substr(3) : text;
  for (int n = 1; n < NSIG; ++n) {
    const char* abbrev = sigabbrev_np(n);
    if (abbrev != nullptr && bare == abbrev) return std::string("SIG") + abbrev;
  }
  return std::nullopt;
}

}  // namespace xcall::runner
