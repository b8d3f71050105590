#include "net/connection.h"

#include <algorithm>
#include <exception>
#include <sstream>
#include <utility>

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "net/request_head.h"

namespace fareflow::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// The bytes received and not yet parsed. A view into `buffer`, valid until it changes.
std::string_view BufferedText(const beast::flat_buffer& buffer) {
  return std::string_view(static_cast<const char*>(buffer.data().data()), buffer.size());
}

// After an answer that closes the connection, unread request bytes are read and dropped for at
// most this long and this many bytes, so that the client reads the answer instead of a reset.
constexpr std::chrono::seconds kLingerTime{2};
constexpr std::size_t kLingerBytes = 4 << 20;

}  // namespace

Connection::Connection(tcp::socket socket, std::shared_ptr<ServerState> state)
    : state_(std::move(state)), stream_(std::move(socket)), delay_timer_(stream_.get_executor()) {
  beast::error_code ec;
  stream_.socket().set_option(tcp::no_delay(true), ec);  // best effort
}

void Connection::Start() {
  asio::post(executor(), [self = shared_from_this()] { self->ReadRequest(); });
}

void Connection::Shutdown() {
  asio::post(executor(), [self = shared_from_this()] {
    self->shutting_down_ = true;
    switch (self->phase_) {
      case Phase::kReading:
      case Phase::kHung:
        self->Close();
        break;
      case Phase::kAwaiting:
      case Phase::kDelaying:
      case Phase::kWriting:
      case Phase::kStreaming:
        self->close_after_answer_ = true;
        break;
      case Phase::kLingering:
      case Phase::kClosed:
        break;
    }
  });
}

void Connection::Shed() {
  asio::post(executor(), [self = shared_from_this()] {
    if (self->idle_) self->Close();
  });
}

void Connection::Refuse() {
  static constexpr std::string_view kBody =
      R"({"error":{"code":"unavailable","message":"too many connections; retry shortly"}})";
  static const std::string kAnswer =
      "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: " +
      std::to_string(kBody.size()) + "\r\nRetry-After: 1\r\nConnection: close\r\n\r\n" +
      std::string(kBody);
  // Nothing else uses the socket yet. Non-blocking throughout: a refusal must not hold the
  // accepting thread. What the client already sent is read first (when it fits), so that the
  // close is a FIN after the answer rather than a reset that could destroy it.
  tcp::socket& socket = stream_.socket();
  beast::error_code ignored;
  socket.non_blocking(true, ignored);
  std::array<char, 1024> request;
  socket.read_some(asio::buffer(request), ignored);
  socket.write_some(asio::buffer(kAnswer), ignored);
  socket.shutdown(tcp::socket::shutdown_send, ignored);
  socket.close(ignored);
  phase_ = Phase::kClosed;
}

void Connection::ReadRequest() {
  if (phase_ == Phase::kClosed) return;
  if (shutting_down_) return Close();
  phase_ = Phase::kReading;
  const HttpServerOptions& options = state_->options();
  parser_.emplace();
  parser_->header_limit(
      static_cast<std::uint32_t>(std::min<std::size_t>(options.header_limit, UINT32_MAX)));
  parser_->body_limit(options.body_limit);
  if (buffer_.size() > 0) return ReadHead();  // a pipelined request is already here
  AwaitFirstBytes();
}

void Connection::AwaitFirstBytes() {
  // The last request's buffer is let go of: an idle connection holds no buffer at all, since
  // it waits for readiness rather than reading into one.
  buffer_.shrink_to_fit();
  idle_ = true;
  const uint64_t round = ++idle_round_;
  state_->MarkIdle(this);
  // Between requests the idle timeout applies; from the first byte on, the read timeout.
  delay_timer_.expires_after(state_->options().idle_timeout);
  delay_timer_.async_wait([self = shared_from_this(), round](beast::error_code ec) {
    if (!ec && self->idle_ && self->idle_round_ == round) self->Close();
  });
  stream_.socket().async_wait(
      tcp::socket::wait_read,
      [self = shared_from_this()](beast::error_code ec) { self->OnReadable(ec); });
}

void Connection::OnReadable(beast::error_code ec) {
  if (phase_ == Phase::kClosed) return;
  idle_ = false;
  delay_timer_.cancel();
  // The client left, the idle timeout passed, the server stops, or the connection was shed to
  // make room for another just as this request arrived (a client retries that as it would a
  // keep-alive connection closed by its server).
  if (ec || !state_->MarkBusy(this)) return Close();
  ReadHead();
}

void Connection::ReadHead() {
  stream_.expires_after(state_->options().read_timeout);  // for the head and the body
  http::async_read_header(
      stream_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnHead(ec); });
}

