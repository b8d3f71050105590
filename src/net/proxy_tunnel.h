#ifndef FAREFLOW_NET_PROXY_TUNNEL_H_
#define FAREFLOW_NET_PROXY_TUNNEL_H_

#include <functional>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "core/result.h"
#include "net/proxy.h"
#include "net/url.h"

// The client's side of forward proxies: the CONNECT tunnel for https origins (RFC 9110 section
// 9.3.6) and the absolute-form request for http origins (RFC 9112 section 3.2.2). Internal to
// src/net; ClientExchange drives both.
namespace fareflow::net {

// The most header bytes a proxy's answer to CONNECT may take; past it the exchange fails as
// kMalformed rather than buffer whatever the proxy sends.
inline constexpr std::uint32_t kConnectAnswerHeaderLimit = 16 * 1024;

using TunnelHandler = std::function<void(Result<void>)>;

// On `socket`, connected to `proxy`: sends "CONNECT host:port HTTP/1.1" for `target` with Host
// and, when the proxy URL had credentials, Proxy-Authorization, and reads the answer's head.
// `done` gets success on a 2xx answer, when the socket is a tunnel to the target; otherwise:
//   kUnavailable  a non-2xx answer: "proxy refused CONNECT: 407 Proxy Authentication Required"
//   kMalformed    an unparseable answer, headers over kConnectAnswerHeaderLimit, or bytes after
//                 the 2xx head (the target speaks only after the TLS ClientHello)
//   kIo           the write failed, or the proxy closed or reset the connection
// Neither the request nor an error names the credentials. Closing the socket ends the operation
// (operation_aborted, as kIo). `socket`, `target` and `proxy` must outlive the operation; the
// rest it owns.
void AsyncOpenTunnel(boost::asio::ip::tcp::socket& socket, const Url& target,
                     const ProxyEndpoint& proxy, TunnelHandler done);

// Turns a request for an http origin into one for the forward proxy: the absolute-form target
// ("http://host:port/path?query") and Proxy-Authorization when the proxy has credentials.
void ForwardThroughProxy(boost::beast::http::request<boost::beast::http::string_body>& request,
                         const Url& target, const ProxyEndpoint& proxy);

}  // namespace fareflow::net

#endif  // FAREFLOW_NET_PROXY_TUNNEL_H_
