#include "lambda/stream_post.h"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>

namespace fareflow::lambda {
namespace {

using Clock = std::chrono::steady_clock;

// Milliseconds left before `deadline`, for poll(2); 0 once it has passed.
int MillisLeft(Clock::time_point deadline) {
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
  if (left <= 0) return 0;
  return left > 60'000 ? 60'000 : static_cast<int>(left);  // re-checked by the caller's loop
}

// Waits until `fd` is ready for `events` or `deadline` passes.
Result<void> WaitFor(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    pollfd p{.fd = fd, .events = events, .revents = 0};
    const int n = ::poll(&p, 1, MillisLeft(deadline));
    if (n > 0) return {};
    if (n < 0 && errno != EINTR) return MakeError(ErrorCode::kIo, std::strerror(errno));
    if (n == 0 && Clock::now() >= deadline) {
      return MakeError(ErrorCode::kTimeout, "the Runtime API did not take the answer in time");
    }
  }
}

// A connected non-blocking socket to one of `host`'s addresses.
Result<int> Connect(const std::string& host, const std::string& port, Clock::time_point deadline) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (const int rc = ::getaddrinfo(host.c_str(), port.c_str(), &hints, &found); rc != 0) {
    return MakeError(ErrorCode::kUnavailable, "cannot resolve " + host + ": " + ::gai_strerror(rc));
  }
  Error last = {ErrorCode::kUnavailable, "no address for " + host};
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) continue;
    if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0 || errno == EINPROGRESS) {
      int error = 0;
      socklen_t size = sizeof(error);
      if (Result<void> ready = WaitFor(fd, POLLOUT, deadline);
          ready && ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size) == 0 && error == 0) {
        ::freeaddrinfo(found);
        return fd;
      } else if (!ready) {
        last = ready.error();
      } else {
        last = {ErrorCode::kUnavailable, std::string("connect: ") + std::strerror(error)};
      }
    }
    ::close(fd);
  }
  ::freeaddrinfo(found);
  return tl::unexpected(last);
}

}  // namespace

Result<StreamPost> StreamPost::Open(std::string_view endpoint, std::string_view path,
                                    const Fields& headers, Clock::time_point deadline) {
  const std::size_t colon = endpoint.rfind(':');
  if (colon == std::string_view::npos || colon == 0) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "the Runtime API endpoint is not host:port: " + std::string(endpoint));
  }
  const std::string host(endpoint.substr(0, colon));
  Result<int> fd = Connect(host, std::string(endpoint.substr(colon + 1)), deadline);
  if (!fd) return tl::unexpected(fd.error());
  StreamPost post(*fd);
  std::string head = "POST " + std::string(path) + " HTTP/1.1\r\nHost: " + std::string(endpoint) +
                     "\r\nUser-Agent: fareflow-lambda\r\nTransfer-Encoding: chunked\r\n";
  for (const auto& [name, value] : headers) head += name + ": " + value + "\r\n";
  head += "\r\n";
  if (Result<void> sent = post.SendAll(head, deadline); !sent) return tl::unexpected(sent.error());
  return post;
}

StreamPost::StreamPost(StreamPost&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

StreamPost& StreamPost::operator=(StreamPost&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

StreamPost::~StreamPost() {
  if (fd_ >= 0) ::close(fd_);
}

Result<void> StreamPost::SendAll(std::string_view bytes, Clock::time_point deadline) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n > 0) {
      bytes.remove_prefix(static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      if (Result<void> ready = WaitFor(fd_, POLLOUT, deadline); !ready) return ready;
      continue;
    }
    return MakeError(ErrorCode::kIo, std::string("send: ") + std::strerror(errno));
  }
  return {};
}

Result<void> StreamPost::Write(std::string_view bytes, Clock::time_point deadline) {
  if (bytes.empty()) return {};
  char size[20];
  const int length = std::snprintf(size, sizeof(size), "%zx\r\n", bytes.size());
  std::string chunk;
  chunk.reserve(static_cast<std::size_t>(length) + bytes.size() + 2);
  chunk.append(size, static_cast<std::size_t>(length));
  chunk.append(bytes);
  chunk += "\r\n";
  return SendAll(chunk, deadline);
}

Result<int> StreamPost::Finish(const Fields& trailers, Clock::time_point deadline) {
  std::string last = "0\r\n";
  for (const auto& [name, value] : trailers) last += name + ": " + value + "\r\n";
  last += "\r\n";
  if (Result<void> sent = SendAll(last, deadline); !sent) return tl::unexpected(sent.error());
  // The status line is all the answer says that matters ("HTTP/1.1 202 Accepted").
  std::string answer;
  while (answer.find("\r\n") == std::string::npos) {
    if (Result<void> ready = WaitFor(fd_, POLLIN, deadline); !ready) {
      return tl::unexpected(ready.error());
    }
    char buffer[512];
    const ssize_t n = ::recv(fd_, buffer, sizeof(buffer), 0);
    if (n == 0) return MakeError(ErrorCode::kIo, "the Runtime API closed without an answer");
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;
      return MakeError(ErrorCode::kIo, std::string("recv: ") + std::strerror(errno));
    }
    answer.append(buffer, static_cast<std::size_t>(n));
    if (answer.size() > 8192) break;
  }
  const std::size_t space = answer.find(' ');
  int status = 0;
  if (!answer.starts_with("HTTP/1.") || space == std::string::npos ||
      std::from_chars(answer.data() + space + 1, answer.data() + answer.size(), status).ec !=
          std::errc{}) {
    return MakeError(ErrorCode::kMalformed, "the Runtime API's answer has no status line");
  }
  return status;
}

}  // namespace fareflow::lambda
