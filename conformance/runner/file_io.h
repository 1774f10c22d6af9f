// Whole-file reads and writes with messages that name the file and the reason.
#ifndef XCALL_CONFORMANCE_RUNNER_FILE_IO_H_
#define XCALL_CONFORMANCE_RUNNER_FILE_IO_H_

#include <stdexcept>
#include <string>

namespace xcall::runner {

class FileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

bool FileExists(const std::string& path);

// Throws FileError("cannot read plan.json: No such file or directory").
std::string ReadFile(const std::string& path);

// Writes to a temporary file beside `path` and renames it into place, so a reader never
// sees half a file; creates missing parent directories.
void WriteFile(const std::string& path, const std::string& contents);

}  // namespace xcall::runner

#endif  // XCALL_CONFORMANCE_RUNNER_FILE_IO_H_
