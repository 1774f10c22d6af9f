// --update_expectations: records a run's verdicts as its profile's section of the
// expectations file, safely when other runs update other profiles of the same file at the
// same time.
//
// The runner reads the file before its cases run (to check it) and records minutes later; a
// run of another profile may have rewritten the file meanwhile. So the file is read again
// just before writing, under an exclusive lock on its directory (directory_lock.h), and only
// this profile's section is replaced: whatever another profile's run wrote stays.
#ifndef XCALL_CONFORMANCE_RUNNER_EXPECTATIONS_UPDATE_H_
#define XCALL_CONFORMANCE_RUNNER_EXPECTATIONS_UPDATE_H_

#include <string>
#include <vector>

#include "conformance/runner/case_result.h"
#include "conformance/runner/expectations.h"

namespace xcall::runner {

// The expectations in the file at `path` for runtime on target; none recorded yet if there is
// no such file. Throws ExpectationsError (naming the file) when it is invalid or holds another
// runtime's or target's expectations, FileError when it cannot be read.
Expectations ReadExpectationsFile(const std::string& path, const std::string& runtime,
                                  const std::string& target);

// Creates the file (and its directory) when missing. Throws ExpectationsError when the file
// is invalid or holds another runtime's or target's expectations, FileError when it cannot
// be read, locked or written.
void RecordObservedInFile(const std::string& path, const std::string& runtime,
                          const std::string& target, const std::string& profile,
                          const std::vector<CaseResult>& results);

}  // namespace xcall::runner

#endif  // XCALL_CONFORMANCE_RUNNER_EXPECTATIONS_UPDATE_H_
