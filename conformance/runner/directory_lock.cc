#include "conformance/runner/directory_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "conformance/runner/file_io.h"

namespace xcall::runner {

DirectoryLock::DirectoryLock(const std::string& directory) {
  fd_ = open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd_ < 0) throw FileError("cannot open " + directory + " to lock it: " + std::strerror(errno));
  int rc;
  do {
    rc = flock(fd_, LOCK_EX);
  } while (rc != 0 && errno == EINTR);
  if (rc != 0) {
    int e = errno;
    close(fd_);
    throw FileError("cannot lock " + directory + ": " + std::strerror(e));
  }
}

DirectoryLock::~DirectoryLock() { close(fd_); }  // closing the last descriptor unlocks

}  // namespace xcall::runner
