// https through net::HttpClient against a TLS loopback peer whose certificates are made in memory
// at test time (tests/support/test_certificates.h), so no key material lives in the repository.

#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <thread>

#include <openssl/ssl.h>

#include <gtest/gtest.h>
#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

#include "net/http_client.h"
#include "net/http_server.h"
#include "net/scripted_peer.h"
#include "net/tls_client_context.h"
#include "support/test_certificates.h"

namespace fareflow::net {
namespace {

using std::chrono::milliseconds;
using testing_support::CertificateSpec;
using testing_support::MakeCertificate;
using testing_support::PemPair;
using Clock = std::chrono::steady_clock;

// A TLS server context presenting `leaf` (and `chain`, a CA certificate, after it when given).
std::unique_ptr<boost::asio::ssl::context> ServerContext(const PemPair& leaf,
                                                         const PemPair* chain = nullptr) {
  auto context = std::make_unique<boost::asio::ssl::context>(boost::asio::ssl::context::tls_server);
  EXPECT_TRUE(testing_support::UseCertificate(*context, leaf, chain ? chain->certificate : ""));
  return context;
}

// One certificate for the whole suite, its PEM file as the client's trust anchor, and the TLS
// server context the peers use.
class HttpClientTlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pem_ = new PemPair(MakeCertificate(CertificateSpec{}));
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
    ASSERT_TRUE(testing_support::UseCertificate(server_tls_, *pem_));
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

TEST_F(HttpClientTlsTest, UntrustedSelfSignedCertificateIsATlsFailureNamingTheVerifyResult) {
  ScriptedPeer peer({.answer = kHello, .tls = &server_tls_});
  HttpClient client;  // OpenSSL's default trust anchors do not include the test certificate
  Result<ClientResponse> response = client.Fetch(Get(Https("localhost", peer.port())));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kTls) << response.error().message;
  EXPECT_EQ(response.error().message,
            "TLS: certificate verify failed: self-signed certificate "
            "(X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT)");
  EXPECT_EQ(peer.requests(), 0);
}

TEST_F(HttpClientTlsTest, IpAddressMismatchIsATlsFailureNamingTheVerifyResult) {
  ScriptedPeer peer({.answer = kHello, .tls = &server_tls_});
  HttpClient client(Trusting());
  // Trusted chain, but the certificate names "localhost", not 127.0.0.1.
  Result<ClientResponse> response = client.Fetch(Get(Https("127.0.0.1", peer.port())));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kTls) << response.error().message;
  EXPECT_EQ(response.error().message,
            "TLS: certificate verify failed: IP address mismatch "
            "(X509_V_ERR_IP_ADDRESS_MISMATCH)");
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
  // The server's "HTTP/1.1 400" read as a TLS record: a TLS failure with OpenSSL's reason, not a
  // refused or reset connection.
  EXPECT_EQ(response.error().code, ErrorCode::kTls) << response.error().message;
  EXPECT_EQ(response.error().message.rfind("TLS: ", 0), 0u) << response.error().message;
  EXPECT_EQ(response.error().message.find("certificate"), std::string::npos)
      << response.error().message;
}

TEST_F(HttpClientTlsTest, PlainHttpToATlsServerFailsCleanly) {
  ScriptedPeer peer({.answer = kHello, .tls = &server_tls_});
  HttpClient client;
  Result<ClientResponse> response =
      client.Fetch(Get("http://127.0.0.1:" + std::to_string(peer.port()) + "/"));
  ASSERT_FALSE(response);  // the peer reads no ClientHello and closes, or sends an alert
}

// A test CA the client trusts, and servers presenting certificates it issued: each reason a
// certificate is refused reads as OpenSSL's verify result, by its text and its name.
class TlsVerifyResultTest : public HttpClientTlsTest {
 protected:
  static void SetUpTestSuite() {
    HttpClientTlsTest::SetUpTestSuite();
    ca_ = new PemPair(testing_support::MakeTestCa());
    ca_only_file_ = new std::string(::testing::TempDir() + "fareflow_test_ca_" +
                                    std::to_string(::getpid()) + ".pem");
    std::ofstream(*ca_only_file_) << ca_->certificate;
  }
  static void TearDownTestSuite() {
    std::remove(ca_only_file_->c_str());
    delete ca_only_file_;
    delete ca_;
    HttpClientTlsTest::TearDownTestSuite();
  }

  HttpClientOptions TrustingTheCa() const {
    HttpClientOptions options;
    options.ca_file = *ca_only_file_;
    return options;
  }

