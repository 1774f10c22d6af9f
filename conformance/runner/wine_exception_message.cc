#include "conformance/runner/wine_exception_message.h"

#include <cstdlib>
#include <sstream>

#include "conformance/runner/diagnostic_text.h"

namespace xcall::runner {
namespace {

struct Phrase {
  const char* text;  // what follows "wine: " (Wine's format_exception_msg)
  uint32_t code;
};

constexpr Phrase kPhrases[] = {
    {"Unhandled page fault", 0xC0000005},
    {"Unhandled stack overflow", 0xC00000FD},
    {"Unhandled illegal instruction", 0xC000001D},
    {"Unhandled privileged instruction", 0xC0000096},
    {"Unhandled division by zero", 0xC0000094},
    {"Unhandled overflow", 0xC0000095},
    {"Unhandled array bounds", 0xC000008C},
    {"Unhandled alignment", 0x80000002},
};

constexpr char kPrefix[] = "wine: ";
constexpr char kGeneric[] = "Unhandled exception 0x";

// " (thread 0024)" changes from run to run; dropping it keeps recorded details stable.
std::string WithoutThreadId(const std::string& line) {
  size_t start = line.find(" (thread ");
  if (start == std::string::npos) return line;
  size_t end = line.find(')', start);
  if (end == std::string::npos) return line;
  return line.substr(0, start) + line.substr(end + 1);
}

}  // namespace

std::optional<WineUnhandledException> FindWineUnhandledException(const std::string& stderr_text) {
  std::istringstream lines(stderr_text);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind(kPrefix, 0) != 0) continue;
    line = WithoutThreadId(line);
    std::string message = line.substr(sizeof(kPrefix) - 1);
    for (const Phrase& p : kPhrases) {
      if (message.rfind(p.text, 0) == 0) return WineUnhandledException{p.code, SanitizeText(line)};
    }
    if (message.rfind(kGeneric, 0) == 0) {
      const char* digits = message.c_str() + sizeof(kGeneric) - 1;
      char* end = nullptr;
      unsigned long code = std::strtoul(digits, &end, 16);
      if (end != digits && code <= 0xFFFFFFFFul) {
        return WineUnhandledException{static_cast<uint32_t>(code), SanitizeText(line)};
      }
    }
  }
  return std::nullopt;
}

}  // namespace xcall::runner
