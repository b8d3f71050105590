// Two `fareflow serve` processes sharing a real redis-server: a search run by one is refined,
// paged and read offer by offer through the other, which never asks a supplier; the shared
// store's failures are answers, not crashes, and a frozen Redis holds up no search.

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <simdjson.h>

#include "app/service_processes.h"
#include "support/http_test_client.h"
#include "support/redis_server.h"
#include "support/run_command.h"

namespace fareflow {
namespace {

using testing_support::DaysFromNow;
using testing_support::Emulator;
using testing_support::EmulatorSuppliers;
using testing_support::Fetch;
using testing_support::RedisServer;
using testing_support::Server;
using testing_support::SetEmulatorCredentials;
using testing_support::TestResponse;

class SharedStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(redis_.ready());
    dir_ = std::filesystem::temp_directory_path() /
           ("fareflow-shared-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    SetEmulatorCredentials();
    ::setenv("FF_TEST_CURSOR_KEY", kCursorKey, 1);
    ::setenv("FF_TEST_OTHER_CURSOR_KEY", kOtherCursorKey, 1);
  }

  static constexpr const char* kCursorKey =
      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
  static constexpr const char* kOtherCursorKey =
      "ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // The built-in supplier and both emulators, and the test's Redis as the shared store; page
  // cursors signed with the key in the environment variable `cursor_key_env`.
  std::string WriteConfig(uint16_t amadeus_port, uint16_t duffel_port,
                          const std::string& cursor_key_env = "FF_TEST_CURSOR_KEY") {
    const std::string path = (dir_ / (cursor_key_env + ".json")).string();
    std::ofstream(path) << R"({"store":{"redis_url":")" << redis_.url()
                        << R"(","redis_timeout_ms":500,"cursor_key_env":")" << cursor_key_env
                        << R"("},"search":{"default_deadline_ms":10000},)"
                        << EmulatorSuppliers(amadeus_port, duffel_port) << "}";
    return path;
  }

  static Server Serve(const std::string& config) {
    return Server({FAREFLOW_BINARY, "serve", "--port", "0", "--config", config});
  }

  RedisServer redis_;
  std::filesystem::path dir_;
};

std::string RoundTrip() {
  return R"({"slices":[{"origin":"LHR","destination":"JFK","departure_date":")" + DaysFromNow(30) +
         R"("},{"origin":"JFK","destination":"LHR","departure_date":")" + DaysFromNow(37) +
         R"("}],"passengers":{"adults":1},"limit":10})";
}

// GET `path`, asked again while it is 404: a search is stored just after its answer is sent.
TestResponse GetWhenStored(uint16_t port, const std::string& path) {
  TestResponse r;
  for (int i = 0; i < 300; ++i) {
    r = Fetch(port, "GET", path);
    if (r.status != 404) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return r;
}

// The parts of a v1 answer that must not depend on which instance wrote it: everything but the
// timings, minified.
std::string Comparable(const std::string& body) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(body).get(doc)) return "not json: " + body;
  std::string out;
  for (const char* key :
       {"search_id", "expires_at", "counts", "suppliers", "offers", "facets", "page", "partial"}) {
    simdjson::dom::element value;
    out += key;
    out += '=';
    out += doc[key].get(value) ? "missing" : simdjson::minify(value);
    out += '\n';
  }
  return out;
}

std::string FirstOfferId(const std::string& body) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  std::string_view id;
  if (parser.parse(body).get(doc) || doc["offers"].at(0)["id"].get_string().get(id)) return {};
  return std::string(id);
}

// The value of an unlabelled metric line "name value"; -1 when absent.
double Metric(uint16_t port, const std::string& name) {
  const TestResponse r = Fetch(port, "GET", "/metrics");
  std::istringstream lines(r.body);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(name + " ", 0) == 0) return std::stod(line.substr(name.size() + 1));
  }
  return -1;
}