  // Fetches https://`host`:port/ from a peer presenting `leaf` (issued by the test CA), and
  // returns the error.
  Error Refusal(const HttpClientOptions& options, const CertificateSpec& leaf,
                std::string_view host = "localhost", bool send_ca = false) {
    const PemPair pem = MakeCertificate(leaf, ca_);
    EXPECT_FALSE(pem.certificate.empty());
    auto context = ServerContext(pem, send_ca ? ca_ : nullptr);
    ScriptedPeer peer({.answer = kHello, .tls = context.get()});
    HttpClient client(options);
    Result<ClientResponse> response = client.Fetch(Get(Https(host, peer.port())));
    EXPECT_EQ(peer.requests(), 0);
    if (response) return Error{ErrorCode::kInternal, "answered", {}};
    return response.error();
  }

  static PemPair* ca_;
  static std::string* ca_only_file_;
};

PemPair* TlsVerifyResultTest::ca_ = nullptr;
std::string* TlsVerifyResultTest::ca_only_file_ = nullptr;

TEST_F(TlsVerifyResultTest, TheTrustedCasCertificateIsAccepted) {
  const PemPair pem = MakeCertificate({}, ca_);
  auto context = ServerContext(pem);
  ScriptedPeer peer({.answer = kHello, .tls = context.get()});
  HttpClient client(TrustingTheCa());
  Result<ClientResponse> response = client.Fetch(Get(Https("localhost", peer.port())));
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->body, "hello tls");
}

TEST_F(TlsVerifyResultTest, AnUnknownCaIsUnableToGetTheLocalIssuer) {
  // Trusting another certificate, not the CA that issued the server's.
  const Error e = Refusal(Trusting(), {});
  EXPECT_EQ(e.code, ErrorCode::kTls) << e.message;
  EXPECT_EQ(e.message,
            "TLS: certificate verify failed: unable to get local issuer certificate "
            "(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY)");
}

TEST_F(TlsVerifyResultTest, AnUnknownRootSentInTheChainIsSelfSignedInChain) {
  const Error e = Refusal(Trusting(), {}, "localhost", /*send_ca=*/true);
  EXPECT_EQ(e.code, ErrorCode::kTls) << e.message;
  EXPECT_EQ(e.message,
            "TLS: certificate verify failed: self-signed certificate in certificate chain "
            "(X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN)");
}

TEST_F(TlsVerifyResultTest, AWrongHostNameIsAHostNameMismatch) {
  const Error e = Refusal(TrustingTheCa(), {.common_name = "suppliers.example",
                                            .subject_alt_name = "DNS:suppliers.example"});
  EXPECT_EQ(e.code, ErrorCode::kTls) << e.message;
  EXPECT_EQ(e.message,
            "TLS: certificate verify failed: hostname mismatch (X509_V_ERR_HOSTNAME_MISMATCH)");
}

TEST_F(TlsVerifyResultTest, AnExpiredCertificateHasExpired) {
  const Error e = Refusal(TrustingTheCa(), {.not_before = -2 * 86400, .not_after = -86400});
  EXPECT_EQ(e.code, ErrorCode::kTls) << e.message;
  EXPECT_EQ(e.message,
            "TLS: certificate verify failed: certificate has expired "
            "(X509_V_ERR_CERT_HAS_EXPIRED)");
}

TEST_F(TlsVerifyResultTest, ACertificateNotValidYetIsNotYetValid) {
  const Error e = Refusal(TrustingTheCa(), {.not_before = 86400, .not_after = 2 * 86400});
  EXPECT_EQ(e.code, ErrorCode::kTls) << e.message;
  EXPECT_EQ(e.message,
            "TLS: certificate verify failed: certificate is not yet valid "
            "(X509_V_ERR_CERT_NOT_YET_VALID)");
}

TEST_F(TlsVerifyResultTest, WithoutVerificationTheyAreAllAccepted) {
  HttpClientOptions options = TrustingTheCa();
  options.verify_peer = false;
  const PemPair pem = MakeCertificate({.not_before = -2 * 86400, .not_after = -86400});
  auto context = ServerContext(pem);
  ScriptedPeer peer({.answer = kHello, .tls = context.get()});
  HttpClient client(options);
  Result<ClientResponse> response = client.Fetch(Get(Https("localhost", peer.port())));
  ASSERT_TRUE(response) << response.error().message;
}

