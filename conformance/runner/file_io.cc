#include "conformance/runner/file_io.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace xcall::runner {

bool FileExists(const std::string& path) {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FileError("cannot read " + path + ": " + std::strerror(errno));
  if (std::filesystem::is_directory(path)) throw FileError("cannot read " + path + ": it is a directory");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteFile(const std::string& path, const std::string& contents) {
  std::filesystem::path target(path);
  std::error_code ec;
  // Write through a symlink (a Bazel runfiles entry) to the file it names.
  if (std::filesystem::is_symlink(target, ec)) target = std::filesystem::canonical(target, ec);
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), ec);
  std::string temporary = target.string() + ".tmp." + std::to_string(getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw FileError("cannot write " + path + ": " + std::strerror(errno));
    out << contents;
    out.flush();
    if (!out) throw FileError("cannot write " + path + ": " + std::strerror(errno));
  }
  std::filesystem::rename(temporary, target, ec);
  if (ec) {
    std::filesystem::remove(temporary);
    throw FileError("cannot write " + path + ": " + ec.message());
  }
}

}  // namespace xcall::runner
