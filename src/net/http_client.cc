#include "net/http_client.h"

#include <future>
#include <optional>
#include <thread>
#include <utility>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include "net/client_exchange.h"
#include "net/client_state.h"
#include "net/wire_exchange.h"

namespace fareflow::net {
namespace asio = boost::asio;

// Owns the io_context and its one thread. Destruction: (1) on the io thread, the state stops:
// exchanges in flight end with "client stopped", idle connections close; (2) the work guard goes,
// so the io thread returns once the aborted operations' handlers have run; (3) the thread joins,
// and only then are the state and the io_context destroyed.
class HttpClient::Impl {
 public:
  explicit Impl(HttpClientOptions options)
      : io_(1),
        state_(std::make_shared<ClientState>(io_, std::move(options))),
        work_(asio::make_work_guard(io_)),
        thread_([this] { io_.run(); }) {}

  ~Impl() {
    asio::post(io_, [state = state_] { state->Stop(); });
    work_.reset();
    thread_.join();
  }

  void Send(ClientRequest request, ClientCallback done) {
    asio::post(io_,
               [state = state_, request = std::move(request), done = std::move(done)]() mutable {
                 auto exchange = std::make_shared<ClientExchange>(
                     std::move(state), std::move(request), std::move(done));
                 exchange->Start();
               });
  }

  void PrepareTls() {
    asio::post(io_, [state = state_] { (void)state->tls(); });
  }

  uint64_t connections_opened() const { return state_->connections_opened(); }
  bool OnIoThread() const { return std::this_thread::get_id() == thread_.get_id(); }

 private:
  asio::io_context io_;
  std::shared_ptr<ClientState> state_;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work_;
  std::thread thread_;  // last: starts once everything it uses exists
};

HttpClient::HttpClient(HttpClientOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}

HttpClient::~HttpClient() = default;

void HttpClient::Send(ClientRequest request, ClientCallback done) {
  impl_->Send(std::move(request), std::move(done));
}

Result<ClientResponse> HttpClient::Fetch(ClientRequest request) {
  if (impl_->OnIoThread()) {
    // The answer could only arrive on the thread that would be waiting for it.
    return MakeError(ErrorCode::kInternal, "Fetch called from an HttpClient callback");
  }
  std::promise<Result<ClientResponse>> outcome;
  std::future<Result<ClientResponse>> waiting = outcome.get_future();
  Send(std::move(request),
       [&outcome](Result<ClientResponse> result) { outcome.set_value(std::move(result)); });
  return waiting.get();
}

void HttpClient::PrepareTls() { impl_->PrepareTls(); }

uint64_t HttpClient::connections_opened() const { return impl_->connections_opened(); }

std::string_view ClientResponse::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

}  // namespace fareflow::net
