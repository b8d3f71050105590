#ifndef FAREFLOW_NET_TLS_CLIENT_CONTEXT_H_
#define FAREFLOW_NET_TLS_CLIENT_CONTEXT_H_

#include <array>
#include <memory>
#include <span>
#include <string>

#include <boost/asio/ssl/context.hpp>
#include <boost/system/error_code.hpp>

#include "core/result.h"
#include "net/client_connection.h"

namespace fareflow::net {

// Where Linux distributions keep their PEM bundle of trust anchors: Debian and Ubuntu; Amazon
// Linux 2023 (Lambda's provided.al2023), Fedora and RHEL; Alpine.
inline constexpr std::array<const char*, 3> kSystemTrustBundles = {
    "/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem"};

// The first readable file of `candidates`; empty when there is none.
std::string SystemTrustBundle(std::span<const char* const> candidates = kSystemTrustBundles);

// The OpenSSL client context an HttpClient shares between its https connections: TLS 1.2 or
// newer, trust anchors from `ca_file` (PEM) or, when it is empty, OpenSSL's default verify paths
// and, unless SSL_CERT_FILE names a file, the system bundle (SystemTrustBundle). Fails with
// kInvalidArgument when the trust anchors cannot be loaded.
Result<std::unique_ptr<boost::asio::ssl::context>> MakeTlsClientContext(const std::string& ca_file);

// Prepares a connection's TLS stream for the handshake with `host`: SNI (for host names; RFC 6066
// forbids it for IP literals) and, when `verify_peer`, verification of the chain and of the name
// or IP address against the certificate (by OpenSSL itself, so that a mismatch is its verify
// result X509_V_ERR_HOSTNAME_MISMATCH or X509_V_ERR_IP_ADDRESS_MISMATCH). Fails with
// kInvalidArgument when OpenSSL refuses the name.
Result<void> PrepareTlsHandshake(ClientConnection::TlsStream& stream, const std::string& host,
                                 bool verify_peer);

// Whether `ec` is a failure of TLS itself -- OpenSSL refused the peer's certificate, protocol
// version or records, or the peer sent an alert -- rather than of the connection under it
// (refused, reset, closed).
bool IsTlsFailure(const boost::system::error_code& ec);

// A TLS failure (IsTlsFailure) of `stream` as a kTls error that names OpenSSL's reason and, when
// the certificate was refused, the verify result by its text and its name:
// "TLS: certificate verify failed: certificate has expired (X509_V_ERR_CERT_HAS_EXPIRED)",
// "TLS: wrong version number", "TLS: tlsv1 alert protocol version".
Error TlsFailure(ClientConnection::TlsStream& stream, const boost::system::error_code& ec);

}  // namespace fareflow::net

#endif  // FAREFLOW_NET_TLS_CLIENT_CONTEXT_H_
