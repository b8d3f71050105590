// What `fareflow serve` tells an operator about TLS, as the real binary runs: a warning at start
// when SSL_CERT_FILE or SSL_CERT_DIR name what does not exist, and one log line for a supplier
// its certificate gets refused, however many searches fail the same way.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <simdjson.h>
#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include "app/service_processes.h"
#include "net/scripted_peer.h"
#include "support/child_process.h"
#include "support/http_test_client.h"
#include "support/run_command.h"
#include "support/scratch_dir.h"
#include "support/test_certificates.h"

namespace fareflow {
namespace {

using testing_support::ChildProcess;
using testing_support::CommandOutput;
using testing_support::DaysFromNow;
using testing_support::Fetch;
using testing_support::RunCommand;
using testing_support::ScratchDir;
using testing_support::Server;
using testing_support::TestResponse;

// A configuration with the built-in supplier and a Duffel supplier at `duffel_url`.
std::string Config(const std::string& duffel_url) {
  return R"({"search":{"default_deadline_ms":5000},"suppliers":[
    {"name":"builtin","kind":"builtin","max_offers":50},
    {"name":"duffel-tls","kind":"duffel","base_url":")" +
         duffel_url + R"(","token_env":"FF_TEST_DUFFEL_TOKEN","max_offers":50}]})";
}

std::string Search() {
  return R"({"slices":[{"origin":"LHR","destination":"JFK","departure_date":")" + DaysFromNow(30) +
         R"("}],"passengers":{"adults":1},"limit":5})";
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The lines of `text` that contain `needle`.
std::vector<std::string> LinesWith(const std::string& text, const std::string& needle) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.find(needle) != std::string::npos) lines.push_back(line);
  }
  return lines;
}

// `fareflow serve --config` on a port another socket holds: it prints its start-up warnings, then
// fails to listen and exits at once.
CommandOutput ServeOnABusyPort(const std::string& environment, const std::string& config) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor busy(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  const std::string port = std::to_string(busy.local_endpoint().port());
  return RunCommand("env -u SSL_CERT_FILE -u SSL_CERT_DIR " + environment + " timeout 10 " +
                    FAREFLOW_BINARY + " serve --host 127.0.0.1 --port " + port + " --config " +
                    config + " 2>&1");
}

TEST(TrustAnchorWarningTest, AMissingSslCertFileOrDirIsNamedAtStart) {
  ScratchDir dir("fareflow-trust-warn");
  const std::string config = dir.Write("fareflow.json", Config("https://localhost:1"));
  const std::string missing_file = (dir.path() / "missing.pem").string();
  const std::string missing_dir = (dir.path() / "no-certs").string();
  const CommandOutput out =
      ServeOnABusyPort("SSL_CERT_FILE=" + missing_file + " SSL_CERT_DIR=" + missing_dir, config);
  EXPECT_NE(out.status, 0) << out.text;
  EXPECT_NE(out.text.find("fareflow serve: SSL_CERT_FILE=" + missing_file +
                          ": no such file; https suppliers will fail certificate verification\n"),
            std::string::npos)
      << out.text;
  EXPECT_NE(out.text.find("fareflow serve: SSL_CERT_DIR=" + missing_dir +
                          ": no such directory; https suppliers will find no trust anchors there"),
            std::string::npos)
      << out.text;
  EXPECT_NE(out.text.find("cannot listen"), std::string::npos) << out.text;
}

TEST(TrustAnchorWarningTest, AReadableFileOrNoHttpsSupplierGivesNoWarning) {
  ScratchDir dir("fareflow-trust-quiet");
  const std::string missing_file = (dir.path() / "missing.pem").string();
  const std::string bundle = dir.Write("bundle.pem", testing_support::MakeTestCa().certificate);
  const CommandOutput readable = ServeOnABusyPort(
      "SSL_CERT_FILE=" + bundle, dir.Write("https.json", Config("https://localhost:1")));
  EXPECT_EQ(readable.text.find("SSL_CERT"), std::string::npos) << readable.text;
  const CommandOutput plain = ServeOnABusyPort(
      "SSL_CERT_FILE=" + missing_file, dir.Write("http.json", Config("http://127.0.0.1:1")));
  EXPECT_EQ(plain.text.find("SSL_CERT"), std::string::npos) << plain.text;
  EXPECT_NE(plain.text.find("cannot listen"), std::string::npos) << plain.text;
}

// A Duffel supplier behind a server whose certificate no trust anchor vouches for (self-signed,
// made at test time).
TEST(TlsFailureLogLineTest, TwoFailingSearchesAreTlsErrorsAndLogOneLine) {
  const testing_support::PemPair pem = testing_support::MakeCertificate({});
  boost::asio::ssl::context tls(boost::asio::ssl::context::tls_server);
  ASSERT_TRUE(testing_support::UseCertificate(tls, pem));
  net::ScriptedPeer peer({.answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}", .tls = &tls});

  ScratchDir dir("fareflow-tls-log");
  const std::string config =
      dir.Write("fareflow.json", Config("https://localhost:" + std::to_string(peer.port())));
  const std::string err = (dir.path() / "stderr.txt").string();
  testing_support::SetEmulatorCredentials();
  const std::string reason =
      "TLS: certificate verify failed: self-signed certificate "
      "(X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT)";
  {
    Server service({"/bin/sh", "-c",
                    std::string("exec env -u SSL_CERT_FILE -u SSL_CERT_DIR ") + FAREFLOW_BINARY +
                        " serve --port 0 --config " + config + " 2>" + err});
    ASSERT_NE(service.port, 0) << ReadFile(err);
    for (int i = 0; i < 2; ++i) {
      const TestResponse r = Fetch(service.port, "POST", "/v1/searches", Search());
      ASSERT_EQ(r.status, 200) << r.error << r.body;
      simdjson::dom::parser parser;
      simdjson::dom::element doc;
      ASSERT_FALSE(parser.parse(r.body).get(doc)) << r.body;
      std::string_view name, status, error;
      simdjson::dom::element duffel = doc["suppliers"].at(1);
      ASSERT_FALSE(duffel["name"].get_string().get(name)) << r.body;
      EXPECT_EQ(name, "duffel-tls");
      ASSERT_FALSE(duffel["status"].get_string().get(status)) << r.body;
      EXPECT_EQ(status, "tls_error") << r.body;
      ASSERT_FALSE(duffel["error"].get_string().get(error)) << r.body;
      EXPECT_EQ(error, reason) << r.body;
    }
    EXPECT_EQ(peer.connections(), 2);
  }  // stopped: its standard error is complete
  const std::vector<std::string> lines = LinesWith(ReadFile(err), "supplier refused by TLS");
  ASSERT_EQ(lines.size(), 1u) << ReadFile(err);
  EXPECT_EQ(lines[0], R"({"level":"error","message":"supplier refused by TLS",)"
                      R"("supplier":"duffel-tls","host":"localhost","error":")" +
                          reason + R"("})");
}

}  // namespace
}  // namespace fareflow
