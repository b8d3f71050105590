#include "config/service_config.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace fareflow {
namespace {

// The field of the error `json` is refused with; "(accepted)" when it is not.
std::string RefusedAt(const std::string& json) {
  auto config = ParseServiceConfig(json);
  if (config) return "(accepted)";
  EXPECT_EQ(config.error().code, ErrorCode::kInvalidArgument);
  return config.error().field;
}

// A one-supplier configuration around the members of that supplier.
std::string WithSupplier(const std::string& members) {
  return R"({"suppliers":[{)" + members + "}]}";
}

constexpr const char* kAmadeus =
    R"("name":"a","kind":"amadeus","base_url":"https://test.api.amadeus.com",)"
    R"("client_id_env":"AMADEUS_CLIENT_ID","client_secret_env":"AMADEUS_CLIENT_SECRET")";

TEST(ServiceConfigTest, DefaultIsTheBuiltinSupplierAlone) {
  const ServiceConfig config = DefaultServiceConfig();
  ASSERT_EQ(config.suppliers.size(), 1u);
  EXPECT_EQ(config.suppliers[0].name, "builtin");
  EXPECT_EQ(config.suppliers[0].kind, SupplierKind::kBuiltin);
  EXPECT_EQ(config.suppliers[0].max_offers, 2000);
  EXPECT_TRUE(config.suppliers[0].enabled);
}

TEST(ServiceConfigTest, EmptyObjectGivesTheDefaults) {
  auto config = ParseServiceConfig("{}");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->suppliers.size(), 1u);
  EXPECT_EQ(config->search.default_deadline, std::chrono::milliseconds(8000));
  EXPECT_EQ(config->search.max_deadline, std::chrono::milliseconds(20000));
  EXPECT_EQ(config->search.max_answer_bytes, std::size_t{4} << 20);
  EXPECT_EQ(config->search.shutdown_grace, std::chrono::milliseconds(10000));
  EXPECT_EQ(config->store.ttl, std::chrono::seconds(900));
  EXPECT_TRUE(config->store.redis_url.empty());
  EXPECT_EQ(config->store.cursor_key_env, "FAREFLOW_CURSOR_KEY");
  EXPECT_TRUE(config->search_log_path.empty());
}

