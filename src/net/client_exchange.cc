#include "net/client_exchange.h"

#include <string>
#include <utility>

#include <boost/asio/connect.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/http/error.hpp>

#include "net/client_message.h"
#include "net/http_message.h"
#include "net/proxy_tunnel.h"
#include "net/tls_client_context.h"

namespace fareflow::net {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr std::chrono::seconds kDefaultTimeout{30};
// Also keeps Beast from throwing: it stores a field's name and value lengths in 16 bits and
// throws std::length_error past that, from inside the read. A single field over 65533 bytes
// cannot fit in a header block of this size, which the parser checks before it stores fields.
constexpr std::uint32_t kHeaderLimit = 64 * 1024;

// What a failed read of the answer means for the caller; `body` is what the read got of it.
Error ReadError(const beast::error_code& ec, const ClientBody::value_type& body) {
  if (!body.gzip_error.empty()) {
    return Error{ErrorCode::kMalformed, "bad gzip answer: " + body.gzip_error};
  }
  if (ec == http::error::body_limit) {
    return Error{ErrorCode::kMalformed, body.over && body.gzip
                                            ? "body too large: the gzip answer decodes to over " +
                                                  std::to_string(body.limit) + " bytes"
                                            : "body too large: the answer is over " +
                                                  std::to_string(body.limit) + " bytes"};
  }
  if (ec == http::error::header_limit) {
    return Error{ErrorCode::kMalformed, "the answer's headers are over 64 KiB"};
  }
  if (ec == http::error::end_of_stream) {
    return Error{ErrorCode::kIo, "the connection closed before the answer"};
  }
  if (ec == http::error::partial_message || ec == asio::ssl::error::stream_truncated) {
    return Error{ErrorCode::kIo, "truncated answer: " + ec.message()};
  }
  if (IsHttpParseError(ec)) return Error{ErrorCode::kMalformed, "bad answer: " + ec.message()};
  return Error{ErrorCode::kIo, "reading the answer failed: " + ec.message()};
}

}  // namespace

ClientExchange::ClientExchange(std::shared_ptr<ClientState> state, ClientRequest request,
                               ClientCallback done)
    : state_(std::move(state)),
      request_(std::move(request)),
      done_(std::move(done)),
      deadline_timer_(state_->io()),
      resolver_(state_->io()) {}

void ClientExchange::Start() {
  if (state_->stopping()) {
    return Complete(MakeError(ErrorCode::kUnavailable, "client stopped"));
  }
  Result<Url> url = ParseUrl(request_.url);
  if (!url) return Complete(tl::unexpected<Error>(std::move(url.error())));
  url_ = std::move(*url);
  if (!state_->proxy()) return Complete(tl::unexpected<Error>(state_->proxy().error()));
  proxy_ = state_->proxy()->For(url_);
  pool_key_ = proxy_ ? url_.Origin() + " via " + proxy_->display : url_.Origin();
  Result<ClientWireRequest> wire = BuildWireRequest(request_, url_, state_->options().user_agent);
  if (!wire) return Complete(tl::unexpected<Error>(std::move(wire.error())));
  if (proxy_ && url_.scheme == "http") ForwardThroughProxy(*wire, url_, *proxy_);
  wire_request_.emplace(std::move(*wire));

  state_->Register(shared_from_this());
  if (request_.deadline == std::chrono::steady_clock::time_point{}) {
    deadline_timer_.expires_after(kDefaultTimeout);
  } else {
    deadline_timer_.expires_at(request_.deadline);
  }
  deadline_timer_.async_wait(
      [self = shared_from_this()](beast::error_code ec) { self->OnDeadline(ec); });

  connection_ = state_->pool().Take(pool_key_);
  if (connection_) {
    reused_ = true;
    return Write();
  }
  Connect();
}

void ClientExchange::Abort(Error error) { Complete(tl::unexpected<Error>(std::move(error))); }

