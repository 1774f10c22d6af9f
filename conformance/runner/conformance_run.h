// One run of xcall_runner: read the plan and the expectations, run every case, derive the
// performance case, write results (and JUnit), then compare verdicts with the expectations
// or record them. Kept apart from main() so that the whole flow, exit codes included, is
// tested with a fake launcher.
#ifndef XCALL_CONFORMANCE_RUNNER_CONFORMANCE_RUN_H_
#define XCALL_CONFORMANCE_RUNNER_CONFORMANCE_RUN_H_

#include <ostream>
#include <string>
#include <vector>

#include "conformance/runner/case_launcher.h"
#include "conformance/runner/plan.h"
#include "conformance/runner/runner_flags.h"

namespace xcall::runner {

inline constexpr int kExitAsExpected = 0;
inline constexpr int kExitVerdictsChanged = 1;
inline constexpr int kExitBadInput = 2;  // also a bad environment: a launcher that cannot run

// What Bazel tells a test or `bazel run` through the environment; empty when not set.
struct BazelEnvironment {
  std::string undeclared_outputs_dir;  // TEST_UNDECLARED_OUTPUTS_DIR: relative outputs go here
  std::string xml_output_file;         // XML_OUTPUT_FILE: default for --junit
  std::string workspace_dir;           // BUILD_WORKSPACE_DIRECTORY: where updates are written
  std::string test_target;             // TEST_TARGET: named in "how to record" messages

  static BazelEnvironment FromProcess();
};

// Problems that make the plan unrunnable here: a missing launcher or driver, or one that is
// not executable. Empty when all is well.
std::vector<std::string> CheckPlanFiles(const Plan& plan);

// Returns the process exit status (kExit*). Progress goes to `out`, problems to `err`.
int RunConformance(const RunnerFlags& flags, const BazelEnvironment& bazel, CaseLauncher& launcher,
                   std::ostream& out, std::ostream& err);

}  // namespace xcall::runner

#endif  // XCALL_CONFORMANCE_RUNNER_CONFORMANCE_RUN_H_
