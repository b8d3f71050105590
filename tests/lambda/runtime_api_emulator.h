#ifndef FAREFLOW_TESTS_LAMBDA_RUNTIME_API_EMULATOR_H_
#define FAREFLOW_TESTS_LAMBDA_RUNTIME_API_EMULATOR_H_

// The AWS Lambda Runtime API (2018-06-01) as AWS documents it, on a loopback socket, for driving
// the real `fareflow lambda` process: GET .../invocation/next hands out queued events with the
// Lambda-Runtime-* headers and waits while there are none; the response, error and init/error
// posts are recorded in the order they complete, with every GET .../next. A streamed response
// (Lambda-Runtime-Function-Response-Mode: streaming, chunked) is recorded chunk by chunk with
// the time each arrived, and its trailers. Any other path hangs: a supplier that never answers.
//
// A plain socket server, one thread per connection, rather than net::HttpServer: that one hands
// over a request only once its body is whole, and the chunks and their times are what a streamed
// response is tested on.

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <fstream>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "net/wire_exchange.h"

namespace fareflow::testing_support {

class RuntimeApiEmulator {
 public:
  using Clock = std::chrono::steady_clock;
  using Fields = std::vector<std::pair<std::string, std::string>>;

  // One chunk of a streamed response and when it arrived.
  struct Part {
    std::string bytes;
    Clock::time_point at;
  };

  // A call the runtime made. kind: "next", "response", "error" or "init_error".
  struct Call {
    std::string kind;
    std::string request_id;
    std::string body;               // whole; a streamed response's chunks joined
    std::string error_type;         // Lambda-Runtime-Function-Error-Type
    std::string content_type;       // Content-Type
    std::string response_mode;      // Lambda-Runtime-Function-Response-Mode
    bool chunked = false;           // sent with Transfer-Encoding: chunked
    std::vector<Part> parts;        // the chunks of a chunked body
    Fields trailers;                // of a chunked body
    std::size_t watched_lines = 0;  // lines of the watched file when the call completed
    Clock::time_point began;        // when its head arrived
    Clock::time_point at;           // when it completed

    // The first trailer named `name` (compared without case), or empty.
    std::string Trailer(std::string_view name) const {
      for (const auto& [n, v] : trailers) {
        if (net::EqualsIgnoreCase(n, name)) return v;
      }
      return {};
    }
  };