TEST_F(SharedStoreTest, ASearchRunByOneInstanceIsRefinedAndReadThroughAnother) {
  Server amadeus = Emulator("amadeus");
  Server duffel = Emulator("duffel");
  const std::string config = WriteConfig(amadeus.port, duffel.port);
  Server a = Serve(config);
  Server b = Serve(config);
  ASSERT_NE(a.port, 0);
  ASSERT_NE(b.port, 0);

  const TestResponse search = Fetch(a.port, "POST", "/v1/searches", RoundTrip());
  ASSERT_EQ(search.status, 200) << search.body;
  simdjson::dom::parser parser;
  std::string_view id;
  ASSERT_FALSE(parser.parse(search.body)["search_id"].get_string().get(id)) << search.body;
  const std::string base = "/v1/searches/" + std::string(id) + "/offers";

  for (const std::string query :
       {"?sort=cheapest&limit=5", "?sort=fastest&max_stops=1&limit=7", "?limit=0"}) {
    const TestResponse on_a = GetWhenStored(a.port, base + query);
    const TestResponse on_b = GetWhenStored(b.port, base + query);
    ASSERT_EQ(on_a.status, 200) << query << on_a.body;
    ASSERT_EQ(on_b.status, 200) << query << on_b.body;
    EXPECT_EQ(Comparable(on_b.body), Comparable(on_a.body)) << query;
  }

  // The page after the first, by the cursor instance A wrote, answered by B: both sign cursors
  // with the configured key.
  const TestResponse first = Fetch(a.port, "GET", base + "?sort=cheapest&limit=5");
  std::string_view cursor;
  ASSERT_FALSE(parser.parse(first.body)["page"]["next_cursor"].get_string().get(cursor));
  const std::string second = base + "?sort=cheapest&limit=5&cursor=" + std::string(cursor);
  const TestResponse second_b = Fetch(b.port, "GET", second);
  ASSERT_EQ(second_b.status, 200) << second_b.body;
  EXPECT_EQ(Comparable(second_b.body), Comparable(Fetch(a.port, "GET", second).body));

  const std::string offer_id = FirstOfferId(first.body);
  ASSERT_FALSE(offer_id.empty());
  const TestResponse offer_a = Fetch(a.port, "GET", base + "/" + offer_id);
  const TestResponse offer_b = Fetch(b.port, "GET", base + "/" + offer_id);
  ASSERT_EQ(offer_b.status, 200) << offer_b.body;
  EXPECT_EQ(offer_b.body, offer_a.body);

  // B rebuilt the search once, from the snapshot, and asked no supplier.
  EXPECT_EQ(Metric(b.port, "fareflow_shared_store_loads_total"), 1);
  EXPECT_EQ(Metric(a.port, "fareflow_shared_store_saves_total"), 1);
  EXPECT_GT(Metric(a.port, "fareflow_shared_store_saved_bytes_total"), 0);
  const TestResponse metrics_b = Fetch(b.port, "GET", "/metrics");
  EXPECT_EQ(metrics_b.body.find("fareflow_supplier_requests_total{"), std::string::npos)
      << metrics_b.body;
}