void Connection::OnHead(beast::error_code ec) {
  if (phase_ == Phase::kClosed) return;
  if (ec) return OnReadError(ec);
  // The framing is checked before any of the body is read: a body read the lenient way could
  // hold a second request (request smuggling).
  if (std::optional<HeadRejection> rejection = CheckRequestHead(parser_->get())) {
    return SendError(rejection->status, rejection->code, rejection->message);
  }
  if (parser_->is_done()) return OnRequest({});
  if (ExpectsContinue(parser_->get())) return SendContinue();
  ReadBody();
}

void Connection::SendContinue() {
  static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
  asio::async_write(stream_, asio::buffer(kContinue),
                    [self = shared_from_this()](beast::error_code ec, std::size_t) {
                      if (self->phase_ == Phase::kClosed) return;
                      if (ec) return self->Close();
                      self->ReadBody();
                    });
}

void Connection::ReadBody() {
  http::async_read(
      stream_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnRequest(ec); });
}

void Connection::OnReadError(beast::error_code ec) {
  if (ec == http::error::header_limit) {
    return SendError(
        431, "headers_too_large",
        "request headers exceed " + std::to_string(state_->options().header_limit) + " bytes");
  }
  if (ec == http::error::body_limit) {
    return SendError(
        413, "body_too_large",
        "request body exceeds " + std::to_string(state_->options().body_limit) + " bytes");
  }
  if (ec == http::error::end_of_stream || ec == http::error::partial_message) return Close();
  if (ec == http::error::bad_version && NamesAnotherHttpVersion(BufferedText(buffer_))) {
    return SendError(505, "http_version_not_supported", "only HTTP/1.0 and HTTP/1.1 are served");
  }
  if (IsHttpParseError(ec)) return SendError(400, "bad_request", ec.message());
  Close();  // timeout, reset, or closed by Shutdown()
}

void Connection::OnRequest(beast::error_code ec) {
  if (phase_ == Phase::kClosed) return;
  if (ec) return OnReadError(ec);
  if (shutting_down_ || !state_->BeginExchange()) return Close();
  in_flight_ = true;
  BeastRequest request = parser_->release();
  parser_.reset();
  // Handlers see paths only: an absolute-form target ("http://host/path") is reduced to its path.
  const std::string_view target(request.target().data(), request.target().size());
  if (std::optional<std::string> origin = OriginFormOf(target)) request.target(*origin);
  Dispatch(std::move(request));
}

void Connection::Dispatch(BeastRequest request) {
  context_ = ResponseContext{};
  context_.version = request.version();
  context_.keep_alive = request.keep_alive();
  context_.accepts_gzip = AcceptsGzip(request[http::field::accept_encoding]);
  context_.head = request.method() == http::verb::head;
  context_.server_name = state_->options().server_name;
  context_.default_headers = &state_->options().default_headers;
  close_after_answer_ = !context_.keep_alive;
  phase_ = Phase::kAwaiting;
  stream_.expires_never();  // the handler's answer has no deadline; Hang() relies on it
  ++exchange_id_;
  auto exchange =
      std::make_shared<ExchangeImpl>(state_, weak_from_this(), exchange_id_, std::move(request));
  // The boundary for handler exceptions: the client gets a 500, the server keeps serving.
  try {
    state_->handler().handle(exchange);
  } catch (...) {
    exchange->Respond(ErrorResponse(500, "internal", "the request handler failed"));
  }
}

void Connection::Deliver(uint64_t exchange_id, Answer answer) {
  if (phase_ != Phase::kAwaiting || exchange_id != exchange_id_) {
    if (answer.stream) answer.stream->MarkGone().Drop();
    return;
  }
  switch (answer.kind) {
    case Answer::Kind::kStream:
      return StartStreaming(std::move(answer.response), std::move(answer.stream));
    case Answer::Kind::kHang:
      phase_ = Phase::kHung;
      EndInFlight();
      if (shutting_down_) return Close();
      return DiscardUntilClosed();
    case Answer::Kind::kAbandon:
      return Close();
    case Answer::Kind::kRespond:
    case Answer::Kind::kTruncated:
    case Answer::Kind::kReset:
      break;
  }
  if (answer.delay.count() <= 0) return Perform(std::move(answer));
  phase_ = Phase::kDelaying;
  delay_timer_.expires_after(answer.delay);
  delay_timer_.async_wait(
      [self = shared_from_this(), answer = std::move(answer)](beast::error_code ec) mutable {
        if (ec || self->phase_ != Phase::kDelaying) return;
        self->Perform(std::move(answer));
      });
}