  // `watched_file` (optional): its line count is recorded with each call.
  explicit RuntimeApiEmulator(std::string watched_file = {})
      : watched_file_(std::move(watched_file)) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof(address);
    if (listen_fd_ < 0 ||
        ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
        ::listen(listen_fd_, 64) != 0 ||
        ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
      return;
    }
    port_ = ntohs(address.sin_port);
    accept_thread_ = std::thread([this] { Accept(); });
  }
  RuntimeApiEmulator(const RuntimeApiEmulator&) = delete;
  RuntimeApiEmulator& operator=(const RuntimeApiEmulator&) = delete;
  ~RuntimeApiEmulator() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
      // Waiting GET .../next and hanging calls see their connections close.
      for (const int fd : connections_) ::shutdown(fd, SHUT_RDWR);
    }
    cv_.notify_all();
    if (listen_fd_ >= 0) ::shutdown(listen_fd_, SHUT_RDWR);
    if (accept_thread_.joinable()) accept_thread_.join();
    for (std::thread& t : threads_) t.join();
    if (listen_fd_ >= 0) ::close(listen_fd_);
  }

  bool started() const { return port_ != 0; }
  // AWS_LAMBDA_RUNTIME_API for the runtime.
  std::string endpoint() const { return "127.0.0.1:" + std::to_string(port_); }
  std::string base_url() const { return "http://" + endpoint(); }

  // Queues an event; `deadline` is when the invocation times out.
  void Queue(std::string request_id, std::string event,
             std::chrono::system_clock::time_point deadline = std::chrono::system_clock::now() +
                                                              std::chrono::seconds(30)) {
    {
      std::lock_guard lock(mu_);
      events_.push_back({std::move(request_id), std::move(event), deadline});
    }
    cv_.notify_all();
  }

  // Waits for the response or error post of `request_id` ("" for init/error).
  std::optional<Call> WaitForPost(const std::string& request_id,
                                  std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    std::unique_lock lock(mu_);
    std::optional<Call> found;
    cv_.wait_for(lock, timeout, [&] {
      for (const Call& c : calls_) {
        if (c.kind != "next" && c.request_id == request_id) {
          found = c;
          return true;
        }
      }
      return false;
    });
    return found;
  }

  // Waits until `n` GET .../next have arrived.
  bool WaitForNext(std::size_t n, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return Count("next") >= n; });
  }

  std::vector<Call> calls() const {
    std::lock_guard lock(mu_);
    return calls_;
  }

 private:
  static constexpr std::string_view kPrefix = "/2018-06-01/runtime/";

  struct Event {
    std::string request_id;
    std::string payload;
    std::chrono::system_clock::time_point deadline;
  };

  // A request as read off a connection.
  struct Request {
    std::string method;
    std::string path;
    Fields headers;
    Call call;  // body, chunks, trailers and times

    std::string Header(std::string_view name) const {
      for (const auto& [n, v] : headers) {
        if (net::EqualsIgnoreCase(n, name)) return v;
      }
      return {};
    }
  };

  // Buffered reads from one connection; false once it closed or failed.
  class Reader {
   public:
    explicit Reader(int fd) : fd_(fd) {}
    bool Line(std::string& line) {
      for (;;) {
        const std::size_t end = buffer_.find("\r\n");
        if (end != std::string::npos) {
          line = buffer_.substr(0, end);
          buffer_.erase(0, end + 2);
          return true;
        }
        if (!Fill()) return false;
      }
    }
    bool Bytes(std::size_t n, std::string& out) {
      while (buffer_.size() < n) {
        if (!Fill()) return false;
      }
      out = buffer_.substr(0, n);
      buffer_.erase(0, n);
      return true;
    }

   private:
    bool Fill() {
      char chunk[16384];
      const ssize_t n = ::recv(fd_, chunk, sizeof(chunk), 0);
      if (n <= 0) return false;
      buffer_.append(chunk, static_cast<std::size_t>(n));
      return true;
    }
    int fd_;
    std::string buffer_;
  };

  static bool ReadFields(Reader& in, Fields& fields) {
    for (std::string line; in.Line(line);) {
      if (line.empty()) return true;
      const std::size_t colon = line.find(':');
      if (colon == std::string::npos) return false;
      std::size_t value = colon + 1;
      while (value < line.size() && line[value] == ' ') ++value;
      fields.emplace_back(line.substr(0, colon), line.substr(value));
    }
    return false;
  }

  static bool ReadRequest(Reader& in, Request& r) {
    std::string line;
    if (!in.Line(line)) return false;
    r.call.began = Clock::now();
    const std::size_t space = line.find(' ');
    const std::size_t space2 = line.find(' ', space + 1);
    if (space == std::string::npos || space2 == std::string::npos) return false;
    r.method = line.substr(0, space);
    r.path = line.substr(space + 1, space2 - space - 1);
    if (!ReadFields(in, r.headers)) return false;
    r.call.content_type = r.Header("Content-Type");
    r.call.response_mode = r.Header("Lambda-Runtime-Function-Response-Mode");
    r.call.error_type = r.Header("Lambda-Runtime-Function-Error-Type");
    r.call.chunked = net::EqualsIgnoreCase(r.Header("Transfer-Encoding"), "chunked");
    if (!r.call.chunked) {
      const std::string length = r.Header("Content-Length");
      return length.empty() || in.Bytes(std::stoul(length), r.call.body);
    }
    for (;;) {
      if (!in.Line(line)) return false;
      const std::size_t size = std::stoul(line.substr(0, line.find(';')), nullptr, 16);
      if (size == 0) return ReadFields(in, r.call.trailers);
      Part part;
      if (!in.Bytes(size, part.bytes) || !in.Line(line) || !line.empty()) return false;
      part.at = Clock::now();
      r.call.body += part.bytes;
      r.call.parts.push_back(std::move(part));
    }
  }

  static bool Send(int fd, int status, const Fields& headers, const std::string& body) {
    std::string out = "HTTP/1.1 " + std::to_string(status) +
                      " X\r\nContent-Length: " + std::to_string(body.size()) +
                      "\r\nContent-Type: application/json\r\n";
    for (const auto& [n, v] : headers) out += n + ": " + v + "\r\n";
    out += "\r\n" + body;
    return ::send(fd, out.data(), out.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(out.size());
  }

  std::size_t Count(const std::string& kind) const {
    std::size_t n = 0;
    for (const Call& c : calls_) n += c.kind == kind ? 1 : 0;
    return n;
  }

  std::size_t WatchedLines() const {
    if (watched_file_.empty()) return 0;
    std::ifstream in(watched_file_);
    std::size_t n = 0;
    for (std::string line; std::getline(in, line);) ++n;
    return n;
  }

  void Record(Call call) {
    call.watched_lines = WatchedLines();
    call.at = Clock::now();
    {
      std::lock_guard lock(mu_);
      calls_.push_back(std::move(call));
    }
    cv_.notify_all();
  }

  void Accept() {
    for (;;) {
      const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) return;  // shut down
      std::lock_guard lock(mu_);
      if (stopping_) {
        ::close(fd);
        return;
      }
      connections_.push_back(fd);
      threads_.emplace_back([this, fd] { Serve(fd); });
    }
  }

  void Serve(int fd) {
    Reader in(fd);
    try {
      for (Request r; ReadRequest(in, r) && Answer(fd, r); r = Request{}) {
      }
    } catch (const std::exception&) {  // a chunk size or Content-Length that is not a number
    }
    std::lock_guard lock(mu_);
    std::erase(connections_, fd);
    ::close(fd);
  }

  // Answers one request; false to close the connection.
  bool Answer(int fd, Request& r) {
    std::string_view path = r.path;
    if (path.substr(0, kPrefix.size()) != kPrefix) {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_; });  // hangs
      return false;
    }
    path.remove_prefix(kPrefix.size());
    if (r.method == "GET" && path == "invocation/next") {
      Record({.kind = "next"});
      Event event;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [this] { return stopping_ || !events_.empty(); });
        if (stopping_) return false;
        event = std::move(events_.front());
        events_.pop_front();
      }
      const auto deadline_ms =
          std::chrono::duration_cast<std::chrono::milliseconds>(event.deadline.time_since_epoch())
              .count();
      return Send(
          fd, 200,
          {{"Lambda-Runtime-Aws-Request-Id", event.request_id},
           {"Lambda-Runtime-Deadline-Ms", std::to_string(deadline_ms)},
           {"Lambda-Runtime-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"},
           {"Lambda-Runtime-Invoked-Function-Arn",
            "arn:aws:lambda:eu-west-1:123456789012:function:fareflow"}},
          event.payload);
    }
    Call call = std::move(r.call);
    if (r.method == "POST" && path == "init/error") {
      call.kind = "init_error";
    } else if (r.method == "POST" && path.starts_with("invocation/")) {
      path.remove_prefix(std::string_view("invocation/").size());
      const std::size_t slash = path.find('/');
      call.request_id = std::string(path.substr(0, slash));
      call.kind = slash == std::string_view::npos ? "" : std::string(path.substr(slash + 1));
    }
    if (call.kind != "response" && call.kind != "error" && call.kind != "init_error") {
      return Send(fd, 404, {}, R"({"errorMessage":"unknown path"})");
    }
    Record(std::move(call));
    return Send(fd, 202, {}, R"({"status":"OK"})");
  }

  const std::string watched_file_;
  int listen_fd_ = -1;
  uint16_t port_ = 0;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::deque<Event> events_;
  std::vector<Call> calls_;
  std::vector<int> connections_;
  std::thread accept_thread_;
  std::vector<std::thread> threads_;  // one per connection, joined at the end
};

}  // namespace fareflow::testing_support

#endif  // FAREFLOW_TESTS_LAMBDA_RUNTIME_API_EMULATOR_H_
