#include "conformance/runner/runtime_identity.h"

#include <signal.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "conformance/runner/case_runner.h"
#include "conformance/runner/fake_case_launcher.h"

namespace xcall::runner {
namespace {

using testing::_;
using testing::AllOf;
using testing::ElementsAre;
using testing::Field;
using testing::IsEmpty;
using testing::Return;

Plan PlanFor(const std::string& runtime) {
  Plan plan;
  plan.runtime = runtime;
  plan.target = "windows_x86_64";
  plan.profile = "no_getattr_np";
  plan.launcher = "toolchains/launchers/wine.sh";
  plan.identity_driver = "conformance/" + runtime + "__runtime_identity.exe";
  plan.env = {{"XCALL_PRELOAD", "conformance/profiles/no_getattr_np.so"}};
  return plan;
}

RuntimeIdentity Check(const Plan& plan, RawOutcome outcome) {
  FakeCaseLauncher launcher;
  EXPECT_CALL(launcher, Launch(_)).WillOnce(Return(outcome));
  return CheckRuntimeIdentity(plan, launcher, 60);
}

TEST(RuntimeIdentityTest, RunsTheIdentityDriverThroughTheLauncherWithoutThePlansEnvironment) {
  FakeCaseLauncher launcher;
  EXPECT_CALL(launcher, Launch(AllOf(Field(&LaunchRequest::argv,
                                           ElementsAre("toolchains/launchers/wine.sh",
                                                       "conformance/xrt__runtime_identity.exe")),
                                     Field(&LaunchRequest::env, IsEmpty()),
                                     Field(&LaunchRequest::timeout_seconds, 30.0))))
      .WillOnce(Return(ExitedWith(0, "XCALL_RUNTIME name=xrt 0.1\r\n")));
  RuntimeIdentity identity = CheckRuntimeIdentity(PlanFor("xrt"), launcher, 30);
  EXPECT_EQ(identity.status, RuntimeIdentity::Status::kConfirmed);
  EXPECT_EQ(identity.name, "xrt 0.1");
}

TEST(RuntimeIdentityTest, TheNamesFirstWordMustBeThePlansRuntime) {
  EXPECT_EQ(Check(PlanFor("go1.21.13"), ExitedWith(0, "XCALL_RUNTIME name=go1.21.13\n")).status,
            RuntimeIdentity::Status::kConfirmed);
  EXPECT_EQ(Check(PlanFor("gccgo"),
                  ExitedWith(0, "XCALL_RUNTIME name=gccgo go1.18 gccgo (Debian 12.2.0-14) 12.2.0\n"))
                .status,
            RuntimeIdentity::Status::kConfirmed);

  RuntimeIdentity other = Check(PlanFor("go1.21.13"), ExitedWith(0, "XCALL_RUNTIME name=go1.22.12\n"));
  EXPECT_EQ(other.status, RuntimeIdentity::Status::kOtherRuntime);
  EXPECT_EQ(other.name, "go1.22.12");
  // A prefix is not the runtime: go1.21.1 is not go1.21.13.
  EXPECT_EQ(Check(PlanFor("go1.21.1"), ExitedWith(0, "XCALL_RUNTIME name=go1.21.13\n")).status,
            RuntimeIdentity::Status::kOtherRuntime);
  EXPECT_EQ(Check(PlanFor("gccgo"), ExitedWith(0, "XCALL_RUNTIME name=go1.18 gccgo\n")).status,
            RuntimeIdentity::Status::kOtherRuntime);
}

TEST(RuntimeIdentityTest, ADriverThatCannotSayLeavesItUnconfirmed) {
  RuntimeIdentity crashed =
      Check(PlanFor("xrt"), KilledBy(SIGSEGV, "fatal: morestack on g0\n"));
  EXPECT_EQ(crashed.status, RuntimeIdentity::Status::kUnconfirmed);
  EXPECT_THAT(crashed.detail, testing::StartsWith("crash: SIGSEGV"));

  RuntimeIdentity hung = Check(PlanFor("xrt"), TimedOut(60));
  EXPECT_EQ(hung.status, RuntimeIdentity::Status::kUnconfirmed);
  EXPECT_THAT(hung.detail, testing::StartsWith("timeout: "));

  RuntimeIdentity silent = Check(PlanFor("xrt"), ExitedWith(0, "something else\n"));
  EXPECT_EQ(silent.status, RuntimeIdentity::Status::kUnconfirmed);
  EXPECT_EQ(silent.detail, "exited 0 without a \"XCALL_RUNTIME name=...\" line");

  RuntimeIdentity failed = Check(PlanFor("xrt"), ExitedWith(1, "", "xc_runtime_name returned no name\n"));
  EXPECT_EQ(failed.status, RuntimeIdentity::Status::kUnconfirmed);
  EXPECT_THAT(failed.detail, testing::HasSubstr("xc_runtime_name returned no name"));
}

TEST(RuntimeIdentityTest, ALauncherThatCannotRunHereIsNotAnIdentity) {
  EXPECT_THROW(Check(PlanFor("xrt"), ExitedWith(127, "", "xcall: wine not found: install\n")),
               LauncherUnavailable);
}

}  // namespace
}  // namespace xcall::runner
