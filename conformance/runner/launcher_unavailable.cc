#include "conformance/runner/launcher_unavailable.h"

#include <sstream>

#include "conformance/runner/diagnostic_text.h"

namespace xcall::runner {

std::optional<std::string> LauncherCannotRunMessage(const RawOutcome& outcome) {
  if (outcome.end != RawOutcome::End::kExited || outcome.exit_status != kLauncherCannotRunStatus) {
    return std::nullopt;
  }
  std::istringstream lines(SanitizeText(outcome.stderr_text));
  std::string line, message;
  while (std::getline(lines, line)) {
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    if (line.rfind(kLauncherMessagePrefix, 0) != 0) return std::nullopt;
    message += (message.empty() ? "" : "\n") + line;
  }
  if (message.empty()) return std::nullopt;
  return message;
}

}  // namespace xcall::runner
