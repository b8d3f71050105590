// https through net::HttpClient against a TLS loopback peer whose self-signed certificate is made
// in memory at test time (OpenSSL's C API), so no key material lives in the repository.

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <boost/asio/buffer.hpp>
#include <boost/asio/ssl/context.hpp>

#include "net/http_client.h"
#include "net/http_server.h"
#include "net/scripted_peer.h"
#include "net/tls_client_context.h"

namespace fareflow::net {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

struct PemPair {
  std::string certificate;
  std::string private_key;
};

std::string DrainBio(BIO* bio) {
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

// A P-256 key and a self-signed certificate for "localhost" (DNS name only, no IP address),
// valid from an hour ago for a day.
PemPair MakeSelfSignedLocalhost() {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
  if (!key || !cert) return {};
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, cert.get(), cert.get(), nullptr, nullptr, 0);
  X509_EXTENSION* san =
      X509V3_EXT_conf_nid(nullptr, &context, NID_subject_alt_name, "DNS:localhost");
  if (!san) return {};
  X509_add_ext(cert.get(), san, -1);
  X509_EXTENSION_free(san);
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) return {};

  PemPair out;
  std::unique_ptr<BIO, decltype(&BIO_free)> cert_bio(BIO_new(BIO_s_mem()), BIO_free);
  std::unique_ptr<BIO, decltype(&BIO_free)> key_bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_X509(cert_bio.get(), cert.get());
  PEM_write_bio_PrivateKey(key_bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  out.certificate = DrainBio(cert_bio.get());
  out.private_key = DrainBio(key_bio.get());
  return out;
}

// One certificate for the whole suite, its PEM file as the client's trust anchor, and the TLS
// server context the peers use.
class HttpClientTlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pem_ = new PemPair(MakeSelfSignedLocalhost());
    ca_file_ = new std::string(::testing::TempDir() + "fareflow_http_client_ca_" +
                               std::to_string(::getpid()) + ".pem");
    std::ofstream(*ca_file_) << pem_->certificate;
  }
  static void TearDownTestSuite() {
    std::remove(ca_file_->c_str());
    delete ca_file_;
    delete pem_;
  }

  void SetUp() override {
    ASSERT_FALSE(pem_->certificate.empty());
    ASSERT_FALSE(pem_->private_key.empty());
    boost::system::error_code ec;
    server_tls_.use_certificate_chain(boost::asio::buffer(pem_->certificate), ec);
    ASSERT_FALSE(ec) << ec.message();
    server_tls_.use_private_key(boost::asio::buffer(pem_->private_key),
                                boost::asio::ssl::context::pem, ec);
    ASSERT_FALSE(ec) << ec.message();
  }

  HttpClientOptions Trusting() const {
    HttpClientOptions options;
    options.ca_file = *ca_file_;
    return options;
  }

  static ClientRequest Get(std::string url) {
    ClientRequest request;
    request.url = std::move(url);
    request.deadline = Clock::now() + std::chrono::seconds(10);
    return request;
  }

  static PemPair* pem_;
  static std::string* ca_file_;
  boost::asio::ssl::context server_tls_{boost::asio::ssl::context::tls_server};
};

PemPair* HttpClientTlsTest::pem_ = nullptr;
std::string* HttpClientTlsTest::ca_file_ = nullptr;

const char kHello[] = "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nhello tls";

std::string Https(std::string_view host, uint16_t port) {
  return "https://" + std::string(host) + ":" + std::to_string(port) + "/";
}

TEST_F(HttpClientTlsTest, VerifiedRoundTripSendsSniAndKeepsTheConnection) {
  ScriptedPeer peer({.answer = kHello, .close_after_answer = false, .tls = &server_tls_});
  HttpClient client(Trusting());
  for (int i = 0; i < 2; ++i) {
    Result<ClientResponse> response = client.Fetch(Get(Https("localhost", peer.port())));
    ASSERT_TRUE(response) << response.error().message;
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, "hello tls");
  }
  EXPECT_EQ(peer.server_name(), "localhost");
  EXPECT_EQ(client.connections_opened(), 1u);
  EXPECT_EQ(peer.connections(), 1);
}

