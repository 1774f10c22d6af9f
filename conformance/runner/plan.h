// The plan: which cases to run for one (runtime, target, profile), written by the Bazel
// macro that declares the conformance tests. Paths in it are relative to the working
// directory (the test's runfiles tree).
#ifndef XCALL_CONFORMANCE_RUNNER_PLAN_H_
#define XCALL_CONFORMANCE_RUNNER_PLAN_H_

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace xcall::runner {

struct PlanCase {
  std::string name;                        // unique in the plan: "deep_stack_sequence"
  std::string driver;                      // the target executable
  std::vector<std::string> args;
  std::vector<std::string> features;       // boundary behaviours it needs: "deep_c_stack"
  std::string mirrors;                     // the Go test it mirrors, for readers
  std::map<std::string, std::string> env;  // added to the plan's env for this case only
  // The metric the driver must print ("ns_per_call"), or empty. Declared so that a driver
  // that stops printing it fails instead of silently giving no figure.
  std::string metric;
  // The case's own time limit, when it has one shorter than the run's (--timeout): a case
  // known to hang on some runtimes (early_call) need not cost the full limit each time.
  double timeout_seconds = 0;              // 0: the run's limit
};

struct Plan {
  std::string runtime;   // "go1.21.13"
  std::string target;    // "linux_aarch64"
  std::string profile;   // "default"
  std::string launcher;  // empty: run the driver directly
  // Optional: a driver linked like the cases' that prints which runtime it is linked with,
  // run before the cases (runtime_identity.h).
  std::string identity_driver;
  std::string suite_version;  // optional; the runner's built-in version when empty
  std::map<std::string, std::string> env;
  std::map<std::string, std::string> unsupported;  // feature -> the manifest's reason
  std::vector<PlanCase> cases;
};

class PlanError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses and validates plan JSON. Throws PlanError naming the offending field.
Plan ParsePlan(const std::string& json_text);

}  // namespace xcall::runner

#endif  // XCALL_CONFORMANCE_RUNNER_PLAN_H_
