#include "conformance/runner/metrics.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace xcall::runner {
bool ValidMetricKey(const std::string& key) {
  if (key.empty()) return false;
  for (char c : key) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.')) return false;
  }
  return true;
}

ParsedMetrics ParseMetrics(const std::string& stdout_text) {
  ParsedMetrics parsed;
  std::istringstream lines(stdout_text);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::istringstream words(line);
    std::string first;
    if (!(words >> first) || first != kMetricPrefix) continue;
    std::string pair;
    bool any = false;
    while (words >> pair) {
      any = true;
      size_t eq = pair.find('=');
      std::string key = eq == std::string::npos ? pair : pair.substr(0, eq);
      std::string value = eq == std::string::npos ? "" : pair.substr(eq + 1);
      char* end = nullptr;
      double d = value.empty() ? 0 : std::strtod(value.c_str(), &end);
      if (!ValidMetricKey(key) || value.empty() || *end != '\0' || !std::isfinite(d)) {
        parsed.errors.push_back("bad metric '" + pair + "' in line: " + line);
        continue;
      }
      parsed.values[key] = d;
    }
    if (!any) parsed.errors.push_back("metric line with no key=value: " + line);
  }
  return parsed;
}

}  // namespace xcall::runner
