#include "net/tls_client_context.h"

#include <cstdlib>
#include <string_view>
#include <utility>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <unistd.h>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/error.hpp>

namespace fareflow::net {
namespace asio = boost::asio;
namespace ssl = asio::ssl;

namespace {

// OpenSSL has the text of a verify result (X509_verify_cert_error_string) but not its name, which
// is what an operator searches for. The results a client meets; others show their number.
#define FAREFLOW_VERIFY_RESULT(name) \
  { name, #name }
constexpr std::pair<long, std::string_view> kVerifyResultNames[] = {
    FAREFLOW_VERIFY_RESULT(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT),
    FAREFLOW_VERIFY_RESULT(X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE),
    FAREFLOW_VERIFY_RESULT(X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY),
    FAREFLOW_VERIFY_RESULT(X509_V_ERR_CERT_SIGNATURE_FAILURE),
    FAREFLOW_VERIFY_RESULT(X509_V_ERR_CERT_NOT_YET_VALID),
    FAREFLOW_VERIFY_RESULT(X509_V_ERR_CERT_HAS_EXPIRED),
    FAREFLOW_VERIFY_RESULT(X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD),
    FAREFLOW_VERIFY_RESULT(X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD),
    FAREFLOW_VERIFY_RESULT(X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT),
    FAREFLOW_VERIFY_RESULT(X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN),
    FAREFLOW_VERIFY_RESULT(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY),
    FAREFLOW_VERIFY_RESULT(X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE),
    FAREFLOW_VERIFY_RESULT(X509_V_ERR_CERT_CHAIN_TOO_LONG),
    FAREFLOW_VERIFY_RESULT(X509_V_ERR_CERT_REVOKED),
    FAREFLOW_VERIFY_RESULT(X509_V_ERR_INVALID_CA),
    FAREFLOW_VERIFY_RESULT(X509_V_ERR_PATH_LENGTH_EXCEEDED),
    FAREFLOW_VERIFY_RESULT(X509_V_ERR_INVALID_PURPOSE),
    FAREFLOW_VERIFY_RESULT(X509_V_ERR_CERT_UNTRUSTED),
    FAREFLOW_VERIFY_RESULT(X509_V_ERR_CERT_REJECTED),
    FAREFLOW_VERIFY_RESULT(X509_V_ERR_KEYUSAGE_NO_CERTSIGN),
    FAREFLOW_VERIFY_RESULT(X509_V_ERR_INVALID_EXTENSION),
    FAREFLOW_VERIFY_RESULT(X509_V_ERR_HOSTNAME_MISMATCH),
    FAREFLOW_VERIFY_RESULT(X509_V_ERR_IP_ADDRESS_MISMATCH),
    FAREFLOW_VERIFY_RESULT(X509_V_ERR_EE_KEY_TOO_SMALL),
    FAREFLOW_VERIFY_RESULT(X509_V_ERR_CA_KEY_TOO_SMALL),
    FAREFLOW_VERIFY_RESULT(X509_V_ERR_CA_MD_TOO_WEAK),
};
#undef FAREFLOW_VERIFY_RESULT

std::string VerifyResultName(long result) {
  for (const auto& [code, name] : kVerifyResultNames) {
    if (code == result) return std::string(name);
  }
  return "X509 verify result " + std::to_string(result);
}

}  // namespace

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
  // Checked by OpenSSL during the chain's verification rather than by a verify callback, so that
  // a mismatch is a verify result like any other.
  X509_VERIFY_PARAM* param = SSL_get0_param(stream.native_handle());
  const int named = ip_literal ? X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str())
                               : X509_VERIFY_PARAM_set1_host(param, host.c_str(), host.size());
  if (named != 1) return MakeError(ErrorCode::kInvalidArgument, "TLS: bad server name " + host);
  stream.set_verify_mode(ssl::verify_peer, ec);
  if (ec)
    return MakeError(ErrorCode::kInternal, "TLS: cannot set up verification: " + ec.message());
  return {};
}

bool IsTlsFailure(const boost::system::error_code& ec) {
  return ec.category() == asio::error::get_ssl_category();
}

Error TlsFailure(ClientConnection::TlsStream& stream, const boost::system::error_code& ec) {
  // Asio keeps OpenSSL's packed error code (library and reason) as the value.
  const auto packed = static_cast<unsigned long>(static_cast<unsigned int>(ec.value()));
  const char* reason = ERR_reason_error_string(packed);
  std::string message = "TLS: " + (reason ? std::string(reason) : ec.message());
  if (ERR_GET_LIB(packed) == ERR_LIB_SSL &&
      ERR_GET_REASON(packed) == SSL_R_CERTIFICATE_VERIFY_FAILED) {
    const long result = SSL_get_verify_result(stream.native_handle());
    if (result != X509_V_OK) {
      message += ": ";
      message += X509_verify_cert_error_string(result);
      message += " (" + VerifyResultName(result) + ")";
    }
  }
  return Error{ErrorCode::kTls, std::move(message), {}};
}

}  // namespace fareflow::net