// The cache of supplier answers is shared too: what one instance received, another answers from,
// without calling the suppliers.
TEST_F(SharedStoreTest, AnotherInstanceAnswersFromTheFirstsCachedSupplierAnswers) {
  Server amadeus = Emulator("amadeus");
  Server duffel = Emulator("duffel");
  const std::string config = WriteConfig(amadeus.port, duffel.port);
  Server a = Serve(config);
  Server b = Serve(config);
  ASSERT_NE(a.port, 0);
  ASSERT_NE(b.port, 0);

  const TestResponse live = Fetch(a.port, "POST", "/v1/searches", RoundTrip());
  ASSERT_EQ(live.status, 200) << live.body;
  // Answers are stored (and written to Redis) after the search's answer has left.
  for (int i = 0; i < 200 && Metric(a.port, "fareflow_cache_stores_total") < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(Metric(a.port, "fareflow_cache_stores_total"), 2);  // the two emulators' answers

  const TestResponse on_b = Fetch(b.port, "POST", "/v1/searches", RoundTrip());
  ASSERT_EQ(on_b.status, 200) << on_b.body;
  simdjson::dom::parser parser;
  simdjson::dom::array suppliers;
  ASSERT_FALSE(parser.parse(on_b.body)["suppliers"].get_array().get(suppliers)) << on_b.body;
  int from_cache = 0;
  for (simdjson::dom::element s : suppliers) {
    std::string_view name, source;
    ASSERT_FALSE(s["name"].get_string().get(name));
    ASSERT_FALSE(s["cache"]["source"].get_string().get(source)) << on_b.body;
    if (name != "builtin") {
      EXPECT_EQ(source, "cache") << name;
      from_cache += source == "cache";
    }
  }
  EXPECT_EQ(from_cache, 2);
  EXPECT_EQ(Metric(b.port, "fareflow_cache_redis_hits_total"), 2);
  EXPECT_EQ(Metric(b.port, "fareflow_cache_hits_total"), 2);
  EXPECT_EQ(Metric(b.port, "fareflow_cache_misses_total"), 0);
}

TEST_F(SharedStoreTest, ACursorSignedWithAnotherInstancesKeyIsRefused) {
  Server amadeus = Emulator("amadeus");
  Server duffel = Emulator("duffel");
  Server a = Serve(WriteConfig(amadeus.port, duffel.port));
  Server b = Serve(WriteConfig(amadeus.port, duffel.port, "FF_TEST_OTHER_CURSOR_KEY"));
  ASSERT_NE(a.port, 0);
  ASSERT_NE(b.port, 0);
  const TestResponse search = Fetch(a.port, "POST", "/v1/searches", RoundTrip());
  ASSERT_EQ(search.status, 200) << search.body;
  simdjson::dom::parser parser;
  std::string_view id;
  ASSERT_FALSE(parser.parse(search.body)["search_id"].get_string().get(id)) << search.body;
  const std::string base = "/v1/searches/" + std::string(id) + "/offers?sort=cheapest&limit=5";
  const TestResponse first = GetWhenStored(a.port, base);
  std::string_view cursor;
  ASSERT_FALSE(parser.parse(first.body)["page"]["next_cursor"].get_string().get(cursor));
  const std::string second = base + "&cursor=" + std::string(cursor);
  EXPECT_EQ(GetWhenStored(a.port, second).status, 200);
  const TestResponse on_b = GetWhenStored(b.port, second);
  EXPECT_EQ(on_b.status, 400) << on_b.body;
  EXPECT_NE(on_b.body.find(R"("field":"cursor")"), std::string::npos) << on_b.body;
}

// A key minted by `fareflow keys new`: the secret and the record for the keys file.
struct MintedKey {
  std::string secret;
  std::string record;
};

MintedKey Mint(const std::string& name) {
  const testing_support::CommandOutput out = testing_support::RunCommand(
      std::string(FAREFLOW_BINARY) + " keys new --name " + name + " 2>/dev/null");
  const std::size_t newline = out.text.find('\n');
  if (out.status != 0 || newline == std::string::npos) return {};
  std::string record = out.text.substr(newline + 1);
  while (!record.empty() && record.back() == '\n') record.pop_back();
  return {out.text.substr(0, newline), record};
}

// GET `path` with `secret` until it is not 404 (the search is being saved to Redis), at most 3 s.
TestResponse GetAsWhenStored(uint16_t port, const std::string& path, const std::string& secret) {
  TestResponse r;
  for (int i = 0; i < 300; ++i) {
    r = Fetch(port, "GET", path, "", {{"Authorization", "Bearer " + secret}});
    if (r.status != 404) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return r;
}

// A search belongs to the key that ran it on every instance: the owner travels in the snapshot,
// and an instance that reads it from Redis answers another key 404.
TEST_F(SharedStoreTest, AnotherKeysSearchIsNotFoundOnAnyInstance) {
  const MintedKey alice = Mint("alice");
  const MintedKey bob = Mint("bob");
  ASSERT_FALSE(alice.secret.empty());
  ASSERT_FALSE(bob.secret.empty());
  const std::string keys = (dir_ / "keys.json").string();
  std::ofstream(keys) << R"({"keys":[)" << alice.record << "," << bob.record << "]}";
  const std::string config = (dir_ / "fareflow.json").string();
  std::ofstream(config)
      << R"({"store":{"redis_url":")" << redis_.url() << R"("},"auth":{"api_keys_file":")" << keys
      << R"("},"suppliers":[{"name":"builtin","kind":"builtin","max_offers":100}]})";
  Server a = Serve(config);
  Server b = Serve(config);
  Server c = Serve(config);
  ASSERT_NE(a.port, 0);
  ASSERT_NE(b.port, 0);
  ASSERT_NE(c.port, 0);

  const TestResponse search = Fetch(a.port, "POST", "/v1/searches", RoundTrip(),
                                    {{"Authorization", "Bearer " + alice.secret}});
  ASSERT_EQ(search.status, 200) << search.body;
  simdjson::dom::parser parser;
  std::string_view id;
  ASSERT_FALSE(parser.parse(search.body)["search_id"].get_string().get(id)) << search.body;
  const std::string offers = "/v1/searches/" + std::string(id) + "/offers";

  // B reads it from Redis for alice: it is there, with its owner.
  EXPECT_EQ(GetAsWhenStored(b.port, offers, alice.secret).status, 200);
  // C reads it from Redis for bob first: not his.
  const TestResponse bob_on_c = Fetch(c.port, "GET", offers, "", {{"X-Api-Key", bob.secret}});
  EXPECT_EQ(bob_on_c.status, 404) << bob_on_c.body;
  EXPECT_NE(bob_on_c.body.find(R"("field":"search_id")"), std::string::npos) << bob_on_c.body;
  EXPECT_EQ(Fetch(c.port, "GET", offers, "", {{"X-Api-Key", alice.secret}}).status, 200);
  // And from the stores that now hold it.
  for (uint16_t port : {a.port, b.port, c.port}) {
    EXPECT_EQ(Fetch(port, "GET", offers, "", {{"X-Api-Key", bob.secret}}).status, 404);
    EXPECT_EQ(Fetch(port, "GET", offers, "", {{"X-Api-Key", alice.secret}}).status, 200);
  }
}

