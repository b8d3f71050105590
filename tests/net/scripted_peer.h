#ifndef FAREFLOW_TESTS_NET_SCRIPTED_PEER_H_
#define FAREFLOW_TESTS_NET_SCRIPTED_PEER_H_

// A loopback peer for the answers net::HttpServer cannot give on purpose (garbage, HTTP/1.0,
// interim 1xx answers, bodies until close) and for TLS: it answers every request head it reads
// (up to the blank line; request bodies are not expected) with the same raw bytes, on plain TCP
// or over TLS with the given server context. Thread-safety: the accessors may be called from
// any thread.

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include <openssl/ssl.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

namespace fareflow::net {

struct ScriptedPeerOptions {
  std::string answer;                        // raw bytes sent for each request
  bool close_after_answer = true;            // else read the next request (keep-alive)
  boost::asio::ssl::context* tls = nullptr;  // a server context: speak TLS; must outlive the peer
};

class ScriptedPeer {
 public:
  explicit ScriptedPeer(ScriptedPeerOptions options)
      : options_(std::move(options)),
        acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
    Accept();
    thread_ = std::thread([this] { io_.run(); });
  }
  ScriptedPeer(const ScriptedPeer&) = delete;
  ScriptedPeer& operator=(const ScriptedPeer&) = delete;
  ~ScriptedPeer() {
    io_.stop();
    thread_.join();
  }

  uint16_t port() const { return acceptor_.local_endpoint().port(); }
  int connections() const { return connections_.load(); }
  int requests() const { return requests_.load(); }
  // The server name (SNI) of the last TLS handshake; empty when none was sent.
  std::string server_name() const {
    std::lock_guard<std::mutex> lock(mu_);
    return server_name_;
  }

 private:
  using TlsStream = boost::asio::ssl::stream<boost::asio::ip::tcp::socket>;

  template <typename Stream>
  class Session : public std::enable_shared_from_this<Session<Stream>> {
   public:
    template <typename... Args>
    Session(ScriptedPeer* peer, Args&&... args)
        : peer_(peer), stream_(std::forward<Args>(args)...) {}

    void Start() {
      if constexpr (std::is_same_v<Stream, TlsStream>) {
        stream_.async_handshake(boost::asio::ssl::stream_base::server,
                                [self = this->shared_from_this()](boost::system::error_code ec) {
                                  if (ec) return;
                                  const char* name = SSL_get_servername(
                                      self->stream_.native_handle(), TLSEXT_NAMETYPE_host_name);
                                  std::lock_guard<std::mutex> lock(self->peer_->mu_);
                                  self->peer_->server_name_ = name ? name : "";
                                  self->ReadRequest();
                                });
      } else {
        ReadRequest();
      }
    }

   private:
    void ReadRequest() {
      boost::asio::async_read_until(
          stream_, in_, "\r\n\r\n",
          [self = this->shared_from_this()](boost::system::error_code ec, std::size_t bytes) {
            if (ec) return;
            self->in_.consume(bytes);
            ++self->peer_->requests_;
            boost::asio::async_write(
                self->stream_, boost::asio::buffer(self->peer_->options_.answer),
                [self](boost::system::error_code ec, std::size_t) {
                  if (ec) return;
                  if (!self->peer_->options_.close_after_answer) return self->ReadRequest();
                  boost::system::error_code ignored;
                  auto& socket = self->stream_.lowest_layer();
                  socket.shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
                  socket.close(ignored);
                });
          });
    }

    ScriptedPeer* peer_;
    Stream stream_;
    boost::asio::streambuf in_;
  };

  void Accept() {
    acceptor_.async_accept([this](boost::system::error_code ec,
                                  boost::asio::ip::tcp::socket socket) {
      if (ec) return;
      ++connections_;
      if (options_.tls) {
        std::make_shared<Session<TlsStream>>(this, std::move(socket), *options_.tls)->Start();
      } else {
        std::make_shared<Session<boost::asio::ip::tcp::socket>>(this, std::move(socket))->Start();
      }
      Accept();
    });
  }

  const ScriptedPeerOptions options_;
  std::atomic<int> connections_{0};
  std::atomic<int> requests_{0};
  mutable std::mutex mu_;
  std::string server_name_;
  // After everything the sessions refer to: destroying it destroys the sessions first.
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::thread thread_;
};

}  // namespace fareflow::net

#endif  // FAREFLOW_TESTS_NET_SCRIPTED_PEER_H_
