#ifndef FAREFLOW_NET_CLIENT_MESSAGE_H_
#define FAREFLOW_NET_CLIENT_MESSAGE_H_

#include <cstddef>
#include <string_view>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "core/result.h"
#include "net/client_connection.h"
#include "net/http_client.h"
#include "net/url.h"

// Conversions between the client's request and answer types and Beast messages. Internal to
// src/net. Thread-safe: no shared state.
namespace fareflow::net {

using ClientWireResponse = boost::beast::http::response<ClientBody>;

// The HTTP/1.1 request for `request` to `url`: Host, User-Agent (`user_agent`) and
// Accept-Encoding (when accept_gzip) unless the caller's headers name them, then the caller's
// headers in order, then Content-Length when there is a body or the method expects one.
// kInvalidArgument when the method or a header name is not a token or a header value holds a
// line break or NUL (either would let a caller's value forge protocol lines).
Result<ClientWireRequest> BuildWireRequest(const ClientRequest& request, const Url& url,
                                           std::string_view user_agent);

// The answer for `wire`, read whole or cut at its limit (ClientBody): status, headers as
// received, and the body as ClientBody decoded it.
ClientResponse ToClientResponse(ClientWireResponse wire);

}  // namespace fareflow::net

#endif  // FAREFLOW_NET_CLIENT_MESSAGE_H_
