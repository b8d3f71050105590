#include "net/listener.h"

#include <string>
#include <utility>

#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>

#include "net/connection.h"

namespace fareflow::net {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

constexpr std::chrono::milliseconds kAcceptRetry{50};

}  // namespace

Result<std::shared_ptr<Listener>> Listener::Open(asio::io_context& io,
                                                 std::shared_ptr<ServerState> state) {
  const HttpServerOptions& options = state->options();
  std::string where = options.host + ":" + std::to_string(options.port);
  boost::system::error_code ec;
  tcp::resolver resolver(io);
  auto endpoints = resolver.resolve(options.host, std::to_string(options.port),
                                    tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || endpoints.empty()) {
    return MakeError(ErrorCode::kIo, "cannot resolve " + where + ": " + ec.message());
  }
  auto listener = std::make_shared<Listener>(io, std::move(state));
  tcp::acceptor& acceptor = listener->acceptor_;
  tcp::endpoint endpoint = endpoints.begin()->endpoint();
  if (acceptor.open(endpoint.protocol(), ec) ||
      acceptor.set_option(asio::socket_base::reuse_address(true), ec) ||
      acceptor.bind(endpoint, ec) ||
      acceptor.listen(asio::socket_base::max_listen_connections, ec)) {
    return MakeError(ErrorCode::kIo, "cannot listen on " + where + ": " + ec.message());
  }
  listener->port_ = acceptor.local_endpoint(ec).port();
  if (ec) return MakeError(ErrorCode::kIo, "cannot listen on " + where + ": " + ec.message());
  return listener;
}

Listener::Listener(asio::io_context& io, std::shared_ptr<ServerState> state)
    : io_(io),
      state_(std::move(state)),
      acceptor_(asio::make_strand(io)),
      retry_timer_(acceptor_.get_executor()) {}

void Listener::Start() {
  asio::post(acceptor_.get_executor(), [self = shared_from_this()] { self->Accept(); });
}

void Listener::Close() {
  asio::post(acceptor_.get_executor(), [self = shared_from_this()] { self->CloseNow(); });
}

void Listener::CloseNow() {
  if (closed_) return;
  closed_ = true;
  retry_timer_.cancel();
  boost::system::error_code ignored;
  acceptor_.close(ignored);
}

void Listener::Accept() {
  if (closed_) return;
  // Each connection gets its own strand, so that its handlers never run concurrently.
  acceptor_.async_accept(
      asio::make_strand(io_),
      [self = shared_from_this()](boost::beast::error_code ec, tcp::socket socket) {
        self->OnAccept(ec, std::move(socket));
      });
}

void Listener::OnAccept(boost::beast::error_code ec, tcp::socket socket) {
  if (closed_) return;
  if (ec) {
    retry_timer_.expires_after(kAcceptRetry);
    retry_timer_.async_wait([self = shared_from_this()](boost::beast::error_code wait_ec) {
      if (!wait_ec) self->Accept();
    });
    return;
  }
  auto connection = std::make_shared<Connection>(std::move(socket), state_);
  std::shared_ptr<Connection> shed;
  switch (state_->Admit(connection, &shed)) {
    case ServerState::Admission::kAdmitted:
      if (shed) shed->Shed();
      connection->Start();
      break;
    case ServerState::Admission::kRefused:
      connection->Refuse();
      break;
    case ServerState::Admission::kStopping:
      break;  // the socket closes with `connection`
  }
  Accept();
}

}  // namespace fareflow::net
