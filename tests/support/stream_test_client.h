#ifndef FAREFLOW_TESTS_SUPPORT_STREAM_TEST_CLIENT_H_
#define FAREFLOW_TESTS_SUPPORT_STREAM_TEST_CLIENT_H_

// A raw HTTP client for answers that stream, as `curl -N` reads them: it sends bytes as they are,
// reads the head, then the body's chunks (or, for HTTP/1.0, bytes until the close) as they arrive,
// and Server-Sent Events with the time each one was complete. Blocking POSIX sockets over
// loopback; every read has a timeout and reports it rather than hanging. One thread at a time.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "net/wire_exchange.h"

namespace fareflow::testing_support {

// One Server-Sent Event: its name, its data (the data lines joined) and when it was complete.
struct SseEvent {
  std::string name;
  std::string data;
  std::chrono::steady_clock::time_point arrived;
};

class StreamTestClient {
 public:
  // Connects to 127.0.0.1:port. `receive_buffer` > 0 sets SO_RCVBUF before connecting: a small
  // one lets a client that does not read fill the server's socket quickly.
  explicit StreamTestClient(uint16_t port, int receive_buffer = 0) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (receive_buffer > 0) {
      ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  StreamTestClient(const StreamTestClient&) = delete;
  StreamTestClient& operator=(const StreamTestClient&) = delete;
  ~StreamTestClient() { Close(); }

  bool connected() const { return connected_; }

  bool Send(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  // A POST request for `target` with `body` and the extra header lines `headers` (each ending in
  // "\r\n").
  bool Post(std::string_view target, std::string_view body, std::string_view headers,
            std::string_view version = "HTTP/1.1") {
    std::string request = "POST " + std::string(target) + " " + std::string(version) +
                          "\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
                          std::string(headers) + "Content-Length: " + std::to_string(body.size()) +
                          "\r\n\r\n" + std::string(body);
    return Send(request);
  }

  // Reads until the head is complete; false on a close, an error or the timeout.
  bool ReadHead(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::size_t end;
    while ((end = in_.find("\r\n\r\n")) == std::string::npos) {
      if (!Fill(deadline)) return false;
    }
    head_ = in_.substr(0, end + 2);
    in_.erase(0, end + 4);
    status_ = head_.size() > 12 ? std::atoi(head_.c_str() + 9) : 0;
    return true;
  }
  int status() const { return status_; }
  const std::string& head() const { return head_; }
  // The value of the first header named `name` (compared without case), or nullopt.
  std::optional<std::string> Header(std::string_view name) const {
    std::size_t at = head_.find("\r\n");
    while (at != std::string::npos && at + 2 < head_.size()) {
      const std::size_t line_end = head_.find("\r\n", at + 2);
      std::string_view line(head_.data() + at + 2, line_end - at - 2);
      const std::size_t colon = line.find(':');
      if (colon != std::string_view::npos && net::EqualsIgnoreCase(line.substr(0, colon), name)) {
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        return std::string(value);
      }
      at = line_end;
    }
    return std::nullopt;
  }

  enum class Read { kChunk, kEnd, kClosed, kTimeout };
  // The next chunk of a chunked body into `*chunk`; kEnd at the last (empty) chunk.
  Read NextChunk(std::string* chunk, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::size_t line_end;
    while ((line_end = in_.find("\r\n")) == std::string::npos) {
      if (!Fill(deadline)) return failure_;
    }
    const std::size_t size = std::strtoul(in_.c_str(), nullptr, 16);
    while (in_.size() < line_end + 2 + size + 2) {
      if (!Fill(deadline)) return failure_;
    }
    *chunk = in_.substr(line_end + 2, size);
    in_.erase(0, line_end + 2 + size + 2);
    return size == 0 ? Read::kEnd : Read::kChunk;
  }

  // Every byte until the server closes (an HTTP/1.0 body); false on the timeout.
  bool ReadToClose(std::string* body,
                   std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (Fill(deadline)) {
    }
    *body = std::exchange(in_, {});
    return failure_ == Read::kClosed;
  }

  // The next Server-Sent Event of a chunked body; nullopt at the body's end, a close or the
  // timeout (then last_read() tells which).
  std::optional<SseEvent> NextEvent(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::size_t end;
    while ((end = events_.find("\n\n")) == std::string::npos) {
      std::string chunk;
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      last_read_ = NextChunk(&chunk, std::max(left, std::chrono::milliseconds(0)));
      if (last_read_ != Read::kChunk) return std::nullopt;
      events_ += chunk;
    }
    SseEvent event;
    event.arrived = std::chrono::steady_clock::now();
    std::string_view text(events_.data(), end + 1);
    while (!text.empty()) {
      const std::size_t nl = text.find('\n');
      std::string_view line = text.substr(0, nl);
      text.remove_prefix(nl + 1);
      if (line.starts_with("event: ")) event.name = line.substr(7);
      if (line.starts_with("data: ")) {
        if (!event.data.empty()) event.data += '\n';
        event.data += line.substr(6);
      }
    }
    events_.erase(0, end + 2);
    return event;
  }
  Read last_read() const { return last_read_; }

  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  // Reads what arrives before `deadline` into in_; false on a close, an error or the timeout.
  bool Fill(std::chrono::steady_clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd p{fd_, POLLIN, 0};
    if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) {
      failure_ = Read::kTimeout;
      return false;
    }
    char buffer[64 * 1024];
    const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n <= 0) {
      failure_ = Read::kClosed;
      return false;
    }
    in_.append(buffer, static_cast<std::size_t>(n));
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  std::string in_;      // received, not yet consumed
  std::string events_;  // body text not yet split into events
  std::string head_;
  int status_ = 0;
  Read failure_ = Read::kTimeout;
  Read last_read_ = Read::kChunk;
};

}  // namespace fareflow::testing_support

#endif  // FAREFLOW_TESTS_SUPPORT_STREAM_TEST_CLIENT_H_
