#include "conformance/runner/diagnostic_text.h"

#include <cctype>
#include <sstream>

namespace xcall::runner {
namespace {

constexpr size_t kMaxLineChars = 240;
constexpr const char* kDiagnosticPrefixes[] = {"fatal error:", "fatal:", "panic:"};

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not valid.
size_t Utf8Length(const std::string& s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || (len > 1 && c < 0xC2) || i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  }
  return len;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

std::string Cut(const std::string& line) {
  if (line.size() <= kMaxLineChars) return line;
  size_t end = kMaxLineChars;
  while (end > 0 && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) --end;
  return line.substr(0, end) + "...";
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();  // Windows programs under wine
    lines.push_back(line);
  }
  return lines;
}

// "SIGQUIT: quit", "SIGSEGV: segmentation violation": a name from Go's signal table.
bool IsGoSignalHeader(const std::string& line) {
  size_t colon = line.find(": ");
  if (line.rfind("SIG", 0) != 0 || colon == std::string::npos || colon == 3 || colon + 2 == line.size()) {
    return false;
  }
  for (size_t i = 3; i < colon; ++i) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    if (!std::isupper(c) && !std::isdigit(c)) return false;
  }
  return true;
}

}  // namespace

std::string SanitizeText(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;
      continue;
    }
    size_t len = Utf8Length(text, i);
    if (len == 0 || (len == 1 && c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
      out += '?';
      ++i;
      continue;
    }
    out.append(text, i, len);
    i += len;
  }
  return out;
}

std::optional<std::string> FirstRuntimeDiagnostic(const std::string& stderr_text) {
  std::optional<std::string> signal_header;
  for (const std::string& raw : SplitLines(stderr_text)) {
    std::string line = Trim(SanitizeText(raw));
    for (const char* prefix : kDiagnosticPrefixes) {
      if (line.rfind(prefix, 0) == 0) return Cut(line);
    }
    if (!signal_header && IsGoSignalHeader(line)) signal_header = Cut(line);
  }
  return signal_header;
}

bool IsSeparatorLine(const std::string& line) {
  return line.find_first_not_of("-= \t") == std::string::npos;
}

std::vector<std::string> TailLines(const std::string& text, size_t count) {
  std::vector<std::string> kept;
  std::vector<std::string> lines = SplitLines(SanitizeText(text));
  for (auto it = lines.rbegin(); it != lines.rend() && kept.size() < count; ++it) {
    std::string line = *it;
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
    if (Trim(line).empty()) continue;
    kept.insert(kept.begin(), Cut(line));
  }
  return kept;
}

}  // namespace xcall::runner