TEST(ServiceConfigTest, ReadsEveryKey) {
  auto config = ParseServiceConfig(R"({
    "search": {"default_deadline_ms": 7000, "max_deadline_ms": 15000, "search_threads": 3,
               "parse_threads": 2, "queue_limit": 10, "max_answer_bytes": 1048576,
               "shutdown_grace_ms": 2500},
    "store": {"ttl_seconds": 60, "max_megabytes": 16, "redis_url": "redis://cache:6380/2",
              "redis_timeout_ms": 250, "redis_key_prefix": "ff:", "cursor_key_env": "FF_KEY",
              "redis_threads": 3,
              "redis_queue_limit": 8, "redis_breaker_failures": 5,
              "redis_breaker_cooldown_ms": 2000},
    "search_log": "/tmp/searches.jsonl",
    "suppliers": [
      {"name": "builtin", "kind": "builtin", "max_offers": 1500},
      {"name": "amadeus-test", "kind": "amadeus", "base_url": "https://test.api.amadeus.com/",
       "client_id_env": "AMADEUS_CLIENT_ID", "client_secret_env": "AMADEUS_CLIENT_SECRET",
       "timeout_ms": 6000, "max_offers": 250, "enabled": true,
       "breaker": {"failures": 3, "cooldown_ms": 1000}},
      {"name": "duffel", "kind": "duffel", "base_url": "http://127.0.0.1:9000",
       "token_env": "DUFFEL_ACCESS_TOKEN", "enabled": false}
    ]})");
  ASSERT_TRUE(config) << config.error().field << ": " << config.error().message;
  EXPECT_EQ(config->search.default_deadline, std::chrono::milliseconds(7000));
  EXPECT_EQ(config->search.max_deadline, std::chrono::milliseconds(15000));
  EXPECT_EQ(config->search.search_threads, 3u);
  EXPECT_EQ(config->search.parse_threads, 2u);
  EXPECT_EQ(config->search.queue_limit, 10u);
  EXPECT_EQ(config->search.max_answer_bytes, std::size_t{1} << 20);
  EXPECT_EQ(config->search.shutdown_grace, std::chrono::milliseconds(2500));
  EXPECT_EQ(config->store.ttl, std::chrono::seconds(60));
  EXPECT_EQ(config->store.max_bytes, std::size_t{16} << 20);
  EXPECT_EQ(config->store.redis_url, "redis://cache:6380/2");
  EXPECT_EQ(config->store.redis_timeout, std::chrono::milliseconds(250));
  EXPECT_EQ(config->store.redis_key_prefix, "ff:");
  EXPECT_EQ(config->store.cursor_key_env, "FF_KEY");
  EXPECT_EQ(config->store.redis_threads, 3u);
  EXPECT_EQ(config->store.redis_queue_limit, 8u);
  EXPECT_EQ(config->store.redis_breaker_failures, 5);
  EXPECT_EQ(config->store.redis_breaker_cooldown, std::chrono::milliseconds(2000));
  EXPECT_EQ(config->search_log_path, "/tmp/searches.jsonl");
  ASSERT_EQ(config->suppliers.size(), 3u);
  EXPECT_EQ(config->suppliers[0].max_offers, 1500);
  const SupplierConfig& a = config->suppliers[1];
  EXPECT_EQ(a.name, "amadeus-test");
  EXPECT_EQ(a.kind, SupplierKind::kAmadeus);
  EXPECT_EQ(a.base_url, "https://test.api.amadeus.com");  // trailing slash dropped
  EXPECT_EQ(a.client_id_env, "AMADEUS_CLIENT_ID");
  EXPECT_EQ(a.client_secret_env, "AMADEUS_CLIENT_SECRET");
  EXPECT_EQ(a.timeout, std::chrono::milliseconds(6000));
  EXPECT_EQ(a.breaker_failures, 3);
  EXPECT_EQ(a.breaker_cooldown, std::chrono::milliseconds(1000));
  const SupplierConfig& d = config->suppliers[2];
  EXPECT_EQ(d.kind, SupplierKind::kDuffel);
  EXPECT_FALSE(d.enabled);
  EXPECT_EQ(d.token_env, "DUFFEL_ACCESS_TOKEN");
  EXPECT_EQ(d.max_offers, 1000);  // the Duffel default
}

TEST(ServiceConfigTest, MaxOffersDefaultsByKind) {
  auto config = ParseServiceConfig(WithSupplier(kAmadeus));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->suppliers[0].max_offers, 250);
}

TEST(ServiceConfigTest, MaxBodyBytesDefaultsTo64MiBAndIsBounded) {
  auto config = ParseServiceConfig(WithSupplier(kAmadeus));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->suppliers[0].max_body_bytes, std::size_t{64} << 20);
  config = ParseServiceConfig(WithSupplier(std::string(kAmadeus) + R"(,"max_body_bytes":1048576)"));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->suppliers[0].max_body_bytes, std::size_t{1} << 20);
  config =
      ParseServiceConfig(WithSupplier(std::string(kAmadeus) + R"(,"max_body_bytes":1073741824)"));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->suppliers[0].max_body_bytes, std::size_t{1} << 30);
  for (const char* bad : {"1048575", "1073741825", "0", "-1", "2.5", "\"64MiB\""}) {
    EXPECT_EQ(RefusedAt(WithSupplier(std::string(kAmadeus) + R"(,"max_body_bytes":)" + bad)),
              "/suppliers/0/max_body_bytes")
        << bad;
  }
  // The built-in supplier reads no answer.
  EXPECT_EQ(RefusedAt(WithSupplier(R"("name":"b","kind":"builtin","max_body_bytes":1048576)")),
            "/suppliers/0/max_body_bytes");
}

TEST(ServiceConfigTest, UnknownKeysNameTheirPointer) {
  EXPECT_EQ(RefusedAt(R"({"serach":{}})"), "/serach");
  EXPECT_EQ(RefusedAt(R"({"search":{"deadline_ms":1}})"), "/search/deadline_ms");
  EXPECT_EQ(RefusedAt(R"({"store":{"ttl":1}})"), "/store/ttl");
  EXPECT_EQ(RefusedAt(WithSupplier(R"("name":"b","kind":"builtin","colour":"red")")),
            "/suppliers/0/colour");
  EXPECT_EQ(RefusedAt(WithSupplier(std::string(kAmadeus) + R"(,"breaker":{"n":1})")),
            "/suppliers/0/breaker/n");
}

