#ifndef FAREFLOW_TESTS_EMULATORS_AMADEUS_EMULATOR_HARNESS_H_
#define FAREFLOW_TESTS_EMULATORS_AMADEUS_EMULATOR_HARNESS_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "core/datetime.h"
#include "emulators/amadeus/amadeus_emulator.h"
#include "net/wire_exchange.h"

namespace fareflow::emulators::testing {

// One request as a test writes it; Send turns it into the views a WireRequest holds.
struct Call {
  std::string method = "GET";
  std::string path = "/v2/shopping/flight-offers";
  std::string query;  // raw, "a=1&b=2"
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

inline net::WireResponse Send(AmadeusEmulator& emulator, const Call& call) {
  net::WireRequest request;
  request.method = call.method;
  request.path = call.path;
  request.query = net::ParseQueryString(call.query);
  for (const auto& [name, value] : call.headers) request.headers.emplace_back(name, value);
  request.body = call.body;
  return emulator.Handle(request);
}

// The first issue of an error body, as the spec's Error_400 / Error_500 shape it.
struct FirstIssue {
  int64_t status = 0;
  int64_t code = 0;
  std::string title;
  std::string detail;
  std::string parameter;
  std::string pointer;
  std::size_t count = 0;  // issues in the envelope
};

inline FirstIssue ReadFirstIssue(const std::string& body) {
  FirstIssue out;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  EXPECT_EQ(parser.parse(body).get(root), simdjson::SUCCESS) << body;
  simdjson::dom::array errors;
  EXPECT_EQ(root["errors"].get_array().get(errors), simdjson::SUCCESS) << body;
  out.count = errors.size();
  if (out.count == 0) return out;
  simdjson::dom::element issue = errors.at(0).value();
  out.status = issue["status"].get_int64().value_unsafe();
  out.code = issue["code"].get_int64().value_unsafe();
  out.title = std::string(issue["title"].get_string().value_unsafe());
  std::string_view s;
  if (issue["detail"].get_string().get(s) == simdjson::SUCCESS) out.detail = s;
  if (issue["source"]["parameter"].get_string().get(s) == simdjson::SUCCESS) out.parameter = s;
  if (issue["source"]["pointer"].get_string().get(s) == simdjson::SUCCESS) out.pointer = s;
  return out;
}

// An emulator on a clock the test moves: 2026-06-01T12:00:00Z to begin with.
class EmulatorTest : public ::testing::Test {
 protected:
  static constexpr int64_t kStart = int64_t{DaysFromCivil(2026, 6, 1)} * 86400 + 12 * 3600;

  explicit EmulatorTest(AmadeusEmulatorOptions options = {}) {
    options.now_unix_seconds = [now = now_] { return now->load(); };
    emulator_ = std::make_unique<AmadeusEmulator>(std::move(options));
  }

  void Advance(int64_t seconds) { *now_ += seconds; }

  // Asks the token endpoint for a token with the default credentials.
  std::string Token() {
    Call call;
    call.method = "POST";
    call.path = "/v1/security/oauth2/token";
    call.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
    call.body =
        "grant_type=client_credentials&client_id=fareflow-client&client_secret=fareflow-secret";
    const net::WireResponse response = Send(*emulator_, call);
    EXPECT_EQ(response.status, 200) << response.body;
    simdjson::dom::parser parser;
    std::string_view token;
    EXPECT_EQ(parser.parse(response.body)["access_token"].get_string().get(token),
              simdjson::SUCCESS);
    return std::string(token);
  }

  std::vector<std::pair<std::string, std::string>> Auth() {
    if (token_.empty()) token_ = Token();
    return {{"Authorization", "Bearer " + token_}};
  }

  net::WireResponse Get(const std::string& query) {
    Call call;
    call.query = query;
    call.headers = Auth();
    return Send(*emulator_, call);
  }

  net::WireResponse Post(const std::string& body, bool override_header = true) {
    Call call;
    call.method = "POST";
    call.body = body;
    call.headers = Auth();
    call.headers.emplace_back("Content-Type", "application/vnd.amadeus+json");
    if (override_header) call.headers.emplace_back("X-HTTP-Method-Override", "GET");
    return Send(*emulator_, call);
  }

  std::shared_ptr<std::atomic<int64_t>> now_ = std::make_shared<std::atomic<int64_t>>(kStart);
  std::unique_ptr<AmadeusEmulator> emulator_;
  std::string token_;
};

}  // namespace fareflow::emulators::testing

#endif  // FAREFLOW_TESTS_EMULATORS_AMADEUS_EMULATOR_HARNESS_H_
