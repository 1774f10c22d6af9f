#include "conformance/runner/outcome_classifier.h"

#include <signal.h>

#include <gtest/gtest.h>

namespace xcall::runner {
namespace {

#define EXPECT_THAT_HEADLINE_STARTS(detail, prefix) \
  EXPECT_EQ(DetailHeadline(detail).substr(0, std::string(prefix).size()), prefix) << (detail)

RawOutcome Exited(int status, std::string stderr_text = "") {
  RawOutcome o;
  o.end = RawOutcome::End::kExited;
  o.exit_status = status;
  o.stderr_text = std::move(stderr_text);
  return o;
}

RawOutcome Signaled(int sig, std::string stderr_text = "") {
  RawOutcome o;
  o.end = RawOutcome::End::kSignaled;
  o.term_signal = sig;
  o.stderr_text = std::move(stderr_text);
  return o;
}

// A Go runtime's death: the fatal line first, then a goroutine dump.
const char kGoFatal[] =
    "runtime: g 1: unexpected return pc for main.main called from 0x0\n"
    "fatal error: unexpected signal during runtime execution\n"
    "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x45c9e2]\n"
    "\n"
    "goroutine 1 [running]:\n"
    "main.main()\n"
    "\t/src/main.go:12 +0x1d\n";

TEST(OutcomeClassifierTest, ExitZeroPasses) {
  Classification c = ClassifyOutcome(Exited(0, "some chatter\n"));
  EXPECT_EQ(c.verdict, Verdict::kPass);
  EXPECT_EQ(c.detail, "");
}

TEST(OutcomeClassifierTest, NonZeroExitFailsWithStatusAndLastLine) {
  Classification c = ClassifyOutcome(Exited(3, "starting\nxc_call_c: expected a panic\n"));
  EXPECT_EQ(c.verdict, Verdict::kFail);
  EXPECT_EQ(DetailHeadline(c.detail), "exit status 3: xc_call_c: expected a panic");
  EXPECT_NE(c.detail.find("\nstarting\n"), std::string::npos) << c.detail;
}

TEST(OutcomeClassifierTest, NonZeroExitWithoutStderr) {
  Classification c = ClassifyOutcome(Exited(1));
  EXPECT_EQ(c.verdict, Verdict::kFail);
  EXPECT_EQ(c.detail, "exit status 1");
}

TEST(OutcomeClassifierTest, GoFatalErrorStaysFailButLeadsWithTheFatalLine) {
  Classification c = ClassifyOutcome(Exited(2, kGoFatal));
  EXPECT_EQ(c.verdict, Verdict::kFail);
  EXPECT_EQ(DetailHeadline(c.detail),
            "exit status 2: fatal error: unexpected signal during runtime execution");
  // The tail of the dump follows, so the reader sees where it happened.
  EXPECT_NE(c.detail.find("\n\t/src/main.go:12 +0x1d"), std::string::npos) << c.detail;
}

TEST(OutcomeClassifierTest, GoPanicIsTheKeyLine) {
  Classification c =
      ClassifyOutcome(Exited(2, "panic: xcall panic\n\ngoroutine 17 [running]:\nmain.enter()\n"));
  EXPECT_EQ(c.verdict, Verdict::kFail);
  EXPECT_EQ(DetailHeadline(c.detail), "exit status 2: panic: xcall panic");
  EXPECT_NE(c.detail.find("\nmain.enter()"), std::string::npos);
}

TEST(OutcomeClassifierTest, FirstFatalLineWinsOverLaterOnes) {
  Classification c = ClassifyOutcome(Exited(2, "fatal: morestack on g0\npanic: later\n"));
  EXPECT_EQ(DetailHeadline(c.detail), "exit status 2: fatal: morestack on g0");
}

TEST(OutcomeClassifierTest, SignalIsACrashNamedBySignal) {
  Classification c = ClassifyOutcome(Signaled(SIGTRAP, "fatal: morestack on g0\n"));
  EXPECT_EQ(c.verdict, Verdict::kCrash);
  EXPECT_EQ(c.detail, "SIGTRAP: fatal: morestack on g0");
}

TEST(OutcomeClassifierTest, QemuReRaisedGuestSignalIsACrash) {
  // qemu-user prints this and then kills itself with the guest's signal.
  Classification c = ClassifyOutcome(
      Signaled(SIGSEGV, "qemu: uncaught target signal 11 (Segmentation fault) - core dumped\n"));
  EXPECT_EQ(c.verdict, Verdict::kCrash);
  EXPECT_EQ(c.detail, "SIGSEGV: qemu: uncaught target signal 11 (Segmentation fault) - core dumped");
}

// Go's answer to SIGQUIT with GOTRACEBACK=crash: its signal header, a dump per thread, and
// "-----" before it hands the signal to the next thread. The dump's last line says nothing.
const char kGoSigquitDump[] =
    "SIGQUIT: quit\n"
    "PC=0x46e1a1 m=3 sigcode=0\n"
    "\n"
    "goroutine 0 [idle]:\n"
    "runtime.futex(0xc000080148, 0x80, 0x0, 0x0, 0x0, 0x0)\n"
    "\t/usr/lib/go/src/runtime/sys_linux_amd64.s:557 +0x21\n"
    "rax    0xca\n"
    "gs     0x0\n"
    "\n"
    "-----\n"
    "\n";

TEST(OutcomeClassifierTest, GoSignalDumpIsKeyedByItsSignalHeaderNotTheSeparator) {
  Classification c = ClassifyOutcome(Signaled(SIGQUIT, kGoSigquitDump));
  EXPECT_EQ(c.verdict, Verdict::kCrash);
  EXPECT_EQ(DetailHeadline(c.detail), "SIGQUIT: SIGQUIT: quit");
  // The separator stays in the tail: it is evidence that the dump was handed on.
  EXPECT_NE(c.detail.find("\ngs     0x0\n-----"), std::string::npos) << c.detail;
  // Go exits 2 after the dump when it does not re-raise the signal.
  EXPECT_EQ(DetailHeadline(ClassifyOutcome(Exited(2, kGoSigquitDump)).detail), "exit status 2: SIGQUIT: quit");
}

TEST(OutcomeClassifierTest, SeparatorLinesAreNeverTheKeyLine) {
  Classification c = ClassifyOutcome(Exited(1, "driver: callback never returned\n=====\n - - -\t\n-----\n"));
  EXPECT_EQ(DetailHeadline(c.detail), "exit status 1: driver: callback never returned");
  // Nothing but separators: no key line rather than a meaningless one.
  EXPECT_EQ(DetailHeadline(ClassifyOutcome(Signaled(SIGABRT, "-----\n=====\n")).detail), "SIGABRT");
}

TEST(OutcomeClassifierTest, FatalLineWinsOverAnEarlierGoSignalHeader) {
  // Another thread's relayed "SIGQUIT: quit" may come first; the fatal error says why.
  Classification c = ClassifyOutcome(
      Signaled(SIGABRT, "SIGQUIT: quit\nPC=0x1 m=2 sigcode=0\nfatal error: all goroutines are asleep\n"));
  EXPECT_EQ(DetailHeadline(c.detail), "SIGABRT: fatal error: all goroutines are asleep");
}

TEST(OutcomeClassifierTest, OnlyGoStyleSignalHeadersCount) {
  // "SIG: ..." or "SIGnal: ..." from a driver are ordinary lines; the last line stays the key.
  Classification c = ClassifyOutcome(Exited(1, "SIG: not a header\nSIGnal: neither\nlast words\n"));
  EXPECT_EQ(DetailHeadline(c.detail), "exit status 1: last words");
}

TEST(OutcomeClassifierTest, SignalWithoutStderr) {
  EXPECT_EQ(ClassifyOutcome(Signaled(SIGABRT)).detail, "SIGABRT");
  EXPECT_EQ(ClassifyOutcome(Signaled(SIGKILL)).detail, "SIGKILL");
  EXPECT_EQ(ClassifyOutcome(Signaled(SIGILL)).detail, "SIGILL");
}

TEST(OutcomeClassifierTest, LauncherReportedSignalIsACrash) {
  // A launcher that could not exec the emulator reports the guest's signal instead.
  Classification c =
      ClassifyOutcome(Exited(139, "boom\nXCALL_LAUNCHER signal=11\n"));
  EXPECT_EQ(c.verdict, Verdict::kCrash);
  EXPECT_EQ(c.detail, "SIGSEGV: boom");
}

struct WineDeath {
  uint32_t code;
  const char* headline;
};

class WineExitCodeTest : public testing::TestWithParam<WineDeath> {};

TEST_P(WineExitCodeTest, ReportedNtStatusIsACrashNamedByCode) {
  char line[64];
  std::snprintf(line, sizeof line, "XCALL_LAUNCHER exit_code=0x%08X\n", GetParam().code);
  // The host only sees the low 8 bits.
  Classification c = ClassifyOutcome(Exited(static_cast<int>(GetParam().code & 0xFF), line));
  EXPECT_EQ(c.verdict, Verdict::kCrash);
  EXPECT_EQ(c.detail, GetParam().headline);
}

INSTANTIATE_TEST_SUITE_P(
    Codes, WineExitCodeTest,
    testing::Values(WineDeath{0xC0000005, "STATUS_ACCESS_VIOLATION (0xC0000005)"},
                    WineDeath{0xC00000FD, "STATUS_STACK_OVERFLOW (0xC00000FD)"},
                    WineDeath{0xC000001D, "STATUS_ILLEGAL_INSTRUCTION (0xC000001D)"},
                    WineDeath{0x80000003, "STATUS_BREAKPOINT (0x80000003)"},
                    WineDeath{0xC0000094, "STATUS_INTEGER_DIVIDE_BY_ZERO (0xC0000094)"},
                    WineDeath{0xC0000409, "STATUS_STACK_BUFFER_OVERRUN (0xC0000409)"},
                    WineDeath{0xC0001234, "unhandled exception 0xC0001234"}));

TEST(OutcomeClassifierTest, WineCodeInDecimalWithDiagnostic) {
  Classification c = ClassifyOutcome(
      Exited(5, "wine: Unhandled page fault on read access to 0000000000000000\r\n"
                "XCALL_LAUNCHER exit_code=3221225477\r\n"));
  EXPECT_EQ(c.verdict, Verdict::kCrash);
  EXPECT_EQ(c.detail,
            "STATUS_ACCESS_VIOLATION (0xC0000005): wine: Unhandled page fault on read access to "
            "0000000000000000");
}

TEST(OutcomeClassifierTest, CmdErrorlevelNegativeCodeIsUnderstood) {
  // `wine cmd /c "driver & echo XCALL_LAUNCHER exit_code=%errorlevel% 1>&2"`
  Classification c = ClassifyOutcome(Exited(5, "XCALL_LAUNCHER exit_code=-1073741819\n"));
  EXPECT_EQ(c.verdict, Verdict::kCrash);
  EXPECT_EQ(c.detail, "STATUS_ACCESS_VIOLATION (0xC0000005)");
}

// Without a launcher report: what Wine 8 really prints (seen under toolchains/launchers/wine.sh).
const char kWinePageFault[] =
    "about to crash\n"
    "wine: Unhandled page fault on read access to 0000000000000000 at address 0000000140001645 "
    "(thread 0024), starting debugger...\n";

TEST(OutcomeClassifierTest, WineMessageWithMatchingLowBitsIsACrash) {
  Classification c = ClassifyOutcome(Exited(5, kWinePageFault));
  EXPECT_EQ(c.verdict, Verdict::kCrash);
  EXPECT_EQ(DetailHeadline(c.detail),
            "STATUS_ACCESS_VIOLATION (0xC0000005): wine: Unhandled page fault on read access to "
            "0000000000000000 at address 0000000140001645, starting debugger...");
  EXPECT_NE(c.detail.find("\nabout to crash\n"), std::string::npos) << c.detail;
}

TEST(OutcomeClassifierTest, WineStackOverflowAndGenericException) {
  Classification overflow = ClassifyOutcome(
      Exited(0xFD, "wine: Unhandled stack overflow at address 000000014000155A (thread 0024), "
                   "starting debugger...\n"));
  EXPECT_EQ(overflow.verdict, Verdict::kCrash);
  EXPECT_THAT_HEADLINE_STARTS(overflow.detail, "STATUS_STACK_OVERFLOW (0xC00000FD): wine: Unhandled stack overflow");
  Classification generic = ClassifyOutcome(
      Exited(0x09, "wine: Unhandled exception 0xc0000409 in thread 24 at address 1400015D7 "
                   "(thread 0024), starting debugger...\n"));
  EXPECT_EQ(generic.verdict, Verdict::kCrash);
  EXPECT_THAT_HEADLINE_STARTS(generic.detail, "STATUS_STACK_BUFFER_OVERRUN (0xC0000409): wine: Unhandled exception");
}

TEST(OutcomeClassifierTest, WineStackOverflowEndingWithStatusOneIsStillACrash) {
  // Seen under wine 8: 4 KiB frames recursing until the guard page, exit status 1.
  Classification c = ClassifyOutcome(
      Exited(1, "wine: Unhandled stack overflow at address 0000000140002806 (thread 0128), "
                "starting debugger...\r\n"));
  EXPECT_EQ(c.verdict, Verdict::kCrash);
  EXPECT_EQ(c.detail,
            "STATUS_STACK_OVERFLOW (0xC00000FD, exit status 1): wine: Unhandled stack overflow at "
            "address 0000000140002806, starting debugger...\n"
            // The tail keeps stderr as it was; only the headline drops the thread id.
            "wine: Unhandled stack overflow at address 0000000140002806 (thread 0128), starting "
            "debugger...");
}

TEST(OutcomeClassifierTest, WineMessageWithExitZeroIsStillACrash) {
  // wine 8 with stdout on a pipe: an unhandled access violation, then exit status 0.
  Classification c = ClassifyOutcome(Exited(0, kWinePageFault));
  EXPECT_EQ(c.verdict, Verdict::kCrash);
  EXPECT_THAT_HEADLINE_STARTS(c.detail, "STATUS_ACCESS_VIOLATION (0xC0000005, exit status 0): wine: Unhandled page fault");
}

TEST(OutcomeClassifierTest, CrlfLinesKeepNoCarriageReturn) {
  Classification c = ClassifyOutcome(Exited(2, "fatal error: boom\r\n\r\ngoroutine 1 [running]:\r\n"));
  EXPECT_EQ(c.detail, "exit status 2: fatal error: boom\nfatal error: boom\ngoroutine 1 [running]:");
}

TEST(OutcomeClassifierTest, MissingDllIsAFailNotACrash) {
  Classification c = ClassifyOutcome(Exited(0x35, "XCALL_LAUNCHER exit_code=0xC0000135\n"));
  EXPECT_EQ(c.verdict, Verdict::kFail);
  EXPECT_EQ(c.detail, "STATUS_DLL_NOT_FOUND (0xC0000135)");
}

TEST(OutcomeClassifierTest, SmallReportedCodeIsAnOrdinaryExit) {
  // Go on Windows exits 2 after a panic; the launcher passes that through.
  Classification c = ClassifyOutcome(Exited(2, "panic: xcall panic\nXCALL_LAUNCHER exit_code=2\n"));
  EXPECT_EQ(c.verdict, Verdict::kFail);
  EXPECT_EQ(c.detail, "exit status 2: panic: xcall panic");
}

TEST(OutcomeClassifierTest, ReportedZeroPasses) {
  EXPECT_EQ(ClassifyOutcome(Exited(0, "XCALL_LAUNCHER exit_code=0\n")).verdict, Verdict::kPass);
}

TEST(OutcomeClassifierTest, LowBitsAloneAreNotGuessedAsAnException) {
  // Without the launcher's report, exit status 5 is just exit status 5.
  Classification c = ClassifyOutcome(Exited(5));
  EXPECT_EQ(c.verdict, Verdict::kFail);
  EXPECT_EQ(c.detail, "exit status 5");
}

TEST(OutcomeClassifierTest, MalformedLauncherLineIsShown) {
  Classification c = ClassifyOutcome(Exited(1, "XCALL_LAUNCHER exit_code=banana\n"));
  EXPECT_EQ(c.verdict, Verdict::kFail);
  EXPECT_NE(c.detail.find("unreadable launcher report line: XCALL_LAUNCHER exit_code=banana"),
            std::string::npos)
      << c.detail;
}

TEST(OutcomeClassifierTest, TimeoutNamesTheLimitAndKeepsTheTail) {
  RawOutcome o;
  o.end = RawOutcome::End::kTimedOut;
  o.timeout_seconds = 60;
  o.stderr_text = "waiting for initialisation\n";
  Classification c = ClassifyOutcome(o);
  EXPECT_EQ(c.verdict, Verdict::kTimeout);
  EXPECT_EQ(c.detail, "no exit within 60 s; process group killed: waiting for initialisation");
}

TEST(OutcomeClassifierTest, NotStartedIsAFailWithTheReason) {
  RawOutcome o;
  o.end = RawOutcome::End::kNotStarted;
  o.start_error = "cannot execute ./x: Permission denied";
  Classification c = ClassifyOutcome(o);
  EXPECT_EQ(c.verdict, Verdict::kFail);
  EXPECT_EQ(c.detail, "could not start: cannot execute ./x: Permission denied");
}

TEST(OutcomeClassifierTest, TailIsBoundedAndLinesAreCut) {
  std::string stderr_text;
  for (int i = 0; i < 50; ++i) stderr_text += "line " + std::to_string(i) + "\n";
  stderr_text += std::string(1000, 'x') + "\n";
  Classification c = ClassifyOutcome(Signaled(SIGSEGV, stderr_text));
  size_t lines = 1;
  for (char ch : c.detail) lines += ch == '\n';
  EXPECT_EQ(lines, 1 + kDetailTailLines);
  EXPECT_EQ(c.detail.find("line 40\n"), std::string::npos);
  EXPECT_NE(c.detail.find("line 41\n"), std::string::npos);
  EXPECT_NE(c.detail.find(std::string(240, 'x') + "..."), std::string::npos);
  EXPECT_EQ(c.detail.find(std::string(241, 'x')), std::string::npos);
}

TEST(OutcomeClassifierTest, InvalidUtf8AndControlBytesAreReplaced) {
  Classification c = ClassifyOutcome(Signaled(SIGBUS, std::string("bad \xff\x01 byte\n")));
  EXPECT_EQ(c.detail, "SIGBUS: bad ?? byte");
}

}  // namespace
}  // namespace xcall::runner
