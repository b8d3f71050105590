// `fareflow serve --config` as an operator runs it: the real binary fanning out over loopback HTTP
// to the real `fareflow-supplier` emulators and the built-in supplier, then shut down with SIGTERM.

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <simdjson.h>

#include "app/service_processes.h"
#include "support/child_process.h"
#include "support/http_test_client.h"

namespace fareflow {
namespace {

using testing_support::ChildProcess;
using testing_support::DaysFromNow;
using testing_support::Emulator;
using testing_support::EmulatorSuppliers;
using testing_support::Fetch;
using testing_support::Server;
using testing_support::SetEmulatorCredentials;
using testing_support::TestResponse;

// A scratch directory for one test's config and search log.
class LiveServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("fareflow-live-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    // Credentials reach the service through the environment, as in production.
    SetEmulatorCredentials();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string LogPath() const { return (dir_ / "searches.jsonl").string(); }

  // A config with the built-in supplier, an Amadeus and a Duffel emulator.
  std::string WriteConfig(uint16_t amadeus_port, uint16_t duffel_port) {
    const std::string path = (dir_ / "fareflow.json").string();
    std::ofstream(path) << R"({"search_log":")" << LogPath()
                        << R"(","search":{"default_deadline_ms":10000},)"
                        << EmulatorSuppliers(amadeus_port, duffel_port) << "}";
    return path;
  }

  Server Serve(const std::string& config) {
    return Server({FAREFLOW_BINARY, "serve", "--port", "0", "--config", config});
  }

  std::filesystem::path dir_;
};

std::string RoundTrip(const std::string& extra = "") {
  return R"({"slices":[{"origin":"LHR","destination":"JFK","departure_date":")" + DaysFromNow(30) +
         R"("},{"origin":"JFK","destination":"LHR","departure_date":")" + DaysFromNow(37) +
         R"("}],"passengers":{"adults":1},"limit":10)" + extra + "}";
}

struct Supplier {
  std::string status;
  int64_t kept = 0;
};

// Per-supplier statuses and the counts of a v1 answer.
struct Answer {
  std::map<std::string, Supplier> suppliers;
  int64_t received = 0;
  int64_t deduplicated = 0;
  bool partial = false;
  std::string search_id;
  int64_t multi_supplier_offers = 0;  // offers on the page sold by more than one supplier
};

Answer Read(const std::string& body) {
  Answer a;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(body).get(doc)) return a;
  simdjson::dom::array suppliers, offers;
  if (doc["suppliers"].get_array().get(suppliers) || doc["offers"].get_array().get(offers))
    return a;
  for (simdjson::dom::element s : suppliers) {
    std::string_view name, status;
    int64_t kept = 0;
    if (s["name"].get_string().get(name) || s["status"].get_string().get(status)) continue;
    if (s["offers_kept"].get_int64().get(kept)) kept = -1;
    a.suppliers[std::string(name)] = {std::string(status), kept};
  }
  if (doc["counts"]["received"].get_int64().get(a.received) ||
      doc["counts"]["deduplicated"].get_int64().get(a.deduplicated) ||
      doc["partial"].get_bool().get(a.partial)) {
    return Answer{};
  }
  std::string_view id;
  if (!doc["search_id"].get_string().get(id)) a.search_id = id;
  for (simdjson::dom::element offer : offers) {
    simdjson::dom::array options;
    if (!offer["pricing_options"].get_array().get(options) && options.size() > 1) {
      ++a.multi_supplier_offers;
    }
  }
  return a;
}

TEST_F(LiveServiceTest, FansOutToEverySupplierAndDedupesAcrossThem) {
  Server amadeus = Emulator("amadeus");
  Server duffel = Emulator("duffel");
  ASSERT_NE(amadeus.port, 0);
  ASSERT_NE(duffel.port, 0);
  Server service = Serve(WriteConfig(amadeus.port, duffel.port));
  ASSERT_NE(service.port, 0) << "fareflow serve --config did not start";

  TestResponse r = Fetch(service.port, "POST", "/v1/searches", RoundTrip());
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.status, 200) << r.body;
  const Answer a = Read(r.body);
  ASSERT_EQ(a.suppliers.size(), 3u) << r.body;
  for (const auto& [name, s] : a.suppliers) {
    EXPECT_EQ(s.status, "ok") << name << ": " << r.body;
    EXPECT_GT(s.kept, 0) << name;
  }
  EXPECT_FALSE(a.partial);
  // The emulators generate from the same schedules as the built-in supplier, so the same
  // itineraries arrive from several suppliers and are merged into one offer each.
  EXPECT_LT(a.deduplicated, a.suppliers.at("builtin").kept + a.suppliers.at("amadeus-emu").kept +
                                a.suppliers.at("duffel-emu").kept);
  EXPECT_GT(a.multi_supplier_offers, 0) << r.body.substr(0, 2000);
}

