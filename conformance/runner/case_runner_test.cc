#include "conformance/runner/case_runner.h"

#include <signal.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "conformance/runner/fake_case_launcher.h"

namespace xcall::runner {
namespace {

using testing::_;
using testing::AllOf;
using testing::ElementsAre;
using testing::Field;
using testing::Pair;
using testing::Return;
using testing::UnorderedElementsAre;

Plan AarchPlan() {
  Plan plan;
  plan.runtime = "go1.21.13";
  plan.target = "linux_aarch64";
  plan.profile = "no_getattr_np";
  plan.launcher = "toolchains/launchers/qemu_aarch64.sh";
  plan.env = {{"XCALL_PRELOAD", "conformance/profiles/no_getattr_np.so"}, {"GOMAXPROCS", "4"}};
  plan.unsupported = {{"switched_stack", "gccgo has no fiber support"}};
  return plan;
}

PlanCase DeepStackNested() {
  PlanCase c;
  c.name = "deep_stack_nested";
  c.driver = "carchive_tests/deep_stack";
  c.args = {"nested"};
  c.features = {"deep_c_stack", "collect"};
  c.env = {{"GOMAXPROCS", "2"}};
  return c;
}

TEST(CaseRunnerTest, LaunchesLauncherDriverArgsWithMergedEnvAndTimeout) {
  FakeCaseLauncher launcher;
  EXPECT_CALL(launcher,
              Launch(AllOf(Field(&LaunchRequest::argv,
                                 ElementsAre("toolchains/launchers/qemu_aarch64.sh",
                                             "carchive_tests/deep_stack", "nested")),
                           Field(&LaunchRequest::env,
                                 UnorderedElementsAre(
                                     Pair("XCALL_PRELOAD", "conformance/profiles/no_getattr_np.so"),
                                     Pair("GOMAXPROCS", "2"))),
                           Field(&LaunchRequest::timeout_seconds, 17.0))))
      .WillOnce(Return(ExitedWith(0)));
  CaseResult r = RunCase(AarchPlan(), DeepStackNested(), launcher, 17);
  EXPECT_EQ(r.verdict, Verdict::kPass);
  EXPECT_EQ(r.runtime, "go1.21.13");
  EXPECT_EQ(r.target, "linux_aarch64");
  EXPECT_EQ(r.profile, "no_getattr_np");
  EXPECT_EQ(r.case_name, "deep_stack_nested");
  EXPECT_DOUBLE_EQ(r.seconds, 0.25);
}

TEST(CaseRunnerTest, WithoutLauncherTheDriverRunsDirectlyAndNeverFromPath) {
  Plan plan = AarchPlan();
  plan.launcher = "";
  PlanCase c = DeepStackNested();
  c.driver = "deep_stack";
  EXPECT_THAT(CaseCommandLine(plan, c), ElementsAre("./deep_stack", "nested"));
}

TEST(CaseRunnerTest, DeclaredUnsupportedFeatureSkipsWithoutLaunching) {
  FakeCaseLauncher launcher;
  EXPECT_CALL(launcher, Launch(_)).Times(0);
  PlanCase c = DeepStackNested();
  c.name = "switched_stack";
  c.features = {"collect", "switched_stack"};
  CaseResult r = RunCase(AarchPlan(), c, launcher, 60);
  EXPECT_EQ(r.verdict, Verdict::kSkip);
  EXPECT_EQ(r.detail, "switched_stack unsupported: gccgo has no fiber support");
}

TEST(CaseRunnerTest, FailCarriesExitStatusAndStderr) {
  FakeCaseLauncher launcher;
  EXPECT_CALL(launcher, Launch(_))
      .WillOnce(Return(ExitedWith(3, "", "deep_stack: xc_call_c: expected a panic\n")));
  CaseResult r = RunCase(AarchPlan(), DeepStackNested(), launcher, 60);
  EXPECT_EQ(r.verdict, Verdict::kFail);
  EXPECT_EQ(r.detail, "exit status 3: deep_stack: xc_call_c: expected a panic");
}

TEST(CaseRunnerTest, GoFatalErrorIsFailWithTheDiagnostic) {
  FakeCaseLauncher launcher;
  EXPECT_CALL(launcher, Launch(_))
      .WillOnce(Return(ExitedWith(2, "",
                                  "fatal error: stack growth after fork\n\nruntime stack:\n"
                                  "runtime.throw({0x4a1b2c, 0x1c})\n")));
  CaseResult r = RunCase(AarchPlan(), DeepStackNested(), launcher, 60);
  EXPECT_EQ(r.verdict, Verdict::kFail);
  EXPECT_THAT(r.detail, testing::StartsWith("exit status 2: fatal error: stack growth after fork\n"));
  EXPECT_THAT(r.detail, testing::EndsWith("runtime.throw({0x4a1b2c, 0x1c})"));
}

TEST(CaseRunnerTest, QemuSignalIsCrashWithMorestackDiagnostic) {
  FakeCaseLauncher launcher;
  EXPECT_CALL(launcher, Launch(_))
      .WillOnce(Return(KilledBy(SIGTRAP,
                                "fatal: morestack on g0\n"
                                "qemu: uncaught target signal 5 (Trace/breakpoint trap) - core dumped\n")));
  CaseResult r = RunCase(AarchPlan(), DeepStackNested(), launcher, 60);
  EXPECT_EQ(r.verdict, Verdict::kCrash);
  EXPECT_EQ(r.detail,
            "SIGTRAP: fatal: morestack on g0\n"
            "fatal: morestack on g0\n"
            "qemu: uncaught target signal 5 (Trace/breakpoint trap) - core dumped");
}

TEST(CaseRunnerTest, WineStackOverflowIsCrash) {
  Plan plan = AarchPlan();
  plan.target = "windows_x86_64";
  plan.launcher = "toolchains/launchers/wine.sh";
  FakeCaseLauncher launcher;
  EXPECT_CALL(launcher, Launch(_))
      .WillOnce(Return(ExitedWith(0xFD, "", "XCALL_LAUNCHER exit_code=0xC00000FD\n")));
  CaseResult r = RunCase(plan, DeepStackNested(), launcher, 60);
  EXPECT_EQ(r.verdict, Verdict::kCrash);
  EXPECT_EQ(r.detail, "STATUS_STACK_OVERFLOW (0xC00000FD)");
}

TEST(CaseRunnerTest, TimeoutVerdict) {
  FakeCaseLauncher launcher;
  EXPECT_CALL(launcher, Launch(_)).WillOnce(Return(TimedOut(60, "")));
  CaseResult r = RunCase(AarchPlan(), DeepStackNested(), launcher, 60);
  EXPECT_EQ(r.verdict, Verdict::kTimeout);
  EXPECT_EQ(r.detail, "no exit within 60 s; process group killed");
  EXPECT_DOUBLE_EQ(r.seconds, 60);
}

TEST(CaseRunnerTest, MetricsComeFromStdout) {
  FakeCaseLauncher launcher;
  EXPECT_CALL(launcher, Launch(_))
      .WillOnce(Return(ExitedWith(0, "calls done\nXCALL_METRIC ns_per_call=1245.3 calls=100000\n")));
  CaseResult r = RunCase(AarchPlan(), DeepStackNested(), launcher, 60);
  EXPECT_EQ(r.verdict, Verdict::kPass);
  EXPECT_THAT(r.metrics, UnorderedElementsAre(Pair("ns_per_call", 1245.3), Pair("calls", 100000)));
}

TEST(CaseRunnerTest, MalformedMetricTurnsAPassIntoAFail) {
  FakeCaseLauncher launcher;
  EXPECT_CALL(launcher, Launch(_)).WillOnce(Return(ExitedWith(0, "XCALL_METRIC ns_per_call=fast\n")));
  CaseResult r = RunCase(AarchPlan(), DeepStackNested(), launcher, 60);
  EXPECT_EQ(r.verdict, Verdict::kFail);
  EXPECT_EQ(r.detail,
            "driver printed a malformed metric: bad metric 'ns_per_call=fast' in line: "
            "XCALL_METRIC ns_per_call=fast");
}

PlanCase MainThreadCalls() {
  PlanCase c;
  c.name = "main_thread_calls";
  c.driver = "carchive_tests/main_thread_calls";
  c.args = {"echo"};
  c.metric = "ns_per_call";
  return c;
}

TEST(CaseRunnerTest, DeclaredMetricPrintedPasses) {
  FakeCaseLauncher launcher;
  EXPECT_CALL(launcher, Launch(_)).WillOnce(Return(ExitedWith(0, "XCALL_METRIC ns_per_call=20.5\n")));
  CaseResult r = RunCase(AarchPlan(), MainThreadCalls(), launcher, 60);
  EXPECT_EQ(r.verdict, Verdict::kPass);
  EXPECT_EQ(r.detail, "");
}

TEST(CaseRunnerTest, CleanExitWithoutTheDeclaredMetricFails) {
  FakeCaseLauncher launcher;
  EXPECT_CALL(launcher, Launch(_))
      .WillOnce(Return(ExitedWith(0, "XCALL_METRIC calls=1000\n")))
      .WillOnce(Return(ExitedWith(0, "")));
  CaseResult r = RunCase(AarchPlan(), MainThreadCalls(), launcher, 60);
  EXPECT_EQ(r.verdict, Verdict::kFail);
  EXPECT_EQ(r.detail, "declared metric ns_per_call not printed");
  EXPECT_THAT(r.metrics, UnorderedElementsAre(Pair("calls", 1000)));  // still reported
  EXPECT_EQ(RunCase(AarchPlan(), MainThreadCalls(), launcher, 60).verdict, Verdict::kFail);
}

TEST(CaseRunnerTest, AMissingMetricDoesNotHideHowTheDriverEnded) {
  FakeCaseLauncher launcher;
  EXPECT_CALL(launcher, Launch(_)).WillOnce(Return(KilledBy(SIGSEGV, "fatal: morestack on g0\n")));
  CaseResult r = RunCase(AarchPlan(), MainThreadCalls(), launcher, 60);
  EXPECT_EQ(r.verdict, Verdict::kCrash);
  EXPECT_THAT(r.detail, testing::StartsWith("SIGSEGV: fatal: morestack on g0"));
}

TEST(CaseRunnerTest, NoDeclaredMetricNeedsNone) {
  FakeCaseLauncher launcher;
  EXPECT_CALL(launcher, Launch(_)).WillOnce(Return(ExitedWith(0, "")));
  EXPECT_EQ(RunCase(AarchPlan(), DeepStackNested(), launcher, 60).verdict, Verdict::kPass);
}

TEST(CaseRunnerTest, NotStartedIsFail) {
  FakeCaseLauncher launcher;
  RawOutcome o;
  o.end = RawOutcome::End::kNotStarted;
  o.start_error = "cannot execute x: Exec format error";
  EXPECT_CALL(launcher, Launch(_)).WillOnce(Return(o));
  CaseResult r = RunCase(AarchPlan(), DeepStackNested(), launcher, 60);
  EXPECT_EQ(r.verdict, Verdict::kFail);
  EXPECT_EQ(r.detail, "could not start: cannot execute x: Exec format error");
}

}  // namespace
}  // namespace xcall::runner
