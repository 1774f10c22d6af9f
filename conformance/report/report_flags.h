// Command line of xcall_report.
#ifndef XCALL_CONFORMANCE_REPORT_REPORT_FLAGS_H_
#define XCALL_CONFORMANCE_REPORT_REPORT_FLAGS_H_

#include <stdexcept>
#include <string>
#include <vector>

namespace xcall::report {

struct ReportFlags {
  std::vector<std::string> results;       // --results=FILE, repeatable
  std::string out_dir;                    // --out=DIR
  std::vector<std::string> require_pass;  // --require_pass=RUNTIME, repeatable
  bool help = false;
};

class ReportUsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr char kReportUsage[] =
    "usage: xcall_report --results=FILE [--results=FILE ...] --out=DIR [--require_pass=RUNTIME ...]\n"
    "Merges runner results, prints the certification matrix and writes DIR/report.json,\n"
    "DIR/report.md, DIR/report.html and DIR/junit.xml.\n"
    "  --require_pass=RUNTIME  exit 1 unless RUNTIME has results and every one is pass on its\n"
    "                          final attempt; a pass that needed a retry is named on stderr\n"
    "                          (ci/certify uses it for the reference runtime)\n"
    "Exit status: 0 reports written (and required runtimes all pass), 1 a required runtime\n"
    "did not pass, 2 bad input.\n";

// Accepts --name=value and --name value. Throws ReportUsageError.
ReportFlags ParseReportFlags(const std::vector<std::string>& args);

}  // namespace xcall::report

#endif  // XCALL_CONFORMANCE_REPORT_REPORT_FLAGS_H_
