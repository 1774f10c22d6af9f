// One results file per attempt of a flaky test.
//
// Bazel reruns a failing test marked flaky (up to 3 attempts) with the same environment and,
// in Bazel 4.2.3, without telling it which attempt it is. Writing --results as given, each
// attempt would replace the previous one's file and a hang in attempt 1 would vanish from the
// certification report once attempt 2 passed. With --claim_attempt the runner instead claims
// the first free "<stem>.attempt-<N>.results.json" beside --results, creating it with
// O_CREAT|O_EXCL so that no two runs get the same N and no run replaces another's evidence.
// The claimed file stays empty until the run writes its first results (results_progress.h
// rewrites it, by rename, around every case): an empty one is the trace of an attempt killed
// before its first case started; one killed later holds the cases it finished and, as a
// `timeout`, the one it was running.
#ifndef XCALL_CONFORMANCE_RUNNER_RESULTS_ATTEMPT_H_
#define XCALL_CONFORMANCE_RUNNER_RESULTS_ATTEMPT_H_

#include <string>

namespace xcall::runner {

// "dir/x.results.json", 2 -> "dir/x.attempt-2.results.json"; "dir/x.json" ->
// "dir/x.attempt-2.json"; any other name gets ".attempt-2" appended.
std::string AttemptResultsPath(const std::string& results_path, int attempt);

struct ClaimedAttempt {
  int attempt;       // 1 for the first run into this directory
  std::string path;  // AttemptResultsPath(results_path, attempt), now an empty file
};

// Creates missing parent directories. Throws FileError when no file can be created there.
ClaimedAttempt ClaimAttemptResults(const std::string& results_path);

}  // namespace xcall::runner

#endif  // XCALL_CONFORMANCE_RUNNER_RESULTS_ATTEMPT_H_
