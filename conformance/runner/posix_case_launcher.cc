#include "conformance/runner/posix_case_launcher.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <map>

extern char** environ;

namespace xcall::runner {
namespace {

using Clock = std::chrono::steady_clock;

std::atomic<pid_t> running_group{0};

// After the leader has gone, how long to keep reading output that its killed group may
// still have in flight, and how long a silent pipe counts as finished.
constexpr int kDrainLimitMs = 2000;
constexpr int kDrainQuietMs = 200;
constexpr int kSliceMs = 20;

const char kTruncationNote[] = "\n[xcall_runner: output truncated at 16 MiB]\n";

struct Stream {
  int fd = -1;
  std::string* text = nullptr;
  bool truncated = false;

  bool open() const { return fd >= 0; }

  // Reads what is available; closes the fd at EOF.
  void ReadAvailable() {
    char buf[65536];
    for (;;) {
      ssize_t n = read(fd, buf, sizeof buf);
      if (n > 0) {
        size_t room = PosixCaseLauncher::kMaxCapturedBytes - std::min(text->size(),
                                                                     PosixCaseLauncher::kMaxCapturedBytes);
        if (static_cast<size_t>(n) > room) {
          text->append(buf, room);
          truncated = true;
        } else {
          text->append(buf, static_cast<size_t>(n));
        }
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      close(fd);  // EOF or a real error: nothing more will come
      fd = -1;
      return;
    }
  }

  void Finish() {
    if (open()) {
      close(fd);
      fd = -1;
    }
    if (truncated) *text += kTruncationNote;
  }
};

// Polls both streams for at most timeout_ms; returns true if anything was read.
bool PollStreams(Stream& out, Stream& err, int timeout_ms) {
  pollfd fds[2];
  int n = 0;
  Stream* owners[2];
  for (Stream* s : {&out, &err}) {
    if (!s->open()) continue;
    fds[n].fd = s->fd;
    fds[n].events = POLLIN;
    fds[n].revents = 0;
    owners[n++] = s;
  }
  if (n == 0) {
    if (timeout_ms > 0) usleep(static_cast<useconds_t>(timeout_ms) * 1000);
    return false;
  }
  int ready = poll(fds, static_cast<nfds_t>(n), timeout_ms);
  if (ready <= 0) return false;
  for (int i = 0; i < n; ++i) {
    if (fds[i].revents) owners[i]->ReadAvailable();
  }
  return true;
}

// Reads what the (now dead or killed) group still has in the pipes. A process that left the
// group may hold a pipe open forever, hence the quiet period and the overall limit.
void Drain(Stream& out, Stream& err) {
  auto limit = Clock::now() + std::chrono::milliseconds(kDrainLimitMs);
  auto last_data = Clock::now();
  while ((out.open() || err.open()) && Clock::now() < limit) {
    if (PollStreams(out, err, kSliceMs)) {
      last_data = Clock::now();
    } else if (Clock::now() - last_data > std::chrono::milliseconds(kDrainQuietMs)) {
      break;
    }
  }
}

std::vector<std::string> MergedEnvironment(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string entry(*e);
    std::string key = entry.substr(0, entry.find('='));
    if (extra.count(key) == 0) env.push_back(entry);
  }
  for (const auto& [k, v] : extra) env.push_back(k + "=" + v);
  return env;
}

std::vector<char*> CStrings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

void SetNonBlocking(int fd) { fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK); }

// Runs in the child between fork and exec: only async-signal-safe calls.
[[noreturn]] void ExecChild(char* const* argv, char* const* envp, int out_fd, int err_fd,
                            int status_fd) {
  setpgid(0, 0);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  signal(SIGPIPE, SIG_DFL);
  int devnull = open("/dev/null", O_RDONLY);
  if (devnull >= 0) dup2(devnull, 0);
  dup2(out_fd, 1);
  dup2(err_fd, 2);
  if (std::strchr(argv[0], '/') != nullptr) {
    execve(argv[0], argv, envp);
  } else {
    execvpe(argv[0], argv, envp);
  }
  int e = errno;
  ssize_t ignored = write(status_fd, &e, sizeof e);
  (void)ignored;
  _exit(127);
}

}  // namespace

