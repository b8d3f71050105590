#ifndef FAREFLOW_TESTS_LAMBDA_RUNTIME_API_EMULATOR_H_
#define FAREFLOW_TESTS_LAMBDA_RUNTIME_API_EMULATOR_H_

// The AWS Lambda Runtime API (2018-06-01) as AWS documents it, on a loopback net::HttpServer, for
// driving the real `fareflow lambda` process: GET .../invocation/next hands out queued events
// with the Lambda-Runtime-* headers and waits while there are none; the response, error and
// init/error posts are recorded in the order they arrive, with every GET .../next. Any other
// path hangs: a supplier that never answers.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "net/http_server.h"

namespace fareflow::testing_support {

class RuntimeApiEmulator {
 public:
  // A call the runtime made. kind: "next", "response", "error" or "init_error".
  struct Call {
    std::string kind;
    std::string request_id;
    std::string body;
    std::string error_type;         // Lambda-Runtime-Function-Error-Type
    std::size_t watched_lines = 0;  // lines of the watched file when the call arrived
    std::chrono::steady_clock::time_point at;
  };

  // `watched_file` (optional): its line count is recorded with each call.
  explicit RuntimeApiEmulator(std::string watched_file = {})
      : watched_file_(std::move(watched_file)),
        server_({.port = 0}, net::FaultHandler{[this](std::shared_ptr<net::FaultExchange> e) {
                  Handle(std::move(e));
                }}) {
    started_ = server_.Start().has_value();
  }
  RuntimeApiEmulator(const RuntimeApiEmulator&) = delete;
  RuntimeApiEmulator& operator=(const RuntimeApiEmulator&) = delete;
  ~RuntimeApiEmulator() {
    {
      std::lock_guard lock(mu_);
      waiting_.clear();  // dropped unanswered: their connections close
    }
    server_.Stop(std::chrono::milliseconds(0));
  }

  bool started() const { return started_; }
  // AWS_LAMBDA_RUNTIME_API for the runtime.
  std::string endpoint() const { return "127.0.0.1:" + std::to_string(server_.port()); }
  std::string base_url() const { return "http://" + endpoint(); }

  // Queues an event; `deadline` is when the invocation times out.
  void Queue(std::string request_id, std::string event,
             std::chrono::system_clock::time_point deadline = std::chrono::system_clock::now() +
                                                              std::chrono::seconds(30)) {
    net::WireResponse response;
    response.body = std::move(event);
    response.headers = {
        {"Lambda-Runtime-Aws-Request-Id", request_id},
        {"Lambda-Runtime-Deadline-Ms",
         std::to_string(
             std::chrono::duration_cast<std::chrono::milliseconds>(deadline.time_since_epoch())
                 .count())},
        {"Lambda-Runtime-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"},
        {"Lambda-Runtime-Invoked-Function-Arn",
         "arn:aws:lambda:eu-west-1:123456789012:function:fareflow"}};
    std::shared_ptr<net::Exchange> waiting;
    {
      std::lock_guard lock(mu_);
      if (waiting_.empty()) {
        events_.push_back(std::move(response));
        return;
      }
      waiting = std::move(waiting_.front());
      waiting_.pop_front();
    }
    waiting->Respond(std::move(response));
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
    call.at = std::chrono::steady_clock::now();
    {
      std::lock_guard lock(mu_);
      calls_.push_back(std::move(call));
    }
    cv_.notify_all();
  }

  void Handle(std::shared_ptr<net::FaultExchange> exchange) {
    const net::WireRequest& request = exchange->request();
    std::string_view path = request.path;
    if (path.substr(0, kPrefix.size()) != kPrefix) return exchange->Hang();
    path.remove_prefix(kPrefix.size());
    if (request.method == "GET" && path == "invocation/next") {
      Record({.kind = "next"});
      std::lock_guard lock(mu_);
      if (events_.empty()) {
        waiting_.push_back(std::move(exchange));
        return;
      }
      net::WireResponse event = std::move(events_.front());
      events_.pop_front();
      exchange->Respond(std::move(event));
      return;
    }
    Call call{.body = std::string(request.body),
              .error_type = std::string(request.Header("Lambda-Runtime-Function-Error-Type"))};
    if (request.method == "POST" && path == "init/error") {
      call.kind = "init_error";
    } else if (request.method == "POST" && path.starts_with("invocation/")) {
      path.remove_prefix(std::string_view("invocation/").size());
      const std::size_t slash = path.find('/');
      call.request_id = std::string(path.substr(0, slash));
      call.kind = slash == std::string_view::npos ? "" : std::string(path.substr(slash + 1));
    }
    if (call.kind != "response" && call.kind != "error" && call.kind != "init_error") {
      return exchange->Respond({.status = 404, .body = R"({"errorMessage":"unknown path"})"});
    }
    Record(std::move(call));
    exchange->Respond({.status = 202, .body = R"({"status":"OK"})"});
  }

  const std::string watched_file_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<net::WireResponse> events_;
  std::deque<std::shared_ptr<net::Exchange>> waiting_;  // GET .../next with no event yet
  std::vector<Call> calls_;
  net::HttpServer server_;  // last: stops before what its handler uses
  bool started_ = false;
};

}  // namespace fareflow::testing_support

#endif  // FAREFLOW_TESTS_LAMBDA_RUNTIME_API_EMULATOR_H_
