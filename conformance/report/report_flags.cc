#include "conformance/report/report_flags.h"

namespace xcall::report {

ReportFlags ParseReportFlags(const std::vector<std::string>& args) {
  ReportFlags flags;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.rfind("--", 0) != 0) throw ReportUsageError("unexpected argument \"" + arg + "\"");
    size_t eq = arg.find('=');
    std::string name = arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
    if (name == "help" || name == "h") {
      flags.help = true;
      continue;
    }
    if (name != "results" && name != "out" && name != "require_pass") {
      throw ReportUsageError("unknown flag \"" + arg + "\"");
    }
    std::string value;
    if (eq != std::string::npos) {
      value = arg.substr(eq + 1);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      throw ReportUsageError("--" + name + " needs a value");
    }
    if (value.empty()) throw ReportUsageError("--" + name + " needs a non-empty value");
    if (name == "results") flags.results.push_back(value);
    else if (name == "require_pass") flags.require_pass.push_back(value);
    else flags.out_dir = value;
  }
  if (flags.help) return flags;
  if (flags.results.empty()) throw ReportUsageError("at least one --results=FILE is required");
  if (flags.out_dir.empty()) throw ReportUsageError("--out=DIR is required");
  return flags;
}

}  // namespace xcall::report