// What of an answer must not depend on where the suppliers' answers came from: every offer,
// the facets and the counts, minified.
std::string Comparable(const std::string& body) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(body).get(doc)) return "unparsable";
  return simdjson::minify(doc["offers"]) + simdjson::minify(doc["facets"]) +
         simdjson::minify(doc["counts"]);
}

// The "cache" object of each supplier of an answer, minified, by name.
std::map<std::string, std::string> CacheStatuses(const std::string& body) {
  std::map<std::string, std::string> out;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::array suppliers;
  if (parser.parse(body).get(doc) || doc["suppliers"].get_array().get(suppliers)) return out;
  for (simdjson::dom::element s : suppliers) {
    std::string_view name, source;
    if (s["name"].get_string().get(name) || s["cache"]["source"].get_string().get(source)) continue;
    out[std::string(name)] = std::string(source);
  }
  return out;
}

TEST_F(LiveServiceTest, ACachedAnswerIsTheLiveAnswer) {
  Server amadeus = Emulator("amadeus");
  Server duffel = Emulator("duffel");
  ASSERT_NE(amadeus.port, 0);
  ASSERT_NE(duffel.port, 0);
  Server service = Serve(WriteConfig(amadeus.port, duffel.port));
  ASSERT_NE(service.port, 0) << "fareflow serve --config did not start";

  const TestResponse live = Fetch(service.port, "POST", "/v1/searches", RoundTrip());
  ASSERT_EQ(live.status, 200) << live.body;
  EXPECT_EQ(CacheStatuses(live.body),
            (std::map<std::string, std::string>{
                {"amadeus-emu", "live"}, {"duffel-emu", "live"}, {"builtin", "live"}}));
  // Answers are stored after they arrive, off the search's path: a moment later they are there.
  // Wait for both stores before searching again: a search that came too early would call the
  // suppliers again, whose new answers (new Duffel offer ids) would then be the cached ones.
  bool stored = false;
  for (int i = 0; i < 250 && !stored; ++i) {
    const TestResponse metrics = Fetch(service.port, "GET", "/metrics", "");
    stored = metrics.body.find("\nfareflow_cache_stores_total 2\n") != std::string::npos;
    if (!stored) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_TRUE(stored) << "both supplier answers were not stored within 5 s";
  const TestResponse cached = Fetch(service.port, "POST", "/v1/searches", RoundTrip());
  ASSERT_EQ(cached.status, 200) << cached.body;
  EXPECT_EQ(CacheStatuses(cached.body),
            (std::map<std::string, std::string>{
                {"amadeus-emu", "cache"}, {"duffel-emu", "cache"}, {"builtin", "live"}}));
  EXPECT_EQ(Comparable(cached.body), Comparable(live.body));
  EXPECT_NE(Read(cached.body).search_id, Read(live.body).search_id);

  // "bypass" asks the suppliers again (whose answers carry new offer ids: only counts compare).
  const TestResponse bypass =
      Fetch(service.port, "POST", "/v1/searches", RoundTrip(R"(,"cache":"bypass")"));
  ASSERT_EQ(bypass.status, 200) << bypass.body;
  EXPECT_EQ(CacheStatuses(bypass.body)["amadeus-emu"], "live");
  EXPECT_EQ(Read(bypass.body).deduplicated, Read(live.body).deduplicated);
  const TestResponse bad =
      Fetch(service.port, "POST", "/v1/searches", RoundTrip(R"(,"cache":"sometimes")"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("/cache"), std::string::npos) << bad.body;
}

TEST_F(LiveServiceTest, ASlowSupplierTimesOutAndTheRestAnswer) {
  Server amadeus = Emulator("amadeus", {"--latency-ms", "5000"});
  Server duffel = Emulator("duffel");
  Server service = Serve(WriteConfig(amadeus.port, duffel.port));
  ASSERT_NE(service.port, 0);

  TestResponse r = Fetch(service.port, "POST", "/v1/searches", RoundTrip(R"(,"deadline_ms":700)"));
  ASSERT_EQ(r.status, 200) << r.body;
  const Answer a = Read(r.body);
  EXPECT_EQ(a.suppliers.at("amadeus-emu").status, "timeout") << r.body;
  EXPECT_EQ(a.suppliers.at("duffel-emu").status, "ok") << r.body;
  EXPECT_EQ(a.suppliers.at("builtin").status, "ok") << r.body;
  EXPECT_TRUE(a.partial);
  EXPECT_GT(a.deduplicated, 0);
}

TEST_F(LiveServiceTest, FailingAndMalformedSuppliersAreStatusesInAPartialAnswer) {
  Server amadeus = Emulator("amadeus", {"--fail-rate", "1"});
  Server duffel = Emulator("duffel", {"--malformed-rate", "1"});
  Server service = Serve(WriteConfig(amadeus.port, duffel.port));
  ASSERT_NE(service.port, 0);

  TestResponse r = Fetch(service.port, "POST", "/v1/searches", RoundTrip());
  ASSERT_EQ(r.status, 200) << r.body;
  const Answer a = Read(r.body);
  EXPECT_EQ(a.suppliers.at("amadeus-emu").status, "http_error") << r.body;
  EXPECT_EQ(a.suppliers.at("duffel-emu").status, "malformed") << r.body;
  EXPECT_EQ(a.suppliers.at("builtin").status, "ok");
  EXPECT_TRUE(a.partial);
}

// fareflow asks suppliers for gzip; the emulators once cut a truncated answer by its uncompressed
// length, which let the whole (smaller) gzipped body through, so the fault never showed. Now
// half of the bytes sent go out, and each such supplier is an io_error in a partial answer.
TEST_F(LiveServiceTest, TruncatedGzippedAnswersAreIoErrorsInAPartialAnswer) {
  Server amadeus = Emulator("amadeus", {"--truncate-rate", "1"});
  Server duffel = Emulator("duffel", {"--truncate-rate", "1"});
  Server service = Serve(WriteConfig(amadeus.port, duffel.port));
  ASSERT_NE(service.port, 0);

  TestResponse r = Fetch(service.port, "POST", "/v1/searches", RoundTrip());
  ASSERT_EQ(r.status, 200) << r.body;
  const Answer a = Read(r.body);
  EXPECT_EQ(a.suppliers.at("amadeus-emu").status, "io_error") << r.body;
  EXPECT_EQ(a.suppliers.at("duffel-emu").status, "io_error") << r.body;
  EXPECT_EQ(a.suppliers.at("builtin").status, "ok");
  EXPECT_TRUE(a.partial);
  EXPECT_NE(r.body.find("truncated answer"), std::string::npos) << r.body;
  // The service is unharmed: it answers the next search too.
  EXPECT_EQ(Fetch(service.port, "POST", "/v1/searches", RoundTrip()).status, 200);
}

TEST_F(LiveServiceTest, SigtermDrainsInFlightSearchesAndLosesNoSearchLogLine) {
  Server amadeus = Emulator("amadeus", {"--latency-ms", "400"});
  Server duffel = Emulator("duffel");
  Server service = Serve(WriteConfig(amadeus.port, duffel.port));
  ASSERT_NE(service.port, 0);

  std::set<std::string> answered;
  for (int i = 0; i < 4; ++i) {
    TestResponse r = Fetch(service.port, "POST", "/v1/searches", RoundTrip());
    ASSERT_EQ(r.status, 200) << r.body;
    answered.insert(Read(r.body).search_id);
  }
  // One more search in flight when the signal arrives: draining lets it finish.
  std::string in_flight_id;
  std::thread late([&] {
    TestResponse r = Fetch(service.port, "POST", "/v1/searches", RoundTrip());
    if (r.ok() && r.status == 200) in_flight_id = Read(r.body).search_id;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(150));  // let the search reach a worker
  EXPECT_EQ(service.process->Stop(), 0) << "a drained shutdown exits 0";
  late.join();
  ASSERT_FALSE(in_flight_id.empty()) << "the search in flight at SIGTERM was answered";
  answered.insert(in_flight_id);

  std::ifstream log(LogPath());
  std::set<std::string> logged;
  std::string line;
  simdjson::dom::parser parser;
  while (std::getline(log, line)) {
    simdjson::dom::element doc;
    ASSERT_FALSE(parser.parse(line).get(doc)) << line;
    std::string_view id;
    ASSERT_FALSE(doc["search_id"].get_string().get(id)) << line;
    logged.insert(std::string(id));
  }
  EXPECT_EQ(logged, answered);
}

TEST_F(LiveServiceTest, ABadConfigFileStopsTheStartNamingTheValue) {
  const std::string path = (dir_ / "bad.json").string();
  std::ofstream(path) << R"({"suppliers":[{"name":"a","kind":"amadeus","base_url":"ftp://x"}]})";
  ChildProcess bad({FAREFLOW_BINARY, "serve", "--port", "0", "--config", path});
  EXPECT_EQ(bad.ReadLine(std::chrono::seconds(5)), "") << "nothing announced";
  EXPECT_NE(bad.Stop(), 0);
}

}  // namespace
}  // namespace fareflow
