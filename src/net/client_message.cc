#include "net/client_message.h"

#include <stdexcept>
#include <string>
#include <utility>

#include "net/wire_exchange.h"

namespace fareflow::net {
namespace http = boost::beast::http;

namespace {

// RFC 9110 token characters, for methods and header names.
bool IsToken(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

bool IsSafeHeaderValue(std::string_view value) {
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

bool HasHeader(const ClientRequest& request, std::string_view name) {
  for (const auto& [key, value] : request.headers) {
    if (EqualsIgnoreCase(key, name)) return true;
  }
  return false;
}

bool ExpectsBody(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH";
}

}  // namespace

Result<ClientWireRequest> BuildWireRequest(const ClientRequest& request, const Url& url,
                                           std::string_view user_agent) {
  if (!IsToken(request.method)) {
    return MakeError(ErrorCode::kInvalidArgument, "bad HTTP method \"" + request.method + "\"");
  }
  for (const auto& [name, value] : request.headers) {
    if (!IsToken(name) || !IsSafeHeaderValue(value)) {
      return MakeError(ErrorCode::kInvalidArgument, "bad request header \"" + name + "\"");
    }
  }
  // Beast throws std::length_error for a header name or value over 64 KiB.
  try {
    ClientWireRequest wire;
    wire.method_string(request.method);
    wire.target(url.target);
    wire.version(11);
    if (!HasHeader(request, "Host")) wire.set(http::field::host, url.HostHeader());
    if (!HasHeader(request, "User-Agent") && !user_agent.empty()) {
      wire.set(http::field::user_agent, user_agent);
    }
    if (request.accept_gzip && !HasHeader(request, "Accept-Encoding")) {
      wire.set(http::field::accept_encoding, "gzip");
    }
    for (const auto& [name, value] : request.headers) wire.insert(name, value);
    if (!request.body.empty() || ExpectsBody(request.method)) {
      wire.body() = request.body;
      wire.content_length(request.body.size());
    }
    return wire;
  } catch (const std::length_error& e) {
    return MakeError(ErrorCode::kInvalidArgument, std::string("request header: ") + e.what());
  }
}

ClientResponse ToClientResponse(ClientWireResponse wire) {
  ClientResponse response;
  response.status = static_cast<int>(wire.result_int());
  for (const auto& field : wire) {
    response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  ClientBody::value_type& body = wire.body();
  response.wire_bytes = body.wire_bytes;
  response.body = std::move(body.data);
  response.cut = body.cut;
  return response;
}

}  // namespace fareflow::net