TEST_F(SharedStoreTest, UnknownSearchesAre404AndAnUnreachableStoreIs503) {
  Server amadeus = Emulator("amadeus");
  Server duffel = Emulator("duffel");
  Server b = Serve(WriteConfig(amadeus.port, duffel.port));
  ASSERT_NE(b.port, 0);
  const std::string unknown = "/v1/searches/srch_0123456789abcdef0123456789abcdef/offers";
  const TestResponse missing = Fetch(b.port, "GET", unknown);
  EXPECT_EQ(missing.status, 404) << missing.body;
  EXPECT_NE(missing.body.find(R"("field":"search_id")"), std::string::npos) << missing.body;
  // Not a search id: never looked up in Redis.
  EXPECT_EQ(Fetch(b.port, "GET", "/v1/searches/*/offers").status, 404);
  EXPECT_EQ(Metric(b.port, "fareflow_shared_store_load_errors_total"), 0);

  redis_.Stop();
  const TestResponse down = Fetch(b.port, "GET", unknown);
  EXPECT_EQ(down.status, 503) << down.body;
  EXPECT_NE(down.body.find("unavailable"), std::string::npos) << down.body;
  EXPECT_EQ(Metric(b.port, "fareflow_shared_store_load_errors_total"), 1);
  // Searches still work without it: the store's failure is counted, not fatal.
  const TestResponse search = Fetch(b.port, "POST", "/v1/searches", RoundTrip());
  EXPECT_EQ(search.status, 200) << search.body;
}

// A frozen Redis (SIGSTOP) once made every refine of a search held elsewhere wait its timeout on
// a search thread: 40 of them held an ordinary search for 10 s. Now those refines run on the
// shared store's Redis threads, the breaker opens after three timeouts and the rest fail at once,
// so the search does not wait for them; after SIGCONT one probe closes the breaker.
TEST_F(SharedStoreTest, AFrozenRedisHoldsUpNoSearchAndTheBreakerClosesOnceItAnswers) {
  const std::string config = (dir_ / "frozen.json").string();
  std::ofstream(config) << R"({"store":{"redis_url":")" << redis_.url()
                        << R"(","redis_timeout_ms":1000,"redis_breaker_failures":3,)"
                        << R"("redis_breaker_cooldown_ms":1000},"search":{"search_threads":2}})";
  Server b = Serve(config);
  ASSERT_NE(b.port, 0);
  const std::string unknown = "/v1/searches/srch_0123456789abcdef0123456789abcdef/offers";
  ASSERT_EQ(Fetch(b.port, "GET", unknown).status, 404);
  EXPECT_EQ(Metric(b.port, "fareflow_shared_store_breaker_state"), 0);

  ASSERT_TRUE(redis_.Freeze());
  constexpr int kRefines = 40;
  const auto start = std::chrono::steady_clock::now();
  std::vector<int> statuses(kRefines);
  std::vector<std::thread> refines;
  for (int i = 0; i < kRefines; ++i) {
    refines.emplace_back([&, i] {
      statuses[i] = Fetch(b.port, "GET", unknown, "", {}, std::chrono::seconds(60)).status;
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the refines are in
  const auto search_start = std::chrono::steady_clock::now();
  const TestResponse search =
      Fetch(b.port, "POST", "/v1/searches", RoundTrip(), {}, std::chrono::seconds(60));
  const auto search_took = std::chrono::steady_clock::now() - search_start;
  for (std::thread& t : refines) t.join();
  const auto refines_took = std::chrono::steady_clock::now() - start;

  EXPECT_EQ(search.status, 200) << search.body;
  // Generous bounds, against 40 refines x 1 s on two search threads (20 s) before.
  EXPECT_LT(search_took, std::chrono::seconds(4));
  EXPECT_LT(refines_took, std::chrono::seconds(10));
  for (int status : statuses) EXPECT_EQ(status, 503);
  EXPECT_EQ(Metric(b.port, "fareflow_shared_store_breaker_state"), 1);
  EXPECT_EQ(Metric(b.port, "fareflow_shared_store_breaker_opens_total"), 1);
  EXPECT_EQ(Metric(b.port, "fareflow_shared_store_reads_refused_total"), 0);

  ASSERT_TRUE(redis_.Thaw());
  int status = 0;
  for (int i = 0; i < 100 && status != 404; ++i) {  // until the cooldown ends and a probe passes
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    status = Fetch(b.port, "GET", unknown).status;
  }
  EXPECT_EQ(status, 404);
  EXPECT_EQ(Metric(b.port, "fareflow_shared_store_breaker_state"), 0);
}

}  // namespace
}  // namespace fareflow
