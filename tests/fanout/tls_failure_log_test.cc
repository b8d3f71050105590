// A supplier refused by TLS: its status and reason through the fan-out, and the one log line its
// failures make until it answers again.

#include "fanout/tls_failure_log.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/buffer.hpp>
#include <boost/asio/ssl/context.hpp>

#include "fanout/fan_out_fixture.h"
#include "net/scripted_peer.h"
#include "support/joined_threads.h"
#include "support/test_certificates.h"

namespace fareflow::testing {
namespace {

using fanout::TlsFailureLog;
using fanout::TlsFailureReport;

constexpr std::string_view kExpired =
    "TLS: certificate verify failed: certificate has expired (X509_V_ERR_CERT_HAS_EXPIRED)";
constexpr std::string_view kMismatch =
    "TLS: certificate verify failed: hostname mismatch (X509_V_ERR_HOSTNAME_MISMATCH)";

TEST(TlsFailureLogTest, TheSameFailureIsNewsOnceUntilTheSupplierAnswersOk) {
  TlsFailureLog log;
  EXPECT_TRUE(log.Record(SupplierStatus::kTlsError, kExpired));
  EXPECT_FALSE(log.Record(SupplierStatus::kTlsError, kExpired));
  EXPECT_FALSE(log.Record(SupplierStatus::kTimeout, "no answer"));  // says nothing of TLS
  EXPECT_FALSE(log.Record(SupplierStatus::kTlsError, kExpired));
  EXPECT_FALSE(log.Record(SupplierStatus::kOk, ""));
  EXPECT_TRUE(log.Record(SupplierStatus::kTlsError, kExpired));  // failed again after answering
}

TEST(TlsFailureLogTest, AnotherReasonIsNews) {
  TlsFailureLog log;
  EXPECT_TRUE(log.Record(SupplierStatus::kTlsError, kExpired));
  EXPECT_TRUE(log.Record(SupplierStatus::kTlsError, kMismatch));
  EXPECT_FALSE(log.Record(SupplierStatus::kTlsError, kMismatch));
}

TEST(TlsFailureLogTest, ManyThreadsFailingAtOnceMakeOneLine) {
  TlsFailureLog log;
  std::atomic<int> news{0};
  {
    testing_support::JoinedThreads threads;
    for (int t = 0; t < 8; ++t) {
      threads.Run([&] {
        for (int i = 0; i < 1000; ++i) news += log.Record(SupplierStatus::kTlsError, kExpired);
      });
    }
  }
  EXPECT_EQ(news.load(), 1);
}

// An https Duffel supplier whose server presents a certificate no trust anchor vouches for (a
// self-signed one, made at test time): a TLS failure, never an io_error.
class FanOutTlsTest : public FanOutTest {
 protected:
  FanOutTlsTest() {
    const testing_support::PemPair pem = testing_support::MakeCertificate({});
    EXPECT_TRUE(testing_support::UseCertificate(server_tls_, pem));
    tls_failures_ = [this](const TlsFailureReport& r) {
      std::lock_guard<std::mutex> lock(mu_);
      lines_.push_back(std::string(r.supplier) + " " + std::string(r.host) + " " +
                       std::string(r.error));
    };
  }

  SupplierConfig UntrustedDuffel() const {
    SupplierConfig c = Duffel();
    c.name = "duffel-tls";
    c.base_url = "https://localhost:" + std::to_string(peer_.port());
    return c;
  }
  std::vector<std::string> Lines() {
    std::lock_guard<std::mutex> lock(mu_);
    return lines_;
  }

  boost::asio::ssl::context server_tls_{boost::asio::ssl::context::tls_server};
  net::ScriptedPeer peer_{
      {.answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}", .tls = &server_tls_}};
  std::mutex mu_;
  std::vector<std::string> lines_;
};

constexpr std::string_view kSelfSigned =
    "TLS: certificate verify failed: self-signed certificate "
    "(X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT)";

TEST_F(FanOutTlsTest, ARefusedCertificateIsTlsErrorWithTheReasonAndRefusedIsStillIoError) {
  SupplierConfig unreachable = Duffel();
  unreachable.name = "duffel-down";
  unreachable.base_url = "http://127.0.0.1:1";  // nothing listens on port 1
  auto fan_out = Make({UntrustedDuffel(), unreachable, Duffel()});
  const std::vector<SupplierOutcome> outcomes = Search(*fan_out);
  ASSERT_EQ(outcomes.size(), 3u);
  EXPECT_EQ(outcomes[0].status, SupplierStatus::kTlsError) << Describe(outcomes[0]);
  EXPECT_EQ(outcomes[0].error, kSelfSigned);
  EXPECT_EQ(outcomes[1].status, SupplierStatus::kIoError) << Describe(outcomes[1]);
  EXPECT_EQ(outcomes[2].status, SupplierStatus::kOk) << Describe(outcomes[2]);
  EXPECT_EQ(peer_.requests(), 0) << "no request goes out over a refused connection";
}

TEST_F(FanOutTlsTest, TwoFailingSearchesLogOneLine) {
  auto fan_out = Make({UntrustedDuffel(), Duffel()});
  for (int i = 0; i < 2; ++i) {
    const std::vector<SupplierOutcome> outcomes = Search(*fan_out);
    EXPECT_EQ(outcomes[0].status, SupplierStatus::kTlsError) << Describe(outcomes[0]);
  }
  EXPECT_EQ(peer_.connections(), 2);
  EXPECT_EQ(Lines(), std::vector<std::string>{"duffel-tls localhost " + std::string(kSelfSigned)});
}

TEST_F(FanOutTlsTest, ATlsErrorCountsAgainstTheCircuitBreaker) {
  SupplierConfig duffel = UntrustedDuffel();
  duffel.breaker_failures = 2;
  auto fan_out = Make({duffel});
  EXPECT_EQ(Search(*fan_out)[0].status, SupplierStatus::kTlsError);
  EXPECT_EQ(Search(*fan_out)[0].status, SupplierStatus::kTlsError);
  EXPECT_EQ(Search(*fan_out)[0].status, SupplierStatus::kSkipped);
  EXPECT_EQ(peer_.connections(), 2);
}

}  // namespace
}  // namespace fareflow::testing
