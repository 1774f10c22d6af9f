// One run of xcall_report: read and merge results files, print the matrix, write the four
// report files, and check the runtimes that must pass. Kept apart from main() for tests.
#ifndef XCALL_CONFORMANCE_REPORT_REPORT_RUN_H_
#define XCALL_CONFORMANCE_REPORT_REPORT_RUN_H_

#include <ostream>

#include "conformance/report/report_flags.h"

namespace xcall::report {

inline constexpr int kReportWritten = 0;
inline constexpr int kRequiredRuntimeFailed = 1;
inline constexpr int kReportBadInput = 2;

int RunReport(const ReportFlags& flags, std::ostream& out, std::ostream& err);

}  // namespace xcall::report

#endif  // XCALL_CONFORMANCE_REPORT_REPORT_RUN_H_
