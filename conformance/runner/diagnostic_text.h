// Picks the lines of a case's stderr worth showing in a verdict's detail.
//
// A dying runtime writes a lot (Go prints every goroutine's stack), but the line that says
// what happened comes first ("fatal error: ...", "fatal: morestack on g0", "panic: ...", or
// for a signal Go's own "SIGQUIT: quit") and the lines that say where come last; the
// detail carries both.
#ifndef XCALL_CONFORMANCE_RUNNER_DIAGNOSTIC_TEXT_H_
#define XCALL_CONFORMANCE_RUNNER_DIAGNOSTIC_TEXT_H_

#include <optional>
#include <string>
#include <vector>

namespace xcall::runner {

// Text safe to put in JSON, Markdown and XML: invalid UTF-8 bytes and control characters
// other than newline and tab become '?', and "\r\n" (wine) becomes "\n".
std::string SanitizeText(const std::string& text);

// The first line that starts (after leading blanks) with "fatal error:", "fatal:" or
// "panic:"; failing that, the first line of the form "SIGQUIT: quit", which Go's signal
// handler prints before its goroutine dump. Sanitised and trimmed.
std::optional<std::string> FirstRuntimeDiagnostic(const std::string& stderr_text);

// A line that only separates output: nothing but '-', '=' and blanks. Go's GOTRACEBACK=crash
// dump ends with "-----" when it hands the signal to the next thread; such a line says
// nothing about what happened.
bool IsSeparatorLine(const std::string& line);

// The last `count` non-blank lines, sanitised, each cut to 240 characters.
std::vector<std::string> TailLines(const std::string& text, size_t count);

}  // namespace xcall::runner

#endif  // XCALL_CONFORMANCE_RUNNER_DIAGNOSTIC_TEXT_H_
