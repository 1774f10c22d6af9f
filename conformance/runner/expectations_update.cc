#include "conformance/runner/expectations_update.h"

#include <filesystem>

#include "conformance/runner/directory_lock.h"
#include "conformance/runner/expectations.h"
#include "conformance/runner/file_io.h"

namespace xcall::runner {

Expectations ReadExpectationsFile(const std::string& path, const std::string& runtime,
                                  const std::string& target) {
  Expectations expectations{runtime, target, {}};
  if (!FileExists(path)) return expectations;
  try {
    expectations = ParseExpectations(ReadFile(path));
  } catch (const ExpectationsError& e) {
    throw ExpectationsError(path + ": " + e.what());
  }
  if (expectations.runtime != runtime || expectations.target != target) {
    throw ExpectationsError(path + " holds expectations for " + expectations.runtime + " on " +
                            expectations.target + ", but the plan runs " + runtime + " on " + target);
  }
  return expectations;
}

void RecordObservedInFile(const std::string& path, const std::string& runtime,
                          const std::string& target, const std::string& profile,
                          const std::vector<CaseResult>& results) {
  // The directory WriteFile really writes into: a runfiles symlink leads to the source file.
  std::error_code ec;
  std::filesystem::path resolved = std::filesystem::weakly_canonical(path, ec);
  if (ec) resolved = std::filesystem::absolute(path);
  std::filesystem::path directory = resolved.parent_path();
  std::filesystem::create_directories(directory, ec);

  DirectoryLock lock(directory.string());
  Expectations expectations = ReadExpectationsFile(path, runtime, target);
  RecordObserved(expectations, profile, results);
  WriteFile(path, SerializeExpectations(expectations));
}

}  // namespace xcall::runner
