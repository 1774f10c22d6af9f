// Command line of xcall_report.
#ifndef XCALL_CONFORMANCE_REPORT_REPORT_FLAGS_H_
#define XCALL_CONFORMANCE_REPORT_REPORT_FLAGS_H_

#include <stdexcept>
#include <string>
#include <vector>

#include "conformance/runner/results_file.h"

namespace xcall::report {

struct ReportFlags {
  std::vector<std::string> results;       // --results=FILE, repeatable
  std::string out_dir;                    // --out=DIR
  std::vector<std::string> require_pass;  // --require_pass=RUNTIME, repeatable
  // --missing_run=RUNTIME__TARGET__PROFILE=REASON, repeatable: a run that was selected but
  // left no results, which no results file can say.
  std::vector<runner::MissingRun> missing_runs;
  bool help = false;
};

class ReportUsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr char kReportUsage[] =
    "usage: xcall_report --results=FILE [--results=FILE ...] --out=DIR [--require_pass=RUNTIME ...]\n"
    "                    [--missing_run=RUNTIME__TARGET__PROFILE=REASON ...]\n"
    "Merges runner results, prints the certification matrix and writes DIR/report.json,\n"
    "DIR/report.md, DIR/report.html and DIR/junit.xml.\n"
    "  --require_pass=RUNTIME  exit 1 unless RUNTIME has results, none of its runs is missing,\n"
    "                          and every result is pass on its final attempt; a pass that\n"
    "                          needed a retry is named on stderr (ci/certify uses it for the\n"
    "                          reference runtime)\n"
    "  --missing_run=RUNTIME__TARGET__PROFILE=REASON\n"
    "                          a selected run (or an attempt of it) that left no results, and\n"
    "                          why; every output lists it (ci/certify passes each one)\n"
    "At least one --results or --missing_run is required.\n"
    "Exit status: 0 reports written (and required runtimes all pass), 1 a required runtime\n"
    "did not pass or has a missing run, 2 bad input.\n";

// Accepts --name=value and --name value. Throws ReportUsageError.
ReportFlags ParseReportFlags(const std::vector<std::string>& args);

// "xrt__windows_x86_64__default=no results file: ..." as ci/certify writes it: the Bazel
// test's name (conformance/matrix.bzl), '=', and a non-empty reason, which may itself hold
// '='. Throws ReportUsageError saying what is wrong.
runner::MissingRun ParseMissingRun(const std::string& value);

}  // namespace xcall::report

#endif  // XCALL_CONFORMANCE_REPORT_REPORT_FLAGS_H_