TEST(ServiceConfigTest, DuplicateKeysAreRefused) {
  EXPECT_EQ(RefusedAt(R"({"search_log":"a","search_log":"b"})"), "/search_log");
}

TEST(ServiceConfigTest, OverLongIntegersAreOutOfRangeNotBrokenJson) {
  auto config =
      ParseServiceConfig(R"({"search":{"queue_limit":1234567890123456789012345678901234567890}})");
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().field, "/search/queue_limit");
  EXPECT_EQ(config.error().message, "is out of range");
}

TEST(ServiceConfigTest, NamesAreRequiredUniqueAndPlain) {
  EXPECT_EQ(RefusedAt(WithSupplier(R"("kind":"builtin")")), "/suppliers/0/name");
  EXPECT_EQ(RefusedAt(WithSupplier(R"("name":"","kind":"builtin")")), "/suppliers/0/name");
  EXPECT_EQ(RefusedAt(WithSupplier(R"("name":"a b","kind":"builtin")")), "/suppliers/0/name");
  EXPECT_EQ(
      RefusedAt(R"({"suppliers":[{"name":"x","kind":"builtin"},{"name":"x","kind":"builtin"}]})"),
      "/suppliers/1/name");
}

TEST(ServiceConfigTest, KindIsRequiredAndKnown) {
  EXPECT_EQ(RefusedAt(WithSupplier(R"("name":"x")")), "/suppliers/0/kind");
  EXPECT_EQ(RefusedAt(WithSupplier(R"("name":"x","kind":"sabre")")), "/suppliers/0/kind");
}

TEST(ServiceConfigTest, HttpSuppliersNeedAnHttpUrl) {
  EXPECT_EQ(RefusedAt(WithSupplier(R"("name":"d","kind":"duffel","token_env":"T")")),
            "/suppliers/0/base_url");
  for (const char* url : {"ftp://x", "https://", "api.duffel.com", "https://a b", "https://x?q=1",
                          "https://user@x"}) {
    EXPECT_EQ(RefusedAt(WithSupplier(R"("name":"d","kind":"duffel","token_env":"T","base_url":")" +
                                     std::string(url) + "\"")),
              "/suppliers/0/base_url")
        << url;
  }
}

