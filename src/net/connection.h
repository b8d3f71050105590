#ifndef FAREFLOW_NET_CONNECTION_H_
#define FAREFLOW_NET_CONNECTION_H_

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>

#include "net/exchange_impl.h"
#include "net/http_message.h"
#include "net/server_state.h"

namespace fareflow::net {

// One accepted HTTP/1.1 connection: reads a request within the header and body limits, hands it
// to the handler as an Exchange, writes the one answer, and reads the next request (keep-alive;
// pipelined requests are answered in order because the next is read only after the answer).
// Requests it cannot read get 400, 413 or 431, and those whose head net/request_head.h refuses
// its status, before any of the body is read; then the connection closes.
//
// A streamed answer (Exchange::StartStream) is written as its parts come (connection_stream.cc):
// chunked for HTTP/1.1, ending with the connection for HTTP/1.0. While it streams, a client that
// closes its side of the connection counts as gone, even one that only half-closed.
//
// While it waits for a request's first byte the connection is idle: it holds no read buffer
// (only a readiness wait), and the server may shed it to admit a new connection at the cap.
//
// Thread-safety: every member runs on the connection's strand (executor()), except the
// constructor, Start(), Shutdown() and Shed() (any thread; they post), Refuse() (before Start(),
// instead of it) and CloseNow() (only while no io thread runs). The ServerState registry owns open
// connections; pending handlers keep them alive until they complete.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  // `socket` must have been accepted onto a strand of the server's io_context.
  Connection(boost::asio::ip::tcp::socket socket, std::shared_ptr<ServerState> state);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  boost::asio::any_io_executor executor() { return stream_.get_executor(); }

  // Starts reading the first request.
  void Start();
  // Graceful stop: closes the connection if it waits for a request or hangs; otherwise lets the
  // current answer finish and closes after it.
  void Shutdown();
  // Closes at once. Only while the io threads are stopped.
  void CloseNow() { Close(); }
  // Closes the connection if it is still idle; ServerState::Admit picked it to make room.
  void Shed();
  // Answers a connection the server has no room for with a minimal 503 and closes it, without
  // waiting for anything. Instead of Start(), on the accepting thread.
  void Refuse();

  // Applies the answer to exchange `exchange_id`; stale answers are ignored. On the strand.
  void Deliver(uint64_t exchange_id, Answer answer);
  // The streamed answer of exchange `exchange_id` has parts to write, or its end; stale calls are
  // ignored. On the strand (connection_stream.cc).
  void PumpStream(uint64_t exchange_id);
  // The streamed answer of exchange `exchange_id` was dropped before its end: closes. On the
  // strand.
  void AbandonStream(uint64_t exchange_id);

 private:
  enum class Phase {
    kReading,
    kAwaiting,
    kDelaying,
    kWriting,
    kStreaming,  // writing a streamed answer: its parts as they come, until its end
    kHung,
    kLingering,
    kClosed
  };

  void ReadRequest();
  void AwaitFirstBytes();
  void OnReadable(boost::beast::error_code ec);
  void ReadHead();
  void OnHead(boost::beast::error_code ec);
  void SendContinue();
  void ReadBody();
  void OnRequest(boost::beast::error_code ec);
  void OnReadError(boost::beast::error_code ec);
  void Dispatch(BeastRequest request);
  void Perform(Answer answer);
  void WriteResponse(BeastResponse response);
  void OnResponseWritten(boost::beast::error_code ec);
  void WriteTruncated(BeastResponse response, double body_share);
  // Streamed answers (connection_stream.cc).
  void StartStreaming(WireResponse head, std::shared_ptr<StreamParts> parts);
  void PumpStream();
  void OnStreamWritten(boost::beast::error_code ec, bool end);
  void FinishStream();
  void WatchStreamClient();
  void SendError(int status, std::string_view code, std::string_view message);
  boost::asio::mutable_buffer DiscardBuffer();
  void DiscardUntilClosed();
  void LingeringClose();
  void Linger();
  void ResetNow();
  void Close();
  void EndInFlight();

  const std::shared_ptr<ServerState> state_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  boost::asio::steady_timer delay_timer_;    // delayed answers; the idle timeout
  std::unique_ptr<BeastResponse> response_;  // the answer being written
  AfterSent after_sent_;                     // of the answer being written
  std::string raw_out_;                      // a truncated answer being written
  // The streamed answer being written: its parts, the bytes on their way (head, chunks), and
  // whether its body is chunked (HTTP/1.1) or ends with the connection (HTTP/1.0).
  std::shared_ptr<StreamParts> stream_parts_;
  std::string stream_out_;
  bool stream_chunked_ = false;
  // Reads of a hung or closing connection; allocated on first use, so that an idle connection
  // does not carry it.
  std::unique_ptr<std::array<char, 4096>> discard_;
  std::size_t lingered_bytes_ = 0;

  Phase phase_ = Phase::kReading;
  bool idle_ = false;         // waiting for a request's first byte
  uint64_t idle_round_ = 0;   // tells a stale idle timeout from the current one
  uint64_t exchange_id_ = 0;  // of the current exchange
  ResponseContext context_;   // of the current exchange
  bool close_after_answer_ = false;
  bool shutting_down_ = false;
  bool in_flight_ = false;  // the current exchange is counted in ServerState::in_flight()
};

}  // namespace fareflow::net

#endif  // FAREFLOW_NET_CONNECTION_H_