void Connection::Perform(Answer answer) {
  if (answer.kind == Answer::Kind::kReset) return ResetNow();
  if (shutting_down_) close_after_answer_ = true;
  bool truncated = answer.kind == Answer::Kind::kTruncated;
  if (truncated) close_after_answer_ = true;
  context_.keep_alive = !close_after_answer_;
  BeastResponse response;
  try {
    response = BuildResponse(std::move(answer.response), context_);
  } catch (const std::exception&) {  // e.g. a header Beast refuses
    response =
        BuildResponse(ErrorResponse(500, "internal", "the response could not be built"), context_);
  }
  if (truncated) return WriteTruncated(std::move(response), answer.body_share);
  after_sent_ = std::move(answer.after_sent);
  WriteResponse(std::move(response));
}

void Connection::WriteResponse(BeastResponse response) {
  phase_ = Phase::kWriting;
  response_ = std::make_unique<BeastResponse>(std::move(response));
  stream_.expires_after(state_->options().write_timeout);
  http::async_write(stream_, *response_,
                    [self = shared_from_this()](beast::error_code ec, std::size_t) {
                      self->OnResponseWritten(ec);
                    });
}

void Connection::OnResponseWritten(beast::error_code ec) {
  response_.reset();
  // Written or failed, the answer is done with: its work runs now, on this io thread.
  if (ec) {
    after_sent_.Drop();
  } else {
    after_sent_.Run();
  }
  if (phase_ == Phase::kClosed) return;
  if (ec) return Close();
  EndInFlight();
  if (close_after_answer_ || shutting_down_) return LingeringClose();
  ReadRequest();
}

void Connection::WriteTruncated(BeastResponse response, double body_share) {
  phase_ = Phase::kWriting;
  std::ostringstream head;
  head << response.base();  // the status line and headers, with the full Content-Length
  raw_out_ = head.str();
  // The body here is as sent (gzipped when the client asked for it): the cut is taken from it.
  const std::size_t size = response.body().size();
  const double share = std::clamp(body_share, 0.0, 1.0);
  std::size_t sent = static_cast<std::size_t>(static_cast<double>(size) * share);
  if (size > 0 && sent >= size) sent = size - 1;
  raw_out_.append(response.body(), 0, sent);
  stream_.expires_after(state_->options().write_timeout);
  asio::async_write(stream_, asio::buffer(raw_out_),
                    [self = shared_from_this()](beast::error_code, std::size_t) {
                      self->raw_out_.clear();
                      if (self->phase_ == Phase::kClosed) return;
                      beast::error_code ignored;
                      self->stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
                      self->Close();
                    });
}

void Connection::SendError(int status, std::string_view code, std::string_view message) {
  context_ = ResponseContext{};
  context_.keep_alive = false;
  context_.server_name = state_->options().server_name;
  context_.default_headers = &state_->options().default_headers;
  close_after_answer_ = true;
  parser_.reset();
  WriteResponse(BuildResponse(ErrorResponse(status, code, message), context_));
}

asio::mutable_buffer Connection::DiscardBuffer() {
  if (!discard_) discard_ = std::make_unique<std::array<char, 4096>>();
  return asio::buffer(*discard_);
}

void Connection::DiscardUntilClosed() {
  stream_.async_read_some(DiscardBuffer(),
                          [self = shared_from_this()](beast::error_code ec, std::size_t) {
                            if (ec || self->phase_ != Phase::kHung) return self->Close();
                            self->DiscardUntilClosed();
                          });
}

void Connection::LingeringClose() {
  phase_ = Phase::kLingering;
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  lingered_bytes_ = 0;
  stream_.expires_after(kLingerTime);
  Linger();
}

void Connection::Linger() {
  stream_.async_read_some(DiscardBuffer(),
                          [self = shared_from_this()](beast::error_code ec, std::size_t bytes) {
                            self->lingered_bytes_ += bytes;
                            if (ec || self->lingered_bytes_ > kLingerBytes) return self->Close();
                            self->Linger();
                          });
}

void Connection::ResetNow() {
  beast::error_code ignored;
  stream_.socket().set_option(asio::socket_base::linger(true, 0), ignored);
  Close();
}

void Connection::Close() {
  if (phase_ == Phase::kClosed) return;
  phase_ = Phase::kClosed;
  after_sent_.Drop();  // an answer cut off by the close is done with too
  if (stream_parts_) std::exchange(stream_parts_, nullptr)->MarkGone().Drop();
  EndInFlight();
  delay_timer_.cancel();
  stream_.close();
  state_->Unregister(this);
}

void Connection::EndInFlight() {
  if (!in_flight_) return;
  in_flight_ = false;
  state_->EndExchange();
}

}  // namespace fareflow::net