TEST(ServiceConfigTest, CredentialsAreEnvironmentVariableNames) {
  EXPECT_EQ(RefusedAt(WithSupplier(R"("name":"a","kind":"amadeus","base_url":"https://x",)"
                                   R"("client_secret_env":"S")")),
            "/suppliers/0/client_id_env");
  EXPECT_EQ(RefusedAt(WithSupplier(R"("name":"a","kind":"amadeus","base_url":"https://x",)"
                                   R"("client_id_env":"I")")),
            "/suppliers/0/client_secret_env");
  EXPECT_EQ(RefusedAt(WithSupplier(R"("name":"d","kind":"duffel","base_url":"https://x")")),
            "/suppliers/0/token_env");
  EXPECT_EQ(RefusedAt(WithSupplier(R"("name":"d","kind":"duffel","base_url":"https://x",)"
                                   R"("token_env":"duffel_test_abc=secret")")),
            "/suppliers/0/token_env");
}

TEST(ServiceConfigTest, MembersOfAnotherKindAreRefused) {
  EXPECT_EQ(RefusedAt(WithSupplier(R"("name":"b","kind":"builtin","base_url":"https://x")")),
            "/suppliers/0/base_url");
  EXPECT_EQ(RefusedAt(WithSupplier(std::string(kAmadeus) + R"(,"token_env":"T")")),
            "/suppliers/0/token_env");
}

constexpr const char* kDuffel =
    R"("name":"d","kind":"duffel","base_url":"https://api.duffel.com","token_env":"T")";

TEST(ServiceConfigTest, DuffelPagesWithAPageSizeAndASort) {
  auto one_request = ParseServiceConfig(WithSupplier(kDuffel));
  ASSERT_TRUE(one_request) << one_request.error().message;
  EXPECT_EQ(one_request->suppliers[0].page_size, 0);  // one offer request, offers returned
  auto paged = ParseServiceConfig(WithSupplier(std::string(kDuffel) + R"(,"page_size":200)"));
  ASSERT_TRUE(paged) << paged.error().message;
  EXPECT_EQ(paged->suppliers[0].page_size, 200);
  EXPECT_EQ(paged->suppliers[0].sort, "total_amount");
  auto by_id = ParseServiceConfig(
      WithSupplier(std::string(kDuffel) + R"(,"page_size":1,"sort":"none","max_offers":5000)"));
  ASSERT_TRUE(by_id) << by_id.error().message;
  EXPECT_EQ(by_id->suppliers[0].sort, "");
  auto by_duration = ParseServiceConfig(
      WithSupplier(std::string(kDuffel) + R"(,"page_size":50,"sort":"total_duration")"));
  ASSERT_TRUE(by_duration) << by_duration.error().message;
  EXPECT_EQ(by_duration->suppliers[0].sort, "total_duration");

  for (const char* size : {"-1", "201", "1.5", "\"200\""}) {
    EXPECT_EQ(RefusedAt(WithSupplier(std::string(kDuffel) + R"(,"page_size":)" + size)),
              "/suppliers/0/page_size")
        << size;
  }
  for (const char* sort : {"\"price\"", "\"-total_amount\"", "\"\"", "1"}) {
    EXPECT_EQ(RefusedAt(WithSupplier(std::string(kDuffel) + R"(,"page_size":100,"sort":)" + sort)),
              "/suppliers/0/sort")
        << sort;
  }
  // A sort without pages would be ignored: refused instead.
  EXPECT_EQ(RefusedAt(WithSupplier(std::string(kDuffel) + R"(,"sort":"total_amount")")),
            "/suppliers/0/sort");
  EXPECT_EQ(RefusedAt(WithSupplier(std::string(kAmadeus) + R"(,"page_size":100)")),
            "/suppliers/0/page_size");
  EXPECT_EQ(RefusedAt(WithSupplier(R"("name":"b","kind":"builtin","sort":"none")")),
            "/suppliers/0/sort");
}

TEST(ServiceConfigTest, NumbersHaveRanges) {
  EXPECT_EQ(RefusedAt(WithSupplier(std::string(kAmadeus) + R"(,"max_offers":251)")),
            "/suppliers/0/max_offers");
  EXPECT_EQ(RefusedAt(WithSupplier(R"("name":"b","kind":"builtin","max_offers":5001)")),
            "/suppliers/0/max_offers");
  EXPECT_EQ(RefusedAt(WithSupplier(R"("name":"b","kind":"builtin","max_offers":0)")),
            "/suppliers/0/max_offers");
  EXPECT_EQ(RefusedAt(WithSupplier(R"("name":"b","kind":"builtin","timeout_ms":0)")),
            "/suppliers/0/timeout_ms");
  EXPECT_EQ(RefusedAt(WithSupplier(R"("name":"b","kind":"builtin","timeout_ms":120001)")),
            "/suppliers/0/timeout_ms");
  EXPECT_EQ(RefusedAt(WithSupplier(R"("name":"b","kind":"builtin","timeout_ms":1.5)")),
            "/suppliers/0/timeout_ms");
  EXPECT_EQ(RefusedAt(R"({"search":{"search_threads":0}})"), "/search/search_threads");
  EXPECT_EQ(RefusedAt(R"({"search":{"max_answer_bytes":65535}})"), "/search/max_answer_bytes");
  EXPECT_EQ(RefusedAt(R"({"search":{"max_answer_bytes":1073741825}})"), "/search/max_answer_bytes");
  EXPECT_EQ(RefusedAt(R"({"store":{"max_megabytes":"lots"}})"), "/store/max_megabytes");
  EXPECT_EQ(RefusedAt(R"({"store":{"redis_url":"rediss://cache:6379"}})"), "/store/redis_url");
  EXPECT_EQ(RefusedAt(R"({"store":{"redis_url":"redis://cache:99999"}})"), "/store/redis_url");
  EXPECT_EQ(RefusedAt(R"({"store":{"redis_timeout_ms":0}})"), "/store/redis_timeout_ms");
  EXPECT_EQ(RefusedAt(R"({"store":{"cursor_key_env":"a key"}})"), "/store/cursor_key_env");
  EXPECT_EQ(RefusedAt(R"({"store":{"redis_threads":0}})"), "/store/redis_threads");
  EXPECT_EQ(RefusedAt(R"({"store":{"redis_breaker_failures":0}})"),
            "/store/redis_breaker_failures");
  EXPECT_EQ(RefusedAt(WithSupplier(R"("name":"b","kind":"builtin","enabled":1)")),
            "/suppliers/0/enabled");
}

TEST(ServiceConfigTest, ReadsKeysFileAndCorsOrigins) {
  auto config =
      ParseServiceConfig(R"({"auth":{"api_keys_file":"/etc/fareflow/keys.json"},)"
                         R"("cors":{"origins":["https://app.example.com","http://localhost:3000"],)"
                         R"("max_age_seconds":120}})");
  ASSERT_TRUE(config) << config.error().field << ": " << config.error().message;
  EXPECT_EQ(config->auth.api_keys_file, "/etc/fareflow/keys.json");
  EXPECT_EQ(config->cors.origins,
            (std::vector<std::string>{"https://app.example.com", "http://localhost:3000"}));
  EXPECT_EQ(config->cors.max_age, std::chrono::seconds(120));
  // None by default: no keys file, no origin.
  auto defaults = ParseServiceConfig("{}");
  ASSERT_TRUE(defaults);
  EXPECT_EQ(defaults->auth.api_keys_file, "");
  EXPECT_TRUE(defaults->cors.origins.empty());
  EXPECT_EQ(defaults->cors.max_age, std::chrono::seconds(600));
}

TEST(ServiceConfigTest, CorsOriginsAreOriginsNotPatterns) {
  for (const char* bad : {"*", "https://app.example.com/", "https://app.example.com/path",
                          "app.example.com", "https://App.example.com", "ftp://example.com",
                          "https://example.com:", "https://example.com:123456", "null"}) {
    EXPECT_EQ(RefusedAt(std::string(R"({"cors":{"origins":[")") + bad + R"("]}})"),
              "/cors/origins/0")
        << bad;
  }
  EXPECT_EQ(RefusedAt(R"({"cors":{"max_age_seconds":-1}})"), "/cors/max_age_seconds");
  EXPECT_EQ(RefusedAt(R"({"auth":{"api_keys":[]}})"), "/auth/api_keys");
  EXPECT_EQ(RefusedAt(R"({"auth":{"api_keys_file":7}})"), "/auth/api_keys_file");
}

TEST(ServiceConfigTest, HttpMaxConnections) {
  EXPECT_EQ(DefaultServiceConfig().http.max_connections, 0u);  // chosen from the descriptor limit
  auto config = ParseServiceConfig(R"({"http":{"max_connections":5000}})");
  ASSERT_TRUE(config.has_value()) << config.error().message;
  EXPECT_EQ(config->http.max_connections, 5000u);
  EXPECT_EQ(RefusedAt(R"({"http":{"max_connections":-1}})"), "/http/max_connections");
  EXPECT_EQ(RefusedAt(R"({"http":{"max_connections":10000001}})"), "/http/max_connections");
  EXPECT_EQ(RefusedAt(R"({"http":{"connections":10}})"), "/http/connections");
}

TEST(ServiceConfigTest, ReadsTheProxyObject) {
  EXPECT_FALSE(DefaultServiceConfig().proxy.https.has_value());  // the environment decides
  auto config =
      ParseServiceConfig(R"({"proxy":{"https":"http://svc:p%40ss@proxy.corp:3128","http":"",)"
                         R"("no_proxy":"internal.example,10.0.0.0/8"}})");
  ASSERT_TRUE(config.has_value()) << config.error().field << ": " << config.error().message;
  EXPECT_EQ(config->proxy.https, "http://svc:p%40ss@proxy.corp:3128");
  EXPECT_EQ(config->proxy.http, "");  // present and empty: no proxy, whatever HTTP_PROXY says
  EXPECT_EQ(config->proxy.no_proxy, "internal.example,10.0.0.0/8");
}

TEST(ServiceConfigTest, ProxyUrlsTheClientCannotUseAreRefusedWithoutTheirSecrets) {
  for (const char* bad : {"https://svc:s3cret@proxy:443", "socks5://svc:s3cret@proxy:1080",
                          "http://svc:s3cret@proxy:0", "http://svc:s3cret@proxy/path"}) {
    auto config = ParseServiceConfig(std::string(R"({"proxy":{"https":")") + bad + R"("}})");
    ASSERT_FALSE(config.has_value()) << bad;
    EXPECT_EQ(config.error().field, "/proxy/https");
    EXPECT_EQ(config.error().message.find("s3cret"), std::string::npos) << config.error().message;
  }
  EXPECT_EQ(RefusedAt(R"({"proxy":{"http":"ftp://proxy:21"}})"), "/proxy/http");
  EXPECT_EQ(RefusedAt(R"({"proxy":{"http":3128}})"), "/proxy/http");
  EXPECT_EQ(RefusedAt(R"({"proxy":{"no_proxy":["a"]}})"), "/proxy/no_proxy");
  EXPECT_EQ(RefusedAt(R"({"proxy":{"ftp":"http://p:1"}})"), "/proxy/ftp");
}

TEST(ServiceConfigTest, ReadsTheCacheAndCallBudgets) {
  auto defaults = ParseServiceConfig("{}");
  ASSERT_TRUE(defaults);
  EXPECT_TRUE(defaults->cache.enabled);
  EXPECT_EQ(defaults->cache.fresh_within_7_days, std::chrono::hours(4));
  EXPECT_EQ(defaults->cache.fresh_within_30_days, std::chrono::hours(24));
  EXPECT_EQ(defaults->cache.fresh_beyond, std::chrono::hours(36));
  EXPECT_EQ(defaults->cache.fresh_no_flights, std::chrono::hours(36));
  EXPECT_EQ(defaults->suppliers[0].calls_per_second, 0);  // no budget

  auto config = ParseServiceConfig(
      R"({"cache":{"enabled":false,"max_megabytes":64,"max_payload_megabytes":8,)"
      R"("fresh_within_7_days_seconds":600,"fresh_within_30_days_seconds":3600,)"
      R"("fresh_beyond_seconds":7200,"fresh_no_flights_seconds":60,"max_stale_seconds":0,)"
      R"("shared":false,"redis_key_prefix":"ff:c:","claim_ms":2000,"refresh_threads":3},)"
      R"("suppliers":[{"name":"b","kind":"builtin","budget":{"calls_per_second":2.5,"burst":5}}]})");
  ASSERT_TRUE(config) << config.error().field << ": " << config.error().message;
  const CacheConfig& c = config->cache;
  EXPECT_FALSE(c.enabled);
  EXPECT_EQ(c.max_bytes, std::size_t{64} << 20);
  EXPECT_EQ(c.max_payload_bytes, std::size_t{8} << 20);
  EXPECT_EQ(c.fresh_within_7_days, std::chrono::seconds(600));
  EXPECT_EQ(c.fresh_within_30_days, std::chrono::seconds(3600));
  EXPECT_EQ(c.fresh_beyond, std::chrono::seconds(7200));
  EXPECT_EQ(c.fresh_no_flights, std::chrono::seconds(60));
  EXPECT_EQ(c.max_stale, std::chrono::seconds(0));
  EXPECT_FALSE(c.shared);
  EXPECT_EQ(c.redis_key_prefix, "ff:c:");
  EXPECT_EQ(c.claim_ttl, std::chrono::milliseconds(2000));
  EXPECT_EQ(c.refresh_threads, 3u);
  EXPECT_EQ(config->suppliers[0].calls_per_second, 2.5);
  EXPECT_EQ(config->suppliers[0].burst, 5);

  EXPECT_EQ(RefusedAt(R"({"cache":{"ttl":1}})"), "/cache/ttl");
  EXPECT_EQ(RefusedAt(R"({"cache":{"enabled":"yes"}})"), "/cache/enabled");
  EXPECT_EQ(RefusedAt(R"({"cache":{"fresh_beyond_seconds":-1}})"), "/cache/fresh_beyond_seconds");
  EXPECT_EQ(RefusedAt(R"({"cache":{"claim_ms":0}})"), "/cache/claim_ms");
  EXPECT_EQ(
      RefusedAt(WithSupplier(R"("name":"b","kind":"builtin","budget":{"calls_per_second":-1})")),
      "/suppliers/0/budget/calls_per_second");
  EXPECT_EQ(
      RefusedAt(WithSupplier(R"("name":"b","kind":"builtin","budget":{"calls_per_second":"x"})")),
      "/suppliers/0/budget/calls_per_second");
  EXPECT_EQ(RefusedAt(WithSupplier(R"("name":"b","kind":"builtin","budget":{"per_minute":1})")),
            "/suppliers/0/budget/per_minute");
}

TEST(ServiceConfigTest, DefaultDeadlineWithinTheMaximum) {
  EXPECT_EQ(RefusedAt(R"({"search":{"default_deadline_ms":9000,"max_deadline_ms":8000}})"),
            "/search/default_deadline_ms");
  // The default deadline (8 s) is checked against a lowered maximum too.
  EXPECT_EQ(RefusedAt(R"({"search":{"max_deadline_ms":5000}})"), "/search/default_deadline_ms");
}

TEST(ServiceConfigTest, SupplierListNeedsAnEnabledSupplier) {
  EXPECT_EQ(RefusedAt(R"({"suppliers":[]})"), "/suppliers");
  EXPECT_EQ(RefusedAt(WithSupplier(R"("name":"b","kind":"builtin","enabled":false)")),
            "/suppliers");
}

TEST(ServiceConfigTest, BrokenJsonIsRefused) {
  EXPECT_NE(RefusedAt(R"({"search":)"), "(accepted)");
  EXPECT_NE(RefusedAt("[]"), "(accepted)");
  EXPECT_NE(RefusedAt(R"({} {})"), "(accepted)");
  EXPECT_NE(RefusedAt(""), "(accepted)");
}

TEST(ServiceConfigTest, SyntaxErrorsAreReportedAsSuchBeforeAnyValueIsRead) {
  // A value cut short is not taken for a value of the wrong type.
  EXPECT_EQ(RefusedAt(R"({"search":{"queue_limit":1)"), "");
  EXPECT_EQ(RefusedAt(R"({"suppliers":[{"name":"b","kind":"builtin"},)"), "");
  auto config = ParseServiceConfig(R"({"search":{"queue_limit":1}} {})");
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().message, "the configuration is not valid JSON");
}

TEST(ServiceConfigTest, RepositoryConfigurationsLoad) {
  for (const char* file : {"config/default.json", "config/example.json"}) {
    auto config = LoadServiceConfig(std::string(FAREFLOW_SOURCE_DIR) + "/" + file);
    ASSERT_TRUE(config) << file << ": " << config.error().field << " " << config.error().message;
  }
  auto example = LoadServiceConfig(std::string(FAREFLOW_SOURCE_DIR) + "/config/example.json");
  ASSERT_TRUE(example);
  EXPECT_EQ(example->suppliers.size(), 3u);
}

TEST(ServiceConfigTest, MissingFileIsNotFound) {
  auto config = LoadServiceConfig("/nonexistent/fareflow.json");
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().code, ErrorCode::kNotFound);
}

TEST(ServiceConfigTest, CalendarMaxCallsDefaultsTo200WithinItsRange) {
  EXPECT_EQ(DefaultServiceConfig().calendar.max_calls, 200);
  auto config = ParseServiceConfig(R"({"calendar":{"max_calls":0}})");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->calendar.max_calls, 0);
  config = ParseServiceConfig(R"({"calendar":{"max_calls":10000}})");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->calendar.max_calls, 10000);
  EXPECT_EQ(RefusedAt(R"({"calendar":{"max_calls":10001}})"), "/calendar/max_calls");
  EXPECT_EQ(RefusedAt(R"({"calendar":{"max_calls":-1}})"), "/calendar/max_calls");
  EXPECT_EQ(RefusedAt(R"({"calendar":{"max_cals":1}})"), "/calendar/max_cals");
}

}  // namespace
}  // namespace fareflow
