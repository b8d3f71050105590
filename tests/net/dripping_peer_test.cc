// A supplier that drips its answer -- headers at once, then one byte every few milliseconds, for
// ever -- resets every per-read timer a client might keep. The request's deadline must still end
// the exchange: the answer is a timeout, reached near the deadline, not after the body.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "net/http_client.h"

namespace fareflow::net {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

// One loopback listener whose single peer gets a 200 announcing a megabyte, then a byte every
// `gap` until the peer goes away or the test ends. Plain sockets: the server under test must not
// be the thing that drips.
class DrippingPeer {
 public:
  explicit DrippingPeer(milliseconds gap) : gap_(gap) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    EXPECT_EQ(::bind(listener_, reinterpret_cast<sockaddr*>(&address), length), 0);
    EXPECT_EQ(::listen(listener_, 4), 0);
    EXPECT_EQ(::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length), 0);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~DrippingPeer() {
    stop_ = true;
    ::shutdown(listener_, SHUT_RDWR);
    thread_.join();
    ::close(listener_);
  }

  uint16_t port() const { return port_; }
  int bytes_dripped() const { return dripped_.load(); }

 private:
  void Serve() {
    const int peer = ::accept(listener_, nullptr, nullptr);
    if (peer < 0) return;
    std::string request;
    char buffer[4096];
    while (request.find("\r\n\r\n") == std::string::npos) {
      const ssize_t n = ::recv(peer, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      request.append(buffer, static_cast<std::size_t>(n));
    }
    const std::string head =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1048576\r\n\r\n[";
    bool open = ::send(peer, head.data(), head.size(), MSG_NOSIGNAL) > 0;
    while (open && !stop_) {
      std::this_thread::sleep_for(gap_);
      open = ::send(peer, " ", 1, MSG_NOSIGNAL) == 1;
      if (open) ++dripped_;
    }
    ::close(peer);
  }

  milliseconds gap_;
  int listener_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> dripped_{0};
  std::thread thread_;
};

TEST(DrippingPeerTest, TheDeadlineEndsAnAnswerThatNeverFinishes) {
  DrippingPeer peer(milliseconds(10));
  HttpClient client;
  ClientRequest request;
  request.url = "http://127.0.0.1:" + std::to_string(peer.port()) + "/v2/shopping/flight-offers";
  const Clock::time_point start = Clock::now();
  request.deadline = start + milliseconds(400);
  Result<ClientResponse> response = client.Fetch(request);
  const milliseconds took = std::chrono::duration_cast<milliseconds>(Clock::now() - start);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kTimeout) << response.error().message;
  // Bytes kept arriving (so a per-read timer would never have fired), yet the exchange ended.
  EXPECT_GT(peer.bytes_dripped(), 3);
  // The megabyte at this rate would take three hours; a generous bound proves the deadline won.
  EXPECT_LT(took, milliseconds(10'000));
}

}  // namespace
}  // namespace fareflow::net
