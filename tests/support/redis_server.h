#ifndef FAREFLOW_TESTS_SUPPORT_REDIS_SERVER_H_
#define FAREFLOW_TESTS_SUPPORT_REDIS_SERVER_H_

// A real redis-server (Debian's package) for one test, on a free loopback port, with nothing
// written to disk; stopped (SIGTERM, then SIGKILL) by the destructor. Stop() and Start() again
// on the same port let a test take the server away from a client and bring it back; Freeze()
// (SIGSTOP) and Thaw() (SIGCONT) leave its connections open but unanswered in between.

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "support/child_process.h"

namespace fareflow::testing_support {

class RedisServer {
 public:
  RedisServer() {
    for (int attempt = 0; attempt < 5 && !ready_; ++attempt) {
      port_ = FreePort();
      ready_ = port_ != 0 && Start();
    }
  }

  // Starts redis-server on port(); true once it accepts connections.
  bool Start() {
    process_ = std::make_unique<ChildProcess>(std::vector<std::string>{
        "/usr/bin/redis-server", "--port", std::to_string(port_), "--bind", "127.0.0.1", "--save",
        "", "--appendonly", "no", "--logfile", "/dev/null", "--daemonize", "no"});
    for (int i = 0; i < 200; ++i) {
      if (Accepts()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }
  void Stop() {
    Thaw();  // a frozen server would not act on SIGTERM
    process_.reset();
  }
  bool Freeze() { return process_ != nullptr && process_->Signal(SIGSTOP); }
  bool Thaw() { return process_ != nullptr && process_->Signal(SIGCONT); }
  ~RedisServer() { Stop(); }

  bool ready() const { return ready_; }
  uint16_t port() const { return port_; }
  std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }

 private:
  static uint16_t FreePort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    uint16_t port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
      port = ntohs(addr.sin_port);
    }
    ::close(fd);
    return port;
  }
  bool Accepts() const {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(port_);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
  }

  uint16_t port_ = 0;
  bool ready_ = false;
  std::unique_ptr<ChildProcess> process_;
};

}  // namespace fareflow::testing_support

#endif  // FAREFLOW_TESTS_SUPPORT_REDIS_SERVER_H_
