// `fareflow serve` reaching its suppliers through a forward proxy started by the test
// (tests/support/forward_proxy.h): chosen by HTTP_PROXY in the environment or by the
// configuration's `proxy` object, named without credentials in the startup log, and refused at
// start when it is not an http:// proxy.

#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "app/service_processes.h"
#include "core/base64.h"
#include "support/child_process.h"
#include "support/forward_proxy.h"
#include "support/http_test_client.h"

extern char** environ;

namespace fareflow {
namespace {

using testing_support::ChildProcess;
using testing_support::DaysFromNow;
using testing_support::Emulator;
using testing_support::EmulatorSuppliers;
using testing_support::Fetch;
using testing_support::ForwardProxy;
using testing_support::Server;
using testing_support::SetEmulatorCredentials;
using testing_support::TestResponse;

// This process's environment without any proxy variable, plus `extra` ("NAME=value").
std::vector<std::string> EnvironmentWith(const std::vector<std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry(*e);
    const std::string name = entry.substr(0, entry.find('='));
    if (name == "http_proxy" || name == "HTTP_PROXY" || name == "https_proxy" ||
        name == "HTTPS_PROXY" || name == "no_proxy" || name == "NO_PROXY") {
      continue;
    }
    env.push_back(entry);
  }
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

// `fareflow serve` with standard error folded into standard output, so that the startup log
// can be read line by line.
struct Service {
  Service(const std::string& config, const std::vector<std::string>& env)
      : process(std::make_unique<ChildProcess>(
            std::vector<std::string>{"/bin/sh", "-c",
                                     "exec \"$0\" serve --port 0 --config \"$1\" 2>&1",
                                     FAREFLOW_BINARY, config},
            testing_support::SpawnOptions{.env = EnvironmentWith(env)})) {
    // Every line up to the one that says where to connect.
    for (int i = 0; i < 20; ++i) {
      const std::string line = process->ReadLine();
      if (line.empty()) break;
      log += line + "\n";
      const std::string announce = "listening on http://127.0.0.1:";
      if (std::size_t at = line.find(announce); at != std::string::npos) {
        port = static_cast<uint16_t>(std::stoi(line.substr(at + announce.size())));
        break;
      }
    }
  }
  std::unique_ptr<ChildProcess> process;
  std::string log;  // the startup lines, standard error included
  uint16_t port = 0;
};

class ProxyServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("fareflow-proxy-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    SetEmulatorCredentials();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // A configuration with the built-in supplier and both emulators, and `extra` members.
  std::string WriteConfig(uint16_t amadeus_port, uint16_t duffel_port,
                          const std::string& extra = "") {
    const std::string path = (dir_ / "fareflow.json").string();
    std::ofstream(path) << R"({"search":{"default_deadline_ms":10000},)" << extra
                        << EmulatorSuppliers(amadeus_port, duffel_port) << "}";
    return path;
  }

  std::filesystem::path dir_;
};

std::string OneWay() {
  return R"({"slices":[{"origin":"LHR","destination":"JFK","departure_date":")" + DaysFromNow(30) +
         R"("}],"passengers":{"adults":1},"limit":5})";
}

// The status of supplier `name` in a v1 answer; empty when absent.
std::string StatusOf(const std::string& body, std::string_view name) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::array suppliers;
  if (parser.parse(body).get(doc) || doc["suppliers"].get_array().get(suppliers)) return "";
  for (simdjson::dom::element s : suppliers) {
    std::string_view n, status;
    if (s["name"].get_string().get(n) || s["status"].get_string().get(status)) continue;
    if (n == name) return std::string(status);
  }
  return "";
}

// How many requests the proxy forwarded to the origin on `port`.
int ForwardedTo(const ForwardProxy& proxy, uint16_t port) {
  int count = 0;
  const std::string origin = "http://127.0.0.1:" + std::to_string(port) + "/";
  for (const auto& seen : proxy.seen()) {
    if (seen.target.rfind(origin, 0) == 0) ++count;
  }
  return count;
}

