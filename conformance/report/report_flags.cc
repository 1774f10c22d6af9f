#include "conformance/report/report_flags.h"

namespace xcall::report {

runner::MissingRun ParseMissingRun(const std::string& value) {
  const std::string form = "--missing_run \"" + value + "\": expected RUNTIME__TARGET__PROFILE=REASON";
  size_t eq = value.find('=');
  if (eq == std::string::npos) throw ReportUsageError(form + " (no '=' before the reason)");
  std::string run = value.substr(0, eq);
  std::vector<std::string> parts;
  for (size_t start = 0;;) {
    size_t sep = run.find("__", start);
    parts.push_back(run.substr(start, sep == std::string::npos ? std::string::npos : sep - start));
    if (sep == std::string::npos) break;
    start = sep + 2;
  }
  if (parts.size() != 3 || parts[0].empty() || parts[1].empty() || parts[2].empty()) {
    throw ReportUsageError(form + " (\"" + run + "\" is not runtime, target and profile joined by \"__\")");
  }
  std::string reason = value.substr(eq + 1);
  if (reason.find_first_not_of(" \t") == std::string::npos) throw ReportUsageError(form + " (the reason is empty)");
  return {parts[0], parts[1], parts[2], reason};
}

namespace {

// One entry per run keeps every count of missing runs a count of runs: a run that lost
// several attempts gets one reason that names them all (ci/certify writes it so).
void AddMissingRunFlag(std::vector<runner::MissingRun>& missing_runs, const runner::MissingRun& run) {
  for (const runner::MissingRun& m : missing_runs) {
    if (m.runtime == run.runtime && m.target == run.target && m.profile == run.profile) {
      throw ReportUsageError("--missing_run names " + run.name() +
                             " twice; give each run one --missing_run with every reason in it");
    }
  }
  missing_runs.push_back(run);
}

}  // namespace

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
    if (name != "results" && name != "out" && name != "require_pass" && name != "missing_run") {
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
    else if (name == "missing_run") AddMissingRunFlag(flags.missing_runs, ParseMissingRun(value));
    else flags.out_dir = value;
  }
  if (flags.help) return flags;
  // A certification in which every selected run failed to build is still worth a report.
  if (flags.results.empty() && flags.missing_runs.empty()) {
    throw ReportUsageError("at least one --results=FILE (or --missing_run) is required");
  }
  if (flags.out_dir.empty()) throw ReportUsageError("--out=DIR is required");
  return flags;
}

}  // namespace xcall::report
