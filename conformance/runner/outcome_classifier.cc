#include "conformance/runner/outcome_classifier.h"

#include <cstdio>

#include "conformance/runner/diagnostic_text.h"
#include "conformance/runner/launcher_report.h"
#include "conformance/runner/ntstatus.h"
#include "conformance/runner/signal_names.h"
#include "conformance/runner/wine_exception_message.h"

namespace xcall::runner {
namespace {

std::string FormatSeconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", s);
  return buf;
}

// summary + ": " + the key diagnostic line, then the stderr tail on the following lines.
std::string Detail(const std::string& summary, const std::string& stderr_text,
                   const std::string& note, std::optional<std::string> preferred_key = {}) {
  std::vector<std::string> tail = TailLines(stderr_text, kDetailTailLines);
  std::optional<std::string> key = preferred_key ? preferred_key : FirstRuntimeDiagnostic(stderr_text);
  for (auto line = tail.rbegin(); !key && line != tail.rend(); ++line) {
    if (!IsSeparatorLine(*line)) key = *line;
  }
  std::string detail = summary;
  if (key) detail += ": " + *key;
  bool tail_is_key = tail.size() == 1 && key && tail.front() == *key;
  if (!tail.empty() && !tail_is_key) {
    for (const std::string& line : tail) detail += "\n" + line;
  }
  if (!note.empty()) detail += "\n" + note;
  return detail;
}

}  // namespace

std::string DetailHeadline(const std::string& detail) { return detail.substr(0, detail.find('\n')); }

Classification ClassifyOutcome(const RawOutcome& outcome) {
  const std::string stderr_text = WithoutLauncherLines(outcome.stderr_text);
  const LauncherReport report = ReadLauncherReport(outcome.stderr_text);
  const std::string note = report.malformed.empty()
                               ? ""
                               : "xcall_runner: unreadable launcher report line: " +
                                     SanitizeText(report.malformed);

  switch (outcome.end) {
    case RawOutcome::End::kNotStarted:
      return {Verdict::kFail, "could not start: " + outcome.start_error};
    case RawOutcome::End::kTimedOut:
      return {Verdict::kTimeout,
              Detail("no exit within " + FormatSeconds(outcome.timeout_seconds) +
                         " s; process group killed",
                     stderr_text, note)};
    case RawOutcome::End::kSignaled:
      return {Verdict::kCrash, Detail(SignalName(outcome.term_signal), stderr_text, note)};
    case RawOutcome::End::kExited:
      break;
  }

  if (report.signal) return {Verdict::kCrash, Detail(*report.signal, stderr_text, note)};

  // Windows under wine: the full code from the launcher, or else from Wine's own
  // "Unhandled ..." message, which it prints only when the program dies of the exception.
  std::optional<uint32_t> windows_code;
  std::optional<std::string> wine_line;
  std::string host_status_note;
  std::optional<WineUnhandledException> wine = FindWineUnhandledException(stderr_text);
  if (report.exit_code && *report.exit_code > 255 && LooksLikeNtStatus(*report.exit_code)) {
    windows_code = report.exit_code;
    if (wine && wine->code == *windows_code) wine_line = wine->line;
  } else if (!report.exit_code && wine) {
    windows_code = wine->code;
    wine_line = wine->line;
    // Wine does not reliably exit with the code's low byte: after a stack overflow it may
    // exit 1, and after an access violation with stdout on a pipe it often exits 0 (wine 8,
    // measured). The message is the evidence; show the status rather than hide it.
    if ((wine->code & 0xFF) != static_cast<uint32_t>(outcome.exit_status)) {
      host_status_note = ", exit status " + std::to_string(outcome.exit_status);
    }
  }
  if (windows_code) {
    uint32_t code = *windows_code;
    std::optional<NtStatusMeaning> meaning = DescribeNtStatus(code);
    if (meaning && !meaning->is_crash) {
      return {Verdict::kFail,
              Detail(std::string(meaning->name) + " (" + HexCode(code) + ")", stderr_text, note)};
    }
    std::string name = meaning ? std::string(meaning->name) + " (" + HexCode(code) + host_status_note + ")"
                               : "unhandled exception " + HexCode(code) + host_status_note;
    return {Verdict::kCrash, Detail(name, stderr_text, note, wine_line)};
  }

  uint32_t status = report.exit_code ? *report.exit_code : static_cast<uint32_t>(outcome.exit_status);
  if (status == 0) return {Verdict::kPass, note};
  return {Verdict::kFail, Detail("exit status " + std::to_string(status), stderr_text, note)};
}

}  // namespace xcall::runner
