// The Connection's streamed answers (Exchange::StartStream), kept apart from connection.cc, which
// reads requests and writes whole answers. Every function runs on the connection's strand.
//
// A streamed answer: the head is written, then whatever parts are pending are taken and written
// as one batch of chunks, again until nothing is pending; the writer's next part kicks a new
// pump (StreamParts). Each write has the write timeout; between writes the connection has no
// deadline, as while a handler works on an answer, so a long stream whose parts flow is never
// cut by the read or idle timeouts. Meanwhile the socket is watched for the client leaving, so
// that the writer learns of it (ResponseStream::client_gone) without waiting for a write to fail.

#include <sys/socket.h>
#include <sys/types.h>

#include <cerrno>
#include <cstdio>
#include <sstream>
#include <utility>

#include <boost/asio/write.hpp>
#include <boost/beast/http/write.hpp>

#include "net/connection.h"

namespace fareflow::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

// Appends `part` as one HTTP/1.1 chunk. An empty part is skipped: it would end the body.
void AppendChunk(std::string_view part, std::string& out) {
  if (part.empty()) return;
  char size[24];
  const int n = std::snprintf(size, sizeof size, "%zx\r\n", part.size());
  out.append(size, static_cast<std::size_t>(n));
  out.append(part);
  out.append("\r\n");
}

}  // namespace

void Connection::StartStreaming(WireResponse head, std::shared_ptr<StreamParts> parts) {
  phase_ = Phase::kStreaming;
  stream_parts_ = std::move(parts);
  if (shutting_down_) close_after_answer_ = true;
  // An HTTP/1.0 body without a length ends with the connection.
  stream_chunked_ = context_.version >= 11;
  if (!stream_chunked_) close_after_answer_ = true;
  context_.keep_alive = !close_after_answer_;
  std::ostringstream text;
  try {
    text << BuildStreamHead(std::move(head), context_).base();
  } catch (const std::exception&) {  // e.g. a header Beast refuses
    stream_parts_->MarkGone().Drop();
    stream_parts_.reset();
    return WriteResponse(
        BuildResponse(ErrorResponse(500, "internal", "the response could not be built"), context_));
  }
  stream_out_ = text.str();
  WatchStreamClient();
  stream_.expires_after(state_->options().write_timeout);
  asio::async_write(stream_, asio::buffer(stream_out_),
                    [self = shared_from_this()](beast::error_code ec, std::size_t) {
                      self->OnStreamWritten(ec, false);
                    });
}

void Connection::PumpStream(uint64_t exchange_id) {
  if (phase_ != Phase::kStreaming || exchange_id != exchange_id_) return;
  PumpStream();
}

void Connection::AbandonStream(uint64_t exchange_id) {
  if (phase_ != Phase::kStreaming || exchange_id != exchange_id_) return;
  Close();
}

void Connection::PumpStream() {
  StreamParts::Taken taken = stream_parts_->Take();
  if (taken.parts.empty() && !taken.end) {
    stream_.expires_never();  // waits for the writer's next part, kicked by it
    return;
  }
  stream_out_.clear();
  if (!context_.head) {
    for (const std::string& part : taken.parts) {
      if (stream_chunked_) {
        AppendChunk(part, stream_out_);
      } else {
        stream_out_.append(part);
      }
    }
    if (taken.end && stream_chunked_) stream_out_.append("0\r\n\r\n");
  }
  if (stream_out_.empty()) {
    if (taken.end) return FinishStream();
    return PumpStream();  // empty parts only
  }
  stream_.expires_after(state_->options().write_timeout);
  asio::async_write(stream_, asio::buffer(stream_out_),
                    [self = shared_from_this(), end = taken.end](
                        beast::error_code ec, std::size_t) { self->OnStreamWritten(ec, end); });
}

void Connection::OnStreamWritten(beast::error_code ec, bool end) {
  // A large batch's bytes are let go of rather than kept for the next, likely smaller, one.
  if (stream_out_.capacity() > 64 * 1024) {
    std::string().swap(stream_out_);
  } else {
    stream_out_.clear();
  }
  if (phase_ != Phase::kStreaming) return;  // closed meanwhile
  if (ec) return Close();                   // the client went, or the write timed out
  if (end) return FinishStream();
  PumpStream();
}

void Connection::FinishStream() {
  AfterSent work = stream_parts_->TakeAfterSent();
  stream_parts_.reset();
  stream_.expires_never();
  work.Run();
  EndInFlight();
  if (close_after_answer_ || shutting_down_) return LingeringClose();
  ReadRequest();
}

void Connection::WatchStreamClient() {
  stream_.socket().async_wait(
      tcp::socket::wait_read,
      [self = shared_from_this(), parts = stream_parts_](beast::error_code ec) {
        if (self->phase_ != Phase::kStreaming || self->stream_parts_ != parts) return;
        if (ec) return self->Close();
        // Readable: the client closed (a read of 0 bytes), the connection broke, or the client
        // sent its next request early. That request waits in the socket until the stream ends;
        // a client gone meanwhile is then told by a failed write.
        char byte;
        const ssize_t n =
            ::recv(self->stream_.socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
        if (n > 0) return;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
          return self->WatchStreamClient();
        }
        self->Close();
      });
}

}  // namespace fareflow::net
