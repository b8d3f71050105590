#include "net/http_server.h"

#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "net/connection.h"
#include "net/listener.h"
#include "net/server_state.h"

namespace fareflow::net {
namespace asio = boost::asio;

namespace {

// After the io threads stop, the aborted handlers left in the queue run on the stopping thread
// for at most this long, so that connections are released by Stop() rather than by ~HttpServer.
constexpr std::chrono::milliseconds kReapTime{500};

}  // namespace

// Owns the io_context and its threads. Stop phases: (1) no new connections or exchanges, idle
// connections closed; (2) wait up to the drain time for in-flight exchanges; (3) exchanges become
// no-ops, the io threads stop, the remaining sockets close on the stopping thread.
class HttpServer::Impl {
 public:
  Impl(HttpServerOptions options, FaultHandler handler)
      : state_(std::make_shared<ServerState>(std::move(options), std::move(handler))),
        io_(static_cast<int>(std::max(1u, state_->options().threads))) {}

  ~Impl() { Stop(std::chrono::milliseconds(5'000)); }

  Result<void> Start() {
    std::lock_guard<std::mutex> lock(mu_);
    if (phase_ != Phase::kNew) {
      return MakeError(ErrorCode::kInvalidArgument, "the server was already started");
    }
    Result<std::shared_ptr<Listener>> listener = Listener::Open(io_, state_);
    if (!listener) return tl::unexpected<Error>(listener.error());
    listener_ = std::move(*listener);
    listener_->Start();
    work_.emplace(asio::make_work_guard(io_));
    unsigned threads = std::max(1u, state_->options().threads);
    for (unsigned i = 0; i < threads; ++i) {
      threads_.emplace_back([this] { RunIo(); });
    }
    phase_ = Phase::kRunning;
    return {};
  }

  uint16_t port() const {
    std::lock_guard<std::mutex> lock(mu_);
    return listener_ ? listener_->port() : 0;
  }

  const ServerState& state() const { return *state_; }

  void Stop(std::chrono::milliseconds drain) {
    std::lock_guard<std::mutex> stop_lock(stop_mu_);  // a second Stop() waits for the first
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (phase_ != Phase::kRunning) {
        phase_ = Phase::kStopped;
        changed_.notify_all();
        return;
      }
    }
    auto deadline = std::chrono::steady_clock::now() + drain;
    state_->BeginStopping();
    listener_->Close();
    for (const auto& connection : state_->Connections()) connection->Shutdown();
    state_->WaitUntilIdle(deadline);

    state_->MarkStopped();
    work_.reset();
    io_.stop();
    for (std::thread& thread : threads_) thread.join();
    threads_.clear();
    // No io thread runs now: closing from this thread cannot race with the strands.
    for (const auto& connection : state_->Connections()) connection->CloseNow();
    listener_->CloseNow();
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (signals_) {
        boost::system::error_code ignored;
        signals_->cancel(ignored);
      }
    }
    io_.restart();
    io_.run_for(kReapTime);
    {
      std::lock_guard<std::mutex> lock(mu_);
      signals_.reset();
      phase_ = Phase::kStopped;
      changed_.notify_all();
    }
  }

  void WaitForSignal() {
    {
      std::unique_lock<std::mutex> lock(mu_);
      if (phase_ != Phase::kRunning) return;
      if (!signals_) {
        signals_.emplace(io_, SIGINT, SIGTERM);
        signals_->async_wait([this](const boost::system::error_code& ec, int) {
          if (ec) return;
          std::lock_guard<std::mutex> inner(mu_);
          signalled_ = true;
          changed_.notify_all();
        });
      }
      changed_.wait(lock, [this] { return signalled_ || phase_ != Phase::kRunning; });
    }
    Stop(std::chrono::milliseconds(5'000));
  }

 private:
  enum class Phase { kNew, kRunning, kStopped };

  void RunIo() {
    // Handlers catch their own exceptions; this keeps a thread alive should one escape anyway.
    for (;;) {
      try {
        io_.run();
        return;
      } catch (...) {
      }
    }
  }

  const std::shared_ptr<ServerState> state_;
  asio::io_context io_;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
  std::shared_ptr<Listener> listener_;
  std::vector<std::thread> threads_;

  std::mutex stop_mu_;
  mutable std::mutex mu_;  // phase_, listener_, signals_, signalled_
  std::condition_variable changed_;
  Phase phase_ = Phase::kNew;
  std::optional<asio::signal_set> signals_;
  bool signalled_ = false;
};

HttpServer::HttpServer(HttpServerOptions options, Handler handler)
    : HttpServer(std::move(options),
                 FaultHandler{[handler = std::move(handler)](std::shared_ptr<FaultExchange> e) {
                   handler(std::move(e));
                 }}) {}

HttpServer::HttpServer(HttpServerOptions options, FaultHandler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

HttpServer::~HttpServer() = default;

Result<void> HttpServer::Start() { return impl_->Start(); }

uint16_t HttpServer::port() const { return impl_->port(); }

std::size_t HttpServer::max_connections() const { return impl_->state().max_connections(); }

std::shared_ptr<const ConnectionCounters> HttpServer::connection_counters() const {
  return impl_->state().counters();
}

void HttpServer::Stop(std::chrono::milliseconds drain) { impl_->Stop(drain); }

void HttpServer::WaitForSignal() { impl_->WaitForSignal(); }

}  // namespace fareflow::net