void ClientExchange::Connect() {
  reused_ = false;
  if (url_.scheme == "https") {
    Result<asio::ssl::context*> tls = state_->tls();
    if (!tls) return Complete(tl::unexpected<Error>(tls.error()));
    connection_ = std::make_shared<ClientConnection>(state_->io().get_executor(), **tls, pool_key_);
  } else {
    connection_ = std::make_shared<ClientConnection>(state_->io().get_executor(), pool_key_);
  }
  // Without address_configured (AI_ADDRCONFIG): on a host whose only interface is loopback it
  // would refuse to resolve "localhost". Through a proxy, the proxy resolves the origin.
  resolver_.async_resolve(
      proxy_ ? proxy_->host : url_.host, std::to_string(proxy_ ? proxy_->port : url_.port),
      tcp::resolver::numeric_service,
      [self = shared_from_this()](beast::error_code ec, tcp::resolver::results_type endpoints) {
        self->OnResolved(ec, std::move(endpoints));
      });
}

void ClientExchange::OnResolved(beast::error_code ec, tcp::resolver::results_type endpoints) {
  if (complete_) return;
  if (ec) {
    return Complete(MakeError(
        ErrorCode::kUnavailable,
        "cannot resolve " + (proxy_ ? "proxy " + proxy_->host : url_.host) + ": " + ec.message()));
  }
  asio::async_connect(connection_->socket(), endpoints,
                      [self = shared_from_this()](beast::error_code ec, const tcp::endpoint&) {
                        self->OnConnected(ec);
                      });
}

void ClientExchange::OnConnected(beast::error_code ec) {
  if (complete_) return;
  if (ec) {
    return Complete(
        MakeError(ErrorCode::kUnavailable, "cannot connect to " + Peer() + ": " + ec.message()));
  }
  state_->CountConnectionOpened();
  beast::error_code ignored;
  connection_->socket().set_option(tcp::no_delay(true), ignored);  // best effort
  if (proxy_ && connection_->tls()) return OpenTunnel();
  Handshake();
}

void ClientExchange::OpenTunnel() {
  AsyncOpenTunnel(connection_->socket(), url_, *proxy_,
                  [self = shared_from_this()](Result<void> tunnel) {
                    if (self->complete_) return;
                    if (!tunnel) return self->Complete(tl::unexpected<Error>(tunnel.error()));
                    self->Handshake();  // TLS with the origin, through the tunnel
                  });
}

void ClientExchange::Handshake() {
  ClientConnection::TlsStream* tls = connection_->tls();
  if (!tls) return Write();
  Result<void> prepared = PrepareTlsHandshake(*tls, url_.host, state_->options().verify_peer);
  if (!prepared) return Complete(tl::unexpected<Error>(prepared.error()));
  tls->async_handshake(
      asio::ssl::stream_base::client,
      [self = shared_from_this()](beast::error_code ec) { self->OnHandshake(ec); });
}

void ClientExchange::OnHandshake(beast::error_code ec) {
  if (complete_) return;
  if (IsTlsFailure(ec)) return Complete(tl::unexpected(TlsFailure(*connection_->tls(), ec)));
  if (ec == asio::ssl::error::stream_truncated) {
    return Complete(MakeError(ErrorCode::kTls,
                              "TLS: the server closed the connection during the "
                              "handshake"));
  }
  if (ec) {
    return Complete(MakeError(ErrorCode::kUnavailable,
                              "TLS handshake with " + url_.Origin() + " failed: " + ec.message()));
  }
  Write();
}

void ClientExchange::Write() {
  connection_->AsyncWrite(
      *wire_request_,
      [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnWritten(ec); });
}

void ClientExchange::OnWritten(beast::error_code ec) {
  if (complete_) return;
  if (ec)
    return RetryOrFail(ec, Error{ErrorCode::kIo, "sending the request failed: " + ec.message()});
  Read();
}