void PosixCaseLauncher::KillRunningGroup() {
  pid_t group = running_group.load();
  if (group > 0) killpg(group, SIGKILL);
}

RawOutcome PosixCaseLauncher::Launch(const LaunchRequest& request) {
  RawOutcome outcome;
  outcome.timeout_seconds = request.timeout_seconds;
  if (request.argv.empty()) {
    outcome.end = RawOutcome::End::kNotStarted;
    outcome.start_error = "empty command line";
    return outcome;
  }
  std::vector<std::string> argv_strings = request.argv;
  std::vector<std::string> env_strings = MergedEnvironment(request.env);
  std::vector<char*> argv = CStrings(argv_strings);
  std::vector<char*> envp = CStrings(env_strings);

  int out_pipe[2], err_pipe[2], status_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0 ||
      pipe2(status_pipe, O_CLOEXEC) != 0) {
    outcome.end = RawOutcome::End::kNotStarted;
    outcome.start_error = std::string("pipe: ") + std::strerror(errno);
    return outcome;
  }

  auto start = Clock::now();
  pid_t pid = fork();
  if (pid < 0) {
    outcome.end = RawOutcome::End::kNotStarted;
    outcome.start_error = std::string("fork: ") + std::strerror(errno);
    for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1], status_pipe[0],
                   status_pipe[1]}) {
      close(fd);
    }
    return outcome;
  }
  if (pid == 0) ExecChild(argv.data(), envp.data(), out_pipe[1], err_pipe[1], status_pipe[1]);

  setpgid(pid, pid);  // also done by the child; whichever runs first wins the race
  running_group.store(pid);
  close(out_pipe[1]);
  close(err_pipe[1]);
  close(status_pipe[1]);

  // The status pipe closes on a successful exec (CLOEXEC) or carries errno on failure.
  int exec_errno = 0;
  ssize_t got;
  do {
    got = read(status_pipe[0], &exec_errno, sizeof exec_errno);
  } while (got < 0 && errno == EINTR);
  close(status_pipe[0]);
  if (got == static_cast<ssize_t>(sizeof exec_errno)) {
    int status;
    waitpid(pid, &status, 0);
    running_group.store(0);
    close(out_pipe[0]);
    close(err_pipe[0]);
    outcome.end = RawOutcome::End::kNotStarted;
    outcome.start_error = "cannot execute " + request.argv[0] + ": " + std::strerror(exec_errno);
    outcome.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return outcome;
  }

  Stream out{out_pipe[0], &outcome.stdout_text};
  Stream err{err_pipe[0], &outcome.stderr_text};
  SetNonBlocking(out.fd);
  SetNonBlocking(err.fd);

  auto deadline = start + std::chrono::duration_cast<Clock::duration>(
                              std::chrono::duration<double>(request.timeout_seconds));
  bool leader_done = false;
  for (;;) {
    siginfo_t info{};
    if (waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
        info.si_pid == pid) {
      leader_done = true;
      break;
    }
    auto now = Clock::now();
    if (now >= deadline) break;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count();
    PollStreams(out, err, static_cast<int>(std::min<long long>(left + 1, kSliceMs)));
  }
  // Either way, nothing of this case may keep running: the leader is still a zombie (or
  // alive), so the group id is still ours to kill.
  killpg(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  running_group.store(0);
  outcome.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  Drain(out, err);
  out.Finish();
  err.Finish();

  if (!leader_done) {
    outcome.end = RawOutcome::End::kTimedOut;
  } else if (WIFSIGNALED(status)) {
    outcome.end = RawOutcome::End::kSignaled;
    outcome.term_signal = WTERMSIG(status);
  } else {
    outcome.end = RawOutcome::End::kExited;
    outcome.exit_status = WEXITSTATUS(status);
  }
  return outcome;
}

}  // namespace xcall::runner
