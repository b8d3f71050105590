#ifndef FAREFLOW_TESTS_SUPPORT_CHILD_PROCESS_H_
#define FAREFLOW_TESTS_SUPPORT_CHILD_PROCESS_H_

// Runs a program (a fareflow server) as a child process for a test: its standard output is
// readable line by line, and the destructor stops it with SIGTERM (SIGKILL after two seconds) and
// reaps it, so no test leaves a server behind.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace fareflow::testing_support {

// How the child starts, when not simply as `execv(argv[0], argv)` with this process's environment.
struct SpawnOptions {
  std::string root;                             // chroot(2) into this folder first (needs root)
  std::optional<std::vector<std::string>> env;  // exactly these NAME=value entries
};

class ChildProcess {
 public:
  explicit ChildProcess(const std::vector<std::string>& argv, const SpawnOptions& options = {}) {
    int fds[2];
    if (pipe(fds) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(fds[1], STDOUT_FILENO);
      close(fds[0]);
      close(fds[1]);
      if (!options.root.empty() && (chroot(options.root.c_str()) != 0 || chdir("/") != 0)) {
        _exit(126);
      }
      std::vector<char*> args;
      for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      if (options.env) {
        std::vector<char*> env;
        for (const std::string& e : *options.env) env.push_back(const_cast<char*>(e.c_str()));
        env.push_back(nullptr);
        execve(args[0], args.data(), env.data());
      } else {
        execv(args[0], args.data());
      }
      _exit(127);
    }
    close(fds[1]);
    out_ = fds[0];
  }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  ~ChildProcess() { Stop(); }

  // The next line of standard output without its newline; empty after `timeout` or at EOF.
  std::string ReadLine(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      std::size_t nl = buffer_.find('\n');
      if (nl != std::string::npos) {
        std::string line = buffer_.substr(0, nl);
        buffer_.erase(0, nl + 1);
        return line;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0 || out_ < 0) return {};
      pollfd p{out_, POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(left.count())) <= 0) return {};
      char buf[4096];
      ssize_t n = read(out_, buf, sizeof buf);
      if (n <= 0) return {};
      buffer_.append(buf, static_cast<std::size_t>(n));
    }
  }

  // Sends SIGTERM and waits for the exit; returns the exit status (-1 if killed by a signal).
  int Stop() {
    if (pid_ <= 0) return status_;
    kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 200; ++i) {
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      pid_ = -1;
    }
    if (out_ >= 0) close(out_);
    out_ = -1;
    status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return status_;
  }

  // Waits up to `timeout` for the child to exit; true (and the status kept for Stop()) once it
  // has, false while it still runs.
  bool WaitExit(std::chrono::milliseconds timeout) {
    if (pid_ <= 0) return true;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    int status = 0;
    while (waitpid(pid_, &status, WNOHANG) != pid_) {
      if (std::chrono::steady_clock::now() >= deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    pid_ = -1;
    if (out_ >= 0) close(out_);
    out_ = -1;
    status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return true;
  }

  bool running() const { return pid_ > 0; }
  // Sends `signal` (SIGTERM, SIGSTOP, SIGCONT...) to the running child and returns at once; false
  // when there is none.
  bool Signal(int signal) { return pid_ > 0 && kill(pid_, signal) == 0; }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  int status_ = -1;
  std::string buffer_;
};

}  // namespace fareflow::testing_support

#endif  // FAREFLOW_TESTS_SUPPORT_CHILD_PROCESS_H_
