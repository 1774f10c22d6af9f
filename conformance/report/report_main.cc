// xcall_report: the certification report from any number of runner results files.
// See report_run.h.
#include <iostream>

#include "conformance/report/report_flags.h"
#include "conformance/report/report_run.h"

int main(int argc, char** argv) {
  using namespace xcall::report;
  ReportFlags flags;
  try {
    flags = ParseReportFlags(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const ReportUsageError& e) {
    std::cerr << "xcall_report: " << e.what() << "\n" << kReportUsage;
    return kReportBadInput;
  }
  if (flags.help) {
    std::cout << kReportUsage;
    return 0;
  }
  return RunReport(flags, std::cout, std::cerr);
}