TEST_F(ProxyServiceTest, SuppliersAreCalledThroughHttpProxyFromTheEnvironment) {
  Server amadeus = Emulator("amadeus");
  Server duffel = Emulator("duffel");
  ASSERT_NE(amadeus.port, 0);
  ASSERT_NE(duffel.port, 0);
  const std::string basic = "Basic " + EncodeBase64("svc@corp:pa ss");
  ForwardProxy proxy({.required_authorization = basic});
  Service service(WriteConfig(amadeus.port, duffel.port),
                  {"HTTP_PROXY=" + proxy.Url("svc%40corp:pa%20ss")});
  ASSERT_NE(service.port, 0) << service.log;
  EXPECT_NE(service.log.find("http suppliers through proxy " + proxy.Url() + " (HTTP_PROXY)"),
            std::string::npos)
      << service.log;
  EXPECT_EQ(service.log.find("pa%20ss"), std::string::npos) << service.log;

  const TestResponse r = Fetch(service.port, "POST", "/v1/searches", OneWay());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(StatusOf(r.body, "duffel-emu"), "ok") << r.body.substr(0, 3000);
  EXPECT_EQ(StatusOf(r.body, "amadeus-emu"), "ok") << r.body.substr(0, 3000);
  EXPECT_GE(ForwardedTo(proxy, duffel.port), 1);
  EXPECT_GE(ForwardedTo(proxy, amadeus.port), 2);  // the token, then the search
  for (const auto& seen : proxy.seen()) EXPECT_EQ(seen.proxy_authorization, basic);
}

TEST_F(ProxyServiceTest, TheConfigurationKeyOverridesTheEnvironmentAndNoProxyBypasses) {
  Server amadeus = Emulator("amadeus");
  Server duffel = Emulator("duffel");
  ASSERT_NE(amadeus.port, 0);
  ASSERT_NE(duffel.port, 0);
  ForwardProxy proxy;
  // The environment names a proxy nobody listens on; the configuration's wins.
  const std::string proxy_object = R"("proxy":{"http":")" + proxy.Url() +
                                   R"(","no_proxy":"127.0.0.1:)" + std::to_string(amadeus.port) +
                                   R"("},)";
  Service service(WriteConfig(amadeus.port, duffel.port, proxy_object),
                  {"HTTP_PROXY=http://127.0.0.1:1", "NO_PROXY=*"});
  ASSERT_NE(service.port, 0) << service.log;
  EXPECT_NE(service.log.find("through proxy " + proxy.Url() + " (proxy.http)"), std::string::npos)
      << service.log;

  const TestResponse r = Fetch(service.port, "POST", "/v1/searches", OneWay());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(StatusOf(r.body, "duffel-emu"), "ok") << r.body.substr(0, 3000);
  EXPECT_EQ(StatusOf(r.body, "amadeus-emu"), "ok") << r.body.substr(0, 3000);
  EXPECT_GE(ForwardedTo(proxy, duffel.port), 1);
  EXPECT_EQ(ForwardedTo(proxy, amadeus.port), 0);  // listed in proxy.no_proxy: direct
}

TEST_F(ProxyServiceTest, AProxyTheClientCannotUseStopsTheStartNamingTheVariable) {
  const std::string config = WriteConfig(1, 1);
  Service refused(config, {"HTTPS_PROXY=https://svc:top-secret@proxy.corp:443"});
  EXPECT_EQ(refused.port, 0);
  EXPECT_NE(refused.log.find("HTTPS_PROXY: invalid proxy URL"), std::string::npos) << refused.log;
  EXPECT_NE(refused.log.find("not supported"), std::string::npos) << refused.log;
  EXPECT_EQ(refused.log.find("top-secret"), std::string::npos) << refused.log;
  ASSERT_TRUE(refused.process->WaitExit(std::chrono::seconds(5)));
  EXPECT_EQ(refused.process->Stop(), 2);

  // The lower-case name wins when both are set, as in curl: the broken upper-case one is unused.
  Service started(config, {"https_proxy=http://proxy.corp:3128", "HTTPS_PROXY=socks5://x:1"});
  EXPECT_NE(started.port, 0) << started.log;
  EXPECT_NE(started.log.find("https suppliers through proxy http://proxy.corp:3128 (https_proxy)"),
            std::string::npos)
      << started.log;
}

}  // namespace
}  // namespace fareflow
