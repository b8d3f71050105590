#ifndef FAREFLOW_NET_LISTENER_H_
#define FAREFLOW_NET_LISTENER_H_

#include <cstdint>
#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>

#include "core/result.h"
#include "net/server_state.h"

namespace fareflow::net {

// Accepts TCP connections on the server's address and starts a Connection for each, each on its
// own strand. Thread-safety: Open() before the io threads run; Start() and Close() from any
// thread (they post onto the listener's strand); CloseNow() only while no io thread runs.
class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // Resolves options().host, binds options().port and listens. Errors (bad host, address in use)
  // are values.
  static Result<std::shared_ptr<Listener>> Open(boost::asio::io_context& io,
                                                std::shared_ptr<ServerState> state);

  Listener(boost::asio::io_context& io, std::shared_ptr<ServerState> state);
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

  // The bound port (the chosen one when options().port is 0).
  uint16_t port() const { return port_; }

  void Start();
  // Stops accepting; connections already accepted are untouched.
  void Close();
  void CloseNow();

 private:
  void Accept();
  void OnAccept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket);

  boost::asio::io_context& io_;
  const std::shared_ptr<ServerState> state_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer retry_timer_;  // backs off after accept errors (e.g. EMFILE)
  uint16_t port_ = 0;
  bool closed_ = false;
};

}  // namespace fareflow::net

#endif  // FAREFLOW_NET_LISTENER_H_
