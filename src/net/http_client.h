#ifndef FAREFLOW_NET_HTTP_CLIENT_H_
#define FAREFLOW_NET_HTTP_CLIENT_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "net/proxy.h"
#include "net/url.h"

namespace fareflow::net {

// Limits and TLS settings of an HttpClient.
struct HttpClientOptions {
  // Decoded bytes of an answer's body, unless the request sets its own (ClientRequest::max_body);
  // larger -> kMalformed "body too large", or cut (ClientRequest::keep_cut).
  std::size_t max_body = std::size_t{64} << 20;
  std::size_t max_idle_per_host = 8;  // keep-alive connections kept per scheme://host:port
  std::chrono::milliseconds idle_keep{30'000};  // an idle connection older than this is closed
  bool verify_peer = true;  // https: verify the certificate chain and the host name
  std::string ca_file;      // PEM trust anchors; empty: OpenSSL's default verify paths
  std::string user_agent = "fareflow";
  // Forward proxies (net/proxy.h): https origins through CONNECT tunnels, http origins as
  // absolute-form requests; NO_PROXY-style bypasses. Empty: every origin directly. A URL that
  // does not parse fails every exchange it would carry (kInvalidArgument), never falls back to
  // a direct connection.
  ProxyOptions proxy;
};

// One request. The client adds Host, User-Agent and Accept-Encoding unless `headers` has them.
struct ClientRequest {
  std::string method = "GET";
  std::string url;                                           // absolute http:// or https://
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers, sent in order
  // Sent with Content-Length when non-empty or when the method is POST, PUT or PATCH.
  std::string body;
  // Bounds the whole exchange, connect and TLS handshake included. Default-constructed: 30 s from
  // Send.
  std::chrono::steady_clock::time_point deadline;
  bool accept_gzip = true;  // send Accept-Encoding: gzip and gunzip a gzip answer
  // The most decoded bytes of the answer's body (after gunzip); 0: the client's max_body. Neither
  // the wire body nor the decoded one is ever held past it.
  std::size_t max_body = 0;
  // When the decoded body passes max_body: false -> kMalformed "body too large"; true -> stop
  // reading, close the connection (it never returns to the pool) and answer with the first
  // max_body bytes and ClientResponse::cut set. The announced length is then no reason to refuse.
  bool keep_cut = false;
};

// One answer. Any status, 4xx and 5xx included, is an answer.
struct ClientResponse {
  int status = 0;
  // As received, in order: Content-Encoding and Content-Length describe the wire, not `body`.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;            // decoded
  std::size_t wire_bytes = 0;  // body bytes as received (the compressed size when gzip)
  // The decoded body passed the request's limit (keep_cut): `body` holds its first max_body bytes
  // and the rest was never read.
  bool cut = false;

  // The first header named `name` (compared without case), or empty. The view points into
  // `headers` and lives as long as this response is neither changed nor destroyed.
  std::string_view Header(std::string_view name) const;
};

// Receives the outcome of one Send.
using ClientCallback = std::function<void(Result<ClientResponse>)>;

// An asynchronous HTTP/1.1 client (Boost.Beast, OpenSSL for https) that runs every exchange on
// one event loop, in one io thread it owns: many requests proceed at once and each answer is
// handed over the moment it is complete. Idle keep-alive connections are reused per
// scheme://host:port and proxy: a tunnel serves only the origin it was opened to, and direct and
// proxied connections are never mixed.
//
// Thread-safety: Send and Fetch may be called from any thread, concurrently. The client must not
// be destroyed from one of its own callbacks (the destructor joins the io thread).
class HttpClient {
 public:
  explicit HttpClient(HttpClientOptions options = {});
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;
  // Ends every exchange in flight (their callbacks get kUnavailable "client stopped"), closes the
  // pooled connections and joins the io thread.
  ~HttpClient();

  // Starts the exchange at once; `done` runs exactly once, on the client's io thread, so it must
  // neither block nor throw (hand heavy work to another thread; an escaping exception terminates
  // the process). Errors:
  //   kTimeout          the deadline passed (the connection is closed)
  //   kUnavailable      DNS failure, connection refused or failed, the client stopped
  //   kTls              TLS refused the peer: its certificate (the message names OpenSSL's
  //                     verify result), protocol version or records, or the peer's alert
  //   kIo               reset, closed or truncated answer, a write failed
  //   kMalformed        unparseable HTTP, bad gzip, headers over 64 KiB, body over max_body
  //                     (unless the request keeps the cut)
  //   kInvalidArgument  bad URL, method or header
  // Through a proxy (options.proxy), also: a non-2xx answer to CONNECT is kUnavailable ("proxy
  // refused CONNECT: 407 Proxy Authentication Required"), an unparseable one or one with headers
  // over 16 KiB kMalformed, and a proxy URL that does not parse kInvalidArgument.
  // A stale pooled connection that fails before any byte of the answer arrives is retried once on
  // a fresh connection; a TLS failure is not a stale connection and is never retried.
  void Send(ClientRequest request, ClientCallback done);

  // Sends and waits for the outcome. For tools and tests. From a callback (the io thread) it
  // fails at once with kInternal instead of waiting forever.
  Result<ClientResponse> Fetch(ClientRequest request);

  // Loads the TLS trust anchors on the io thread now, in the background, so that the first https
  // request does not wait for them (they are otherwise loaded on first use). Returns at once.
  void PrepareTls();

  // Connections opened (TCP connects that succeeded) since construction; with keep-alive many
  // exchanges share one. Thread-safe.
  uint64_t connections_opened() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fareflow::net

#endif  // FAREFLOW_NET_HTTP_CLIENT_H_
