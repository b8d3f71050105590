// The official Amadeus Node SDK (npm package `amadeus`, pinned in tests/sdk/package-lock.json)
// against `fareflow serve` by host: Flight Cheapest Date Search, Flight Inspiration Search and
// Flight Offers Search as a client written for Amadeus calls them, over the built-in supplier.
// Fails (does not skip) when node or the SDK is missing: scripts/install-deps installs both.

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "core/money.h"
#include "support/child_process.h"
#include "support/dates.h"
#include "support/run_command.h"

namespace fareflow::server {
namespace {

using testing_support::ChildProcess;
using testing_support::RunCommand;

const std::string kSdkDir = std::string(FAREFLOW_SOURCE_DIR) + "/tests/sdk";
constexpr char kClientId[] = "sdk-app";
constexpr char kClientSecret[] = "sdk-s3cret";

// The port `fareflow serve` announces; 0 when it did not.
uint16_t ListeningPort(ChildProcess& process) {
  const std::string prefix = "fareflow serve: listening on http://127.0.0.1:";
  for (int i = 0; i < 10; ++i) {
    const std::string line = process.ReadLine();
    if (line.empty()) return 0;
    if (line.starts_with(prefix)) {
      return static_cast<uint16_t>(std::stoi(line.substr(prefix.size())));
    }
  }
  return 0;
}

std::string Str(simdjson::dom::element e) {
  std::string_view s;
  return e.get_string().get(s) ? std::string() : std::string(s);
}

// A price.total as minor units; -1 when it is no amount.
int64_t Total(simdjson::dom::element item) {
  return ParseDecimalMinor(Str(item["price"]["total"]), 2).value_or(-1);
}

TEST(AmadeusSdkTest, TheNodeSdkCallsTheFacadeByHost) {
  ASSERT_EQ(RunCommand("node --version >/dev/null 2>&1").status, 0)
      << "node is not installed: run scripts/install-deps (Debian: apt-get install nodejs npm)";
  ASSERT_TRUE(std::filesystem::exists(kSdkDir + "/node_modules/amadeus/package.json"))
      << "the Amadeus Node SDK is not installed: run scripts/install-deps, or `npm ci` in "
      << kSdkDir;

  const char* path = std::getenv("PATH");
  ChildProcess process({FAREFLOW_BINARY, "serve", "--port", "0", "--builtin-offers", "100"},
                       {.env = std::vector<std::string>{
                            std::string("PATH=") + (path != nullptr ? path : "/usr/bin"),
                            std::string("FAREFLOW_FACADE_CLIENT_ID=") + kClientId,
                            std::string("FAREFLOW_FACADE_CLIENT_SECRET=") + kClientSecret}});
  const uint16_t port = ListeningPort(process);
  ASSERT_NE(port, 0);
  const std::string host = "http://127.0.0.1:" + std::to_string(port);

  const std::string dates =
      testing_support::DaysFromNow(30) + "," + testing_support::DaysFromNow(32);
  const testing_support::CommandOutput out =
      RunCommand("cd '" + kSdkDir + "' && node facade_client.js " + std::to_string(port) + " " +
                 kClientId + " " + kClientSecret + " MAD BCN " + dates);
  EXPECT_EQ(out.status, 0) << out.text;

  simdjson::dom::parser parser;
  simdjson::dom::array results;
  ASSERT_FALSE(parser.parse(out.text).get_array().get(results)) << out.text;
  ASSERT_EQ(results.size(), 3u);

  const simdjson::dom::element flight_dates = results.at(0);
  EXPECT_EQ(Str(flight_dates["name"]), "flightDates");
  EXPECT_EQ(int64_t(flight_dates["status"]), 200) << out.text;
  simdjson::dom::array data;
  ASSERT_FALSE(flight_dates["data"].get_array().get(data)) << out.text;
  ASSERT_EQ(data.size(), 3u) << out.text;  // one per departure date, the built-in answers any
  for (simdjson::dom::element item : data) {
    EXPECT_EQ(Str(item["type"]), "flight-date");
    EXPECT_EQ(Str(item["origin"]), "MAD");
    EXPECT_EQ(Str(item["destination"]), "BCN");
    EXPECT_GT(Total(item), 0);
    EXPECT_TRUE(Str(item["links"]["flightOffers"])
                    .starts_with(host + "/v2/shopping/flight-offers?originLocationCode=MAD&"
                                        "destinationLocationCode=BCN&departureDate="))
        << Str(item["links"]["flightOffers"]);
  }
  EXPECT_TRUE(Str(flight_dates["meta"]["links"]["self"]).starts_with(host + "/v1/shopping/"))
      << out.text;

  const simdjson::dom::element destinations = results.at(1);
  EXPECT_EQ(Str(destinations["name"]), "flightDestinations");
  EXPECT_EQ(int64_t(destinations["status"]), 200) << out.text;
  ASSERT_FALSE(destinations["data"].get_array().get(data)) << out.text;
  ASSERT_GT(data.size(), 10u) << out.text;
  int64_t last = 0;
  for (simdjson::dom::element item : data) {
    EXPECT_EQ(Str(item["type"]), "flight-destination");
    EXPECT_EQ(Str(item["origin"]), "MAD");
    EXPECT_GE(Total(item), last) << "cheapest first";
    last = Total(item);
    EXPECT_TRUE(Str(item["links"]["flightDates"])
                    .starts_with(host + "/v1/shopping/flight-dates?origin=MAD&destination=" +
                                 Str(item["destination"])))
        << Str(item["links"]["flightDates"]);
    EXPECT_TRUE(Str(item["links"]["flightOffers"]).starts_with(host + "/v2/shopping/"));
  }

  const simdjson::dom::element offers = results.at(2);
  EXPECT_EQ(Str(offers["name"]), "flightOffersSearch");
  EXPECT_EQ(int64_t(offers["status"]), 200) << out.text;
  ASSERT_FALSE(offers["data"].get_array().get(data)) << out.text;
  ASSERT_GT(data.size(), 0u);
  EXPECT_EQ(Str(data.at(0)["type"]), "flight-offer");
  EXPECT_EQ(process.Stop(), 0);
}

}  // namespace
}  // namespace fareflow::server
