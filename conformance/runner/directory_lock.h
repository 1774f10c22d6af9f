// An exclusive lock on a directory, for read-modify-write of a file in it by processes that
// run at the same time (ci/record_expectations runs a runtime's default and no_getattr_np
// rows in parallel, and both rewrite one expectations file).
//
// Why the directory and not the file: files are replaced by rename (WriteFile), so a lock on
// the old file would not exclude a process that opens the new one, and a lock file beside it
// would be left in the source tree. flock(2) on the directory's descriptor needs neither, and
// works before the file exists. Released when the object goes, or when the process dies.
#ifndef XCALL_CONFORMANCE_RUNNER_DIRECTORY_LOCK_H_
#define XCALL_CONFORMANCE_RUNNER_DIRECTORY_LOCK_H_

#include <string>

namespace xcall::runner {

class DirectoryLock {
 public:
  // Blocks until the lock is ours. Throws FileError when the directory cannot be opened.
  explicit DirectoryLock(const std::string& directory);
  ~DirectoryLock();
  DirectoryLock(const DirectoryLock&) = delete;
  DirectoryLock& operator=(const DirectoryLock&) = delete;

 private:
  int fd_;
};

}  // namespace xcall::runner

#endif  // XCALL_CONFORMANCE_RUNNER_DIRECTORY_LOCK_H_
