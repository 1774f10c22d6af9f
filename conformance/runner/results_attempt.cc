#include "conformance/runner/results_attempt.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "conformance/runner/file_io.h"

namespace xcall::runner {
namespace {

// Far more than Bazel's 3 attempts: reaching it means a results directory used again and
// again, which would mix runs that are not attempts of one another.
constexpr int kMaxAttempts = 100;

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::string AttemptResultsPath(const std::string& results_path, int attempt) {
  const std::string tag = ".attempt-" + std::to_string(attempt);
  for (const std::string suffix : {".results.json", ".json"}) {
    if (EndsWith(results_path, suffix) && results_path.size() > suffix.size()) {
      return results_path.substr(0, results_path.size() - suffix.size()) + tag + suffix;
    }
  }
  return results_path + tag;
}

ClaimedAttempt ClaimAttemptResults(const std::string& results_path) {
  std::filesystem::path parent = std::filesystem::path(results_path).parent_path();
  std::error_code ec;
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  for (int attempt = 1; attempt <= kMaxAttempts; ++attempt) {
    std::string path = AttemptResultsPath(results_path, attempt);
    int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd >= 0) {
      close(fd);
      return {attempt, path};
    }
    if (errno != EEXIST) throw FileError("cannot create " + path + ": " + std::strerror(errno));
  }
  throw FileError("cannot claim an attempt for " + results_path + ": attempts 1 to " +
                  std::to_string(kMaxAttempts) +
                  " already have results files there; give each bazel invocation a fresh results directory");
}

}  // namespace xcall::runner
