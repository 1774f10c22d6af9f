// Command line of xcall_runner.
#ifndef XCALL_CONFORMANCE_RUNNER_RUNNER_FLAGS_H_
#define XCALL_CONFORMANCE_RUNNER_RUNNER_FLAGS_H_

#include <stdexcept>
#include <string>
#include <vector>

namespace xcall::runner {

struct RunnerFlags {
  std::string plan;
  std::string expectations;
  std::string results;
  std::string junit;  // optional
  double timeout_seconds = 60;
  bool update_expectations = false;
  bool claim_attempt = false;  // results_attempt.h
  bool help = false;
};

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr char kRunnerUsage[] =
    "usage: xcall_runner --plan=FILE --expectations=FILE --results=OUT.json\n"
    "                    [--timeout=SECONDS] [--update_expectations] [--junit=OUT.xml]\n"
    "                    [--claim_attempt]\n"
    "Runs every case of the plan, writes the verdicts to --results and checks them against\n"
    "--expectations (exit 0: all as expected, 1: verdicts changed, 2: bad input).\n"
    "  --timeout=SECONDS      per case, default 60; the case's process group is killed after it\n"
    "  --update_expectations  record the observed verdicts of the plan's profile and exit 0\n"
    "  --junit=OUT.xml        JUnit XML of the expectations check (default: $XML_OUTPUT_FILE)\n"
    "  --claim_attempt        write to the first free OUT.attempt-N.results.json instead, and\n"
    "                         record N as the attempt (Bazel's retries of a flaky test)\n";

// Accepts --name=value and --name value. Throws UsageError for anything else.
RunnerFlags ParseRunnerFlags(const std::vector<std::string>& args);

}  // namespace xcall::runner

#endif  // XCALL_CONFORMANCE_RUNNER_RUNNER_FLAGS_H_
