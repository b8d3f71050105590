#include "net/tls_client_context.h"

#include <cstdlib>

#include <openssl/ssl.h>
#include <unistd.h>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>

namespace fareflow::net {
namespace asio = boost::asio;
namespace ssl = asio::ssl;

std::string SystemTrustBundle(std::span<const char* const> candidates) {
  for (const char* path : candidates) {
    if (::access(path, R_OK) == 0) return path;
  }
  return {};
}

Result<std::unique_ptr<ssl::context>> MakeTlsClientContext(const std::string& ca_file) {
  auto context = std::make_unique<ssl::context>(ssl::context::tls_client);
  boost::system::error_code ec;
  context->set_options(ssl::context::default_workarounds | ssl::context::no_compression, ec);
  if (SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION) != 1) {
    return MakeError(ErrorCode::kInternal, "TLS: cannot require TLS 1.2");
  }
  if (ca_file.empty()) {
    // OpenSSL's default paths are the build's (Debian: /usr/lib/ssl, also SSL_CERT_FILE and
    // SSL_CERT_DIR); the Lambda package runs on Amazon Linux, whose bundle lives elsewhere. The
    // one environment read below app/: it asks whether OpenSSL itself honours SSL_CERT_FILE here.
    context->set_default_verify_paths(ec);
    const std::string bundle = std::getenv("SSL_CERT_FILE") ? "" : SystemTrustBundle();
    boost::system::error_code bundle_ec;
    if (!bundle.empty()) context->load_verify_file(bundle, bundle_ec);
    if (ec && (bundle.empty() || bundle_ec)) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "TLS: cannot load the default trust anchors: " + ec.message());
    }
  } else {
    context->load_verify_file(ca_file, ec);
    if (ec) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "TLS: cannot load trust anchors from " + ca_file + ": " + ec.message());
    }
  }
  return context;
}

Result<void> PrepareTlsHandshake(ClientConnection::TlsStream& stream, const std::string& host,
                                 bool verify_peer) {
  boost::system::error_code ec;
  asio::ip::make_address(host, ec);
  bool ip_literal = !ec;
  if (!ip_literal && SSL_set_tlsext_host_name(stream.native_handle(), host.c_str()) != 1) {
    return MakeError(ErrorCode::kInvalidArgument, "TLS: bad server name " + host);
  }
  if (!verify_peer) {
    stream.set_verify_mode(ssl::verify_none, ec);
    return {};
  }
  stream.set_verify_mode(ssl::verify_peer, ec);
  if (!ec) stream.set_verify_callback(ssl::host_name_verification(host), ec);
  if (ec)
    return MakeError(ErrorCode::kInternal, "TLS: cannot set up verification: " + ec.message());
  return {};
}

}  // namespace fareflow::net