TEST_F(HttpClientTlsTest, AServerOnlyOfferingAnOldProtocolIsATlsFailureWithOpenSslsReason) {
  ASSERT_EQ(SSL_CTX_set_min_proto_version(server_tls_.native_handle(), TLS1_VERSION), 1);
  ASSERT_EQ(SSL_CTX_set_max_proto_version(server_tls_.native_handle(), TLS1_1_VERSION), 1);
  ScriptedPeer peer({.answer = kHello, .tls = &server_tls_});
  HttpClient client(Trusting());
  Result<ClientResponse> response = client.Fetch(Get(Https("localhost", peer.port())));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kTls) << response.error().message;
  EXPECT_NE(response.error().message.find("alert protocol version"), std::string::npos)
      << response.error().message;
}

TEST_F(HttpClientTlsTest, AServerAlertAfterTheHandshakeIsATlsFailureNotAnIoError) {
  // TLS 1.3: the server checks the client's certificate after the client's side of the handshake
  // is done, so its alert arrives where the answer was expected.
  server_tls_.set_verify_mode(boost::asio::ssl::verify_peer |
                              boost::asio::ssl::verify_fail_if_no_peer_cert);
  ScriptedPeer peer({.answer = kHello, .tls = &server_tls_});
  HttpClient client(Trusting());
  Result<ClientResponse> response = client.Fetch(Get(Https("localhost", peer.port())));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kTls) << response.error().message;
  EXPECT_EQ(response.error().message, "TLS: tlsv13 alert certificate required");
  EXPECT_EQ(peer.connections(), 1) << "a TLS failure is not retried";
}

TEST_F(HttpClientTlsTest, AServerClosingDuringTheHandshakeIsATlsFailure) {
  // Reads the ClientHello and closes without a word, as some servers do with a hello they refuse.
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  std::thread peer([&] {
    boost::system::error_code ec;
    boost::asio::ip::tcp::socket socket = acceptor.accept(ec);
    if (ec) return;
    char hello[4096];
    socket.read_some(boost::asio::buffer(hello), ec);
    socket.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
    socket.close(ec);
  });
  HttpClient client(Trusting());
  Result<ClientResponse> response =
      client.Fetch(Get(Https("localhost", acceptor.local_endpoint().port())));
  peer.join();
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kTls) << response.error().message;
  EXPECT_EQ(response.error().message, "TLS: the server closed the connection during the handshake");
}

// A pooled connection on which the server's next record does not decrypt: a TLS failure, not the
// stale connection the one retry is for, so no second connection is opened.
TEST_F(HttpClientTlsTest, ATlsFailureOnAPooledConnectionIsNotRetried) {
  using tcp = boost::asio::ip::tcp;
  boost::asio::io_context io;
  tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  std::atomic<int> handshakes{0};
  std::thread peer([&] {
    for (int i = 0; i < 2; ++i) {
      boost::system::error_code ec;
      boost::asio::ssl::stream<tcp::socket> stream(acceptor.accept(ec), server_tls_);
      if (ec || stream.handshake(boost::asio::ssl::stream_base::server, ec)) return;
      ++handshakes;
      boost::asio::streambuf in;
      boost::asio::read_until(stream, in, "\r\n\r\n", ec);
      in.consume(in.size());
      const std::string answer = "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nhello tls";
      boost::asio::write(stream, boost::asio::buffer(answer), ec);
      if (i == 1 || ec) return;
      // The second request, answered by an application data record no key decrypts.
      boost::asio::read_until(stream, in, "\r\n\r\n", ec);
      const std::string garbage = std::string("\x17\x03\x03\x00\x20", 5) + std::string(32, 'x');
      boost::asio::write(stream.next_layer(), boost::asio::buffer(garbage), ec);
      char rest[64];
      while (!ec) stream.next_layer().read_some(boost::asio::buffer(rest), ec);
    }
  });
  HttpClient client(Trusting());
  const std::string url = Https("localhost", acceptor.local_endpoint().port());
  Result<ClientResponse> first = client.Fetch(Get(url));
  ASSERT_TRUE(first) << first.error().message;
  Result<ClientResponse> second = client.Fetch(Get(url));
  // Ends the peer's wait for a second connection, if it still waits.
  boost::system::error_code ignored;
  tcp::socket(io).connect(acceptor.local_endpoint(), ignored);
  peer.join();
  ASSERT_FALSE(second) << "answered on a second connection";
  EXPECT_EQ(second.error().code, ErrorCode::kTls) << second.error().message;
  EXPECT_EQ(second.error().message.rfind("TLS: ", 0), 0u) << second.error().message;
  EXPECT_EQ(handshakes.load(), 1);
  EXPECT_EQ(client.connections_opened(), 1u);
}

}  // namespace
}  // namespace fareflow::net