void ClientExchange::Read() {
  parser_.emplace();
  parser_->header_limit(kHeaderLimit);
  ClientBody::value_type& body = parser_->get().body();
  body.limit = request_.max_body != 0 ? request_.max_body : state_->options().max_body;
  body.gunzip = request_.accept_gzip;
  body.keep_cut = request_.keep_cut;
  // The wire body: bounded by the limit too when a longer one is refused (a larger announced
  // length fails at once); when the cut is kept the body's own count stops the read instead.
  if (request_.keep_cut) {
    parser_->body_limit(boost::none);
  } else {
    parser_->body_limit(body.limit);
  }
  // A HEAD answer announces the length of a body it does not carry.
  if (wire_request_->method() == http::verb::head) parser_->skip(true);
  connection_->AsyncRead(*parser_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
    self->OnRead(ec);
  });
}

void ClientExchange::OnRead(beast::error_code ec) {
  if (complete_) return;
  if (parser_->got_some()) answer_started_ = true;
  // Many TLS servers close without close_notify; that ends an answer whose body runs until the
  // connection closes, and is only a truncation when the parser still expected bytes.
  if (ec == asio::ssl::error::stream_truncated && parser_->got_some() && !parser_->is_done()) {
    beast::error_code eof_ec;
    parser_->put_eof(eof_ec);
    if (!eof_ec && parser_->is_done()) ec = {};
  }
  if (ec == http::error::body_limit && parser_->get().body().cut) return OnCut();
  if (ec) return RetryOrFail(ec, ReadError(ec, parser_->get().body()));
  int status = static_cast<int>(parser_->get().result_int());
  // An interim answer (100 Continue, 103 Early Hints): the real one follows on the connection.
  if (status >= 100 && status < 200 && status != 101) return Read();
  OnAnswer();
}

void ClientExchange::OnAnswer() {
  const auto& answer = parser_->get();
  bool reusable = parser_->keep_alive() && answer.version() == 11 && answer.result_int() != 101 &&
                  wire_request_->keep_alive() && connection_->buffer().size() == 0;
  ClientResponse response = ToClientResponse(parser_->release());
  if (reusable) state_->pool().Put(std::move(connection_));
  Complete(std::move(response));
}

void ClientExchange::OnCut() {
  // The rest of the body is still on its way: the connection cannot carry another exchange, and
  // Complete closes it.
  Complete(ToClientResponse(parser_->release()));
}

void ClientExchange::OnDeadline(beast::error_code ec) {
  if (ec || complete_) return;
  Complete(MakeError(ErrorCode::kTimeout, "no answer from " + Peer() + " before the deadline"));
}

std::string ClientExchange::Peer() const {
  return proxy_ ? url_.Origin() + " through proxy " + proxy_->display : url_.Origin();
}

void ClientExchange::RetryOrFail(beast::error_code ec, Error error) {
  // TLS refusing a record or the peer's alert says nothing of a stale connection: a fresh one
  // would meet the same peer.
  if (IsTlsFailure(ec) && connection_->tls()) {
    return Complete(tl::unexpected(TlsFailure(*connection_->tls(), ec)));
  }
  if (!reused_ || retried_ || answer_started_ || ec == asio::error::operation_aborted) {
    return Complete(tl::unexpected<Error>(std::move(error)));
  }
  retried_ = true;
  connection_->Close();
  // This runs inside the completion of an operation on the old connection: destroy it later,
  // outside that call chain.
  asio::post(state_->io(), [stale = std::move(connection_)] {});
  Connect();
}

void ClientExchange::Complete(Result<ClientResponse> result) {
  if (complete_) return;
  complete_ = true;
  deadline_timer_.cancel();
  resolver_.cancel();
  // Closing cancels whatever is pending; the handlers see complete_ and return. The connection
  // object itself lives until this exchange does, because those handlers may still refer to it.
  if (connection_) connection_->Close();
  state_->Unregister(this);
  ClientCallback done = std::move(done_);
  done_ = nullptr;
  if (done) done(std::move(result));
}

}  // namespace fareflow::net
