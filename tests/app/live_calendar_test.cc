// A price calendar through `fareflow serve --config` as an operator runs it: the real binary over
// loopback HTTP to the real `fareflow-supplier` emulators (with latency) and the built-in
// supplier, filling a 7x7 grid within its budget, then answering it again from the cache alone.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include <simdjson.h>

#include "app/service_processes.h"
#include "support/child_process.h"
#include "support/http_test_client.h"

namespace fareflow {
namespace {

using testing_support::DaysFromNow;
using testing_support::Emulator;
using testing_support::EmulatorSuppliers;
using testing_support::Fetch;
using testing_support::Server;
using testing_support::TestResponse;

struct Coverage {
  int64_t cells = -1, filled = -1, calls = -1, refused = -1;
};

Coverage CoverageOf(simdjson::dom::element doc) {
  Coverage c;
  simdjson::dom::element coverage = doc["summary"]["coverage"];
  EXPECT_FALSE(coverage["cells"].get_int64().get(c.cells));
  EXPECT_FALSE(coverage["filled"].get_int64().get(c.filled));
  EXPECT_FALSE(coverage["supplier_calls"].get_int64().get(c.calls));
  EXPECT_FALSE(coverage["calls_refused"].get_int64().get(c.refused));
  return c;
}

std::string Grid(const std::string& mode, int max_calls) {
  return R"({"origin":"LHR","destination":"JFK","departure":{"from":")" + DaysFromNow(40) +
         R"(","to":")" + DaysFromNow(46) + R"("},"nights":{"min":3,"max":9},"mode":")" + mode +
         R"(","max_calls":)" + std::to_string(max_calls) + "}";
}

TEST(LiveCalendarTest, FillsAGridWithinItsBudgetThenAnswersItFromTheCacheWithNoCall) {
  testing_support::SetEmulatorCredentials();
  constexpr int kLatencyMs = 300;
  Server amadeus = Emulator("amadeus", {"--latency-ms", std::to_string(kLatencyMs), "--client-id",
                                        "fareflow-client", "--client-secret", "fareflow-secret"});
  Server duffel = Emulator("duffel", {"--latency-ms", std::to_string(kLatencyMs), "--access-token",
                                      "duffel_test_fareflow"});
  ASSERT_NE(amadeus.port, 0);
  ASSERT_NE(duffel.port, 0);
  const std::filesystem::path config =
      std::filesystem::temp_directory_path() /
      ("fareflow-live-calendar-" + std::to_string(::getpid()) + ".json");
  std::ofstream(config) << R"({"calendar":{"max_calls":80},)"
                        << EmulatorSuppliers(amadeus.port, duffel.port) << "}";
  Server service({FAREFLOW_BINARY, "serve", "--port", "0", "--config", config.string()});
  ASSERT_NE(service.port, 0);

  // Budget 80 (the configuration's cap, under the 1000 asked): 40 cells of two calls each.
  const auto start = std::chrono::steady_clock::now();
  TestResponse fill = Fetch(service.port, "POST", "/v1/calendars", Grid("fill", 1000), {},
                            std::chrono::seconds(30));
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_EQ(fill.status, 200) << fill.error << fill.body;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_FALSE(parser.parse(fill.body).get(doc)) << fill.body;
  Coverage c = CoverageOf(doc);
  EXPECT_EQ(c.cells, 49);
  EXPECT_EQ(c.filled, 49);  // the built-in supplier answers every cell at no cost
  EXPECT_EQ(c.calls, 80);
  EXPECT_EQ(c.refused, 18);  // nine cells left with their two calls
  // The calls in flight at once: 40 cells one after another would take 12 s.
  EXPECT_LT(took, std::chrono::milliseconds(kLatencyMs * 20)) << "calls were not concurrent";
  int from_emulators = 0;
  for (simdjson::dom::element cell : doc["cells"].get_array()) {
    for (simdjson::dom::element s : cell["suppliers"].get_array()) {
      std::string_view name, status;
      ASSERT_FALSE(s["name"].get_string().get(name));
      ASSERT_FALSE(s["status"].get_string().get(status));
      if (name != "builtin" && status == "ok") ++from_emulators;
    }
  }
  EXPECT_EQ(from_emulators, 80);

  // The same grid from the cache alone: no supplier call, and the answers the fill received
  // from the cache. The cache stores an answer just after delivering it, so the last stores may
  // land a moment after the fill's answer: asked again until they have.
  int cache_hits = 0, not_cached = 0;
  for (int attempt = 0; attempt < 20 && cache_hits < 80; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    TestResponse cached = Fetch(service.port, "POST", "/v1/calendars", Grid("cached", 0));
    ASSERT_EQ(cached.status, 200) << cached.error << cached.body;
    simdjson::dom::parser cached_parser;
    ASSERT_FALSE(cached_parser.parse(cached.body).get(doc)) << cached.body;
    c = CoverageOf(doc);
    EXPECT_EQ(c.calls, 0);
    EXPECT_EQ(c.filled, 49);
    cache_hits = not_cached = 0;
    for (simdjson::dom::element cell : doc["cells"].get_array()) {
      for (simdjson::dom::element s : cell["suppliers"].get_array()) {
        std::string_view name, status, source;
        ASSERT_FALSE(s["name"].get_string().get(name));
        ASSERT_FALSE(s["status"].get_string().get(status));
        if (name == "builtin") continue;
        if (status == "not_cached") {
          ++not_cached;
          continue;
        }
        ASSERT_FALSE(s["cache"]["source"].get_string().get(source));
        EXPECT_EQ(source, "cache");
        ++cache_hits;
      }
    }
  }
  EXPECT_EQ(cache_hits, 80);
  EXPECT_EQ(not_cached, 18);
  std::filesystem::remove(config);
}

}  // namespace
}  // namespace fareflow
