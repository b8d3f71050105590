#include "net/client_exchange.h"

#include <string>
#include <utility>

#include <boost/asio/connect.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/http/error.hpp>

#include "net/client_message.h"
#include "net/http_message.h"
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

// What a failed read of the answer means for the caller.
Error ReadError(const beast::error_code& ec, std::size_t max_body) {
  if (ec == http::error::body_limit) {
    return Error{ErrorCode::kMalformed,
                 "body too large: the answer is over " + std::to_string(max_body) + " bytes"};
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
  Result<ClientWireRequest> wire = BuildWireRequest(request_, url_, state_->options().user_agent);
  if (!wire) return Complete(tl::unexpected<Error>(std::move(wire.error())));
  wire_request_.emplace(std::move(*wire));

  state_->Register(shared_from_this());
  if (request_.deadline == std::chrono::steady_clock::time_point{}) {
    deadline_timer_.expires_after(kDefaultTimeout);
  } else {
    deadline_timer_.expires_at(request_.deadline);
  }
  deadline_timer_.async_wait(
      [self = shared_from_this()](beast::error_code ec) { self->OnDeadline(ec); });

  connection_ = state_->pool().Take(url_.Origin());
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
    connection_ =
        std::make_shared<ClientConnection>(state_->io().get_executor(), **tls, url_.Origin());
  } else {
    connection_ = std::make_shared<ClientConnection>(state_->io().get_executor(), url_.Origin());
  }
  // Without address_configured (AI_ADDRCONFIG): on a host whose only interface is loopback it
  // would refuse to resolve "localhost".
  resolver_.async_resolve(
      url_.host, std::to_string(url_.port), tcp::resolver::numeric_service,
      [self = shared_from_this()](beast::error_code ec, tcp::resolver::results_type endpoints) {
        self->OnResolved(ec, std::move(endpoints));
      });
}

void ClientExchange::OnResolved(beast::error_code ec, tcp::resolver::results_type endpoints) {
  if (complete_) return;
  if (ec) {
    return Complete(
        MakeError(ErrorCode::kUnavailable, "cannot resolve " + url_.host + ": " + ec.message()));
  }
  asio::async_connect(connection_->socket(), endpoints,
                      [self = shared_from_this()](beast::error_code ec, const tcp::endpoint&) {
                        self->OnConnected(ec);
                      });
}

void ClientExchange::OnConnected(beast::error_code ec) {
  if (complete_) return;
  if (ec) {
    return Complete(MakeError(ErrorCode::kUnavailable,
                              "cannot connect to " + url_.Origin() + ": " + ec.message()));
  }
  state_->CountConnectionOpened();
  beast::error_code ignored;
  connection_->socket().set_option(tcp::no_delay(true), ignored);  // best effort
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
  parser_->body_limit(state_->options().max_body);
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
  if (ec) return RetryOrFail(ec, ReadError(ec, state_->options().max_body));
  int status = static_cast<int>(parser_->get().result_int());
  // An interim answer (100 Continue, 103 Early Hints): the real one follows on the connection.
  if (status >= 100 && status < 200 && status != 101) return Read();
  OnAnswer();
}

void ClientExchange::OnAnswer() {
  const auto& answer = parser_->get();
  bool reusable = parser_->keep_alive() && answer.version() == 11 && answer.result_int() != 101 &&
                  wire_request_->keep_alive() && connection_->buffer().size() == 0;
  Result<ClientResponse> response =
      DecodeWireResponse(parser_->release(), request_.accept_gzip, state_->options().max_body);
  if (reusable) state_->pool().Put(std::move(connection_));
  Complete(std::move(response));
}

void ClientExchange::OnDeadline(beast::error_code ec) {
  if (ec || complete_) return;
  Complete(
      MakeError(ErrorCode::kTimeout, "no answer from " + url_.Origin() + " before the deadline"));
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
