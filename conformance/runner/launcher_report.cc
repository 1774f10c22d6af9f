#include "conformance/runner/launcher_report.h"

#include <cstdlib>
#include <sstream>

#include "conformance/runner/signal_names.h"

namespace xcall::runner {
namespace {

bool IsLauncherLine(const std::string& line) { return line.rfind(kLauncherReportPrefix, 0) == 0; }

std::optional<uint32_t> ParseCode(const std::string& text) {
  if (text.empty()) return std::nullopt;
  if (text[0] == '-') {
    // cmd.exe's %errorlevel% prints NTSTATUS codes as negative 32-bit numbers.
    char* end = nullptr;
    long long v = std::strtoll(text.c_str(), &end, 10);
    if (*end != '\0' || v < -2147483648LL || v >= 0) return std::nullopt;
    return static_cast<uint32_t>(static_cast<int32_t>(v));
  }
  char* end = nullptr;
  bool hex = text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
  unsigned long long v = std::strtoull(text.c_str(), &end, hex ? 16 : 10);
  if (end == nullptr || *end != '\0' || v > 0xFFFFFFFFull) return std::nullopt;
  return static_cast<uint32_t>(v);
}

}  // namespace

LauncherReport ReadLauncherReport(const std::string& stderr_text) {
  LauncherReport report;
  std::istringstream lines(stderr_text);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!IsLauncherLine(line)) continue;
    std::string field = line.substr(sizeof(kLauncherReportPrefix) - 1);
    std::string key = field.substr(0, field.find('='));
    std::string value = field.find('=') == std::string::npos ? "" : field.substr(field.find('=') + 1);
    if (key == "exit_code") {
      if (auto code = ParseCode(value)) {
        report.exit_code = code;
        report.signal.reset();
        continue;
      }
    } else if (key == "signal") {
      if (auto name = NormaliseSignal(value)) {
        report.signal = name;
        report.exit_code.reset();
        continue;
      }
    }
    report.malformed = line;
  }
  return report;
}

std::string WithoutLauncherLines(const std::string& stderr_text) {
  std::string out;
  size_t pos = 0;
  while (pos < stderr_text.size()) {
    size_t nl = stderr_text.find('\n', pos);
    size_t end = nl == std::string::npos ? stderr_text.size() : nl + 1;
    if (!IsLauncherLine(stderr_text.substr(pos, end - pos))) out += stderr_text.substr(pos, end - pos);
    pos = end;
  }
  return out;
}

}  // namespace xcall::runner