TEST_F(HttpClientTlsTest, UntrustedCertificateIsUnavailable) {
  ScriptedPeer peer({.answer = kHello, .tls = &server_tls_});
  HttpClient client;  // OpenSSL's default trust anchors do not include the test certificate
  Result<ClientResponse> response = client.Fetch(Get(Https("localhost", peer.port())));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kUnavailable) << response.error().message;
}

TEST_F(HttpClientTlsTest, HostNameMismatchIsUnavailable) {
  ScriptedPeer peer({.answer = kHello, .tls = &server_tls_});
  HttpClient client(Trusting());
  // Trusted chain, but the certificate names "localhost", not 127.0.0.1.
  Result<ClientResponse> response = client.Fetch(Get(Https("127.0.0.1", peer.port())));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kUnavailable) << response.error().message;
}

TEST_F(HttpClientTlsTest, WithoutVerificationAnyCertificateIsAccepted) {
  ScriptedPeer peer({.answer = kHello, .tls = &server_tls_});
  HttpClientOptions options;
  options.verify_peer = false;
  HttpClient client(options);
  Result<ClientResponse> response = client.Fetch(Get(Https("127.0.0.1", peer.port())));
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->body, "hello tls");
  EXPECT_EQ(peer.server_name(), "");  // no SNI for an IP address
}

// Many TLS servers close without close_notify; that still ends a body that runs until close.
TEST_F(HttpClientTlsTest, BodyUntilCloseWithoutCloseNotify) {
  ScriptedPeer peer({.answer = "HTTP/1.1 200 OK\r\n\r\nuntil eof", .tls = &server_tls_});
  HttpClient client(Trusting());
  Result<ClientResponse> response = client.Fetch(Get(Https("localhost", peer.port())));
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->body, "until eof");
}

TEST_F(HttpClientTlsTest, UnreadableCaFileIsInvalidArgument) {
  HttpClientOptions options;
  options.ca_file = "/nonexistent/ca.pem";
  HttpClient client(options);
  Result<ClientResponse> response = client.Fetch(Get("https://localhost:1/"));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kInvalidArgument) << response.error().message;
}

TEST(SystemTrustBundleTest, TheFirstReadableCandidateIsTheBundle) {
  const std::string present = ::testing::TempDir() + "fareflow-bundle.pem";
  std::ofstream(present) << "-----BEGIN CERTIFICATE-----\n";
  const std::array<const char*, 3> candidates = {"/nonexistent/a.pem", present.c_str(),
                                                 "/etc/hostname"};
  EXPECT_EQ(SystemTrustBundle(candidates), present);
  const std::array<const char*, 1> none = {"/nonexistent/b.pem"};
  EXPECT_EQ(SystemTrustBundle(none), "");
  std::remove(present.c_str());
  // On this Debian machine the Debian bundle is the one found.
  EXPECT_EQ(SystemTrustBundle(), "/etc/ssl/certs/ca-certificates.crt");
}

TEST_F(HttpClientTlsTest, HttpsToAPlainHttpServerFailsCleanly) {
  HttpServer server({}, [](std::shared_ptr<Exchange> exchange) {
    WireResponse response;
    response.body = "plain";
    exchange->Respond(std::move(response));
  });
  ASSERT_TRUE(server.Start());
  HttpClient client(Trusting());
  Result<ClientResponse> response = client.Fetch(Get(Https("localhost", server.port())));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kUnavailable) << response.error().message;
}

TEST_F(HttpClientTlsTest, PlainHttpToATlsServerFailsCleanly) {
  ScriptedPeer peer({.answer = kHello, .tls = &server_tls_});
  HttpClient client;
  Result<ClientResponse> response =
      client.Fetch(Get("http://127.0.0.1:" + std::to_string(peer.port()) + "/"));
  ASSERT_FALSE(response);  // the peer reads no ClientHello and closes, or sends an alert
}

}  // namespace
}  // namespace fareflow::net
