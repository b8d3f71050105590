#ifndef FAREFLOW_CONFIG_SERVICE_CONFIG_H_
#define FAREFLOW_CONFIG_SERVICE_CONFIG_H_

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/search_response.h"
#include "config/config_limits.h"
#include "core/result.h"
#include "engine/supplier_kind.h"

namespace fareflow {

// One supplier of the configuration file (docs/configuration.md).
struct SupplierConfig {
  std::string name;  // unique; names the supplier in answers, logs and metrics
  SupplierKind kind = SupplierKind::kBuiltin;
  bool enabled = true;
  std::string base_url;  // "https://test.api.amadeus.com"; empty for the built-in supplier
  // Names of environment variables holding credentials (never the secrets themselves):
  // Amadeus: client id and secret; Duffel: the access token.
  std::string client_id_env;
  std::string client_secret_env;
  std::string token_env;
  std::chrono::milliseconds timeout{8'000};  // per supplier, within the search deadline
  int max_offers = 250;                      // asked of the supplier / kept of its answer
  // Duffel: 0 = one offer request that answers with every offer; 1..200 = the offer request
  // without offers, then its offers in pages of `GET /air/offers` of this many, until max_offers
  // are in or the last page (docs/configuration.md, "Duffel paging").
  int page_size = 0;
  // Duffel, when paging: the order of the pages, so that the cut at max_offers keeps the first
  // ones of it: "total_amount" (cheapest first), "total_duration", or empty (Duffel's own, by id).
  std::string sort = "total_amount";
  // The most bytes of one answer, decoded (after gunzip), and so the supplier's memory bound per
  // call: an answer past it is cut there, the offers complete before the cut are kept and the
  // supplier reports `truncated`.
  std::size_t max_body_bytes = kDefaultSupplierBodyBytes;
  // Circuit breaker: after `breaker_failures` failed searches in a row the supplier is skipped
  // for `breaker_cooldown`, then tried again.
  int breaker_failures = 5;
  std::chrono::milliseconds breaker_cooldown{30'000};
  // Call budget: at most `calls_per_second` calls on average, `burst` at once, shared by searches
  // and the cache's background refreshes; a call past it is answered from the cache or reported
  // as rate_limited. 0 = no budget.
  double calls_per_second = 0;
  int burst = 0;  // 0 = max(1, calls_per_second)
};

// Search deadlines: a request may ask for its own (deadline_ms), capped by max_deadline.
struct SearchConfig {
  std::chrono::milliseconds default_deadline{8'000};
  std::chrono::milliseconds max_deadline{20'000};
  unsigned search_threads = 4;    // searches running at once; more wait in a queue
  unsigned parse_threads = 0;     // payload parsing workers; 0 = one per hardware thread
  std::size_t queue_limit = 256;  // searches waiting beyond this get 503
  // The most bytes one answer may take; a page past it is cut and a cursor to the rest returned.
  std::size_t max_answer_bytes = kDefaultMaxAnswerBytes;
  // On SIGTERM/SIGINT, how long searches already running may take to be answered before their
  // connections are closed (waiting ones get 503 at once).
  std::chrono::milliseconds shutdown_grace{10'000};
};

// The store of finished searches (refine and page without supplier calls): in process, and
// shared with other instances through Redis when redis_url is set.
struct StoreConfig {
  std::chrono::seconds ttl{900};
  std::size_t max_bytes = std::size_t{512} << 20;  // least recently used searches go first
  std::string redis_url;                           // "redis://host:6379/0"; empty = no Redis
  std::chrono::milliseconds redis_timeout{1'000};  // connect, send, receive
  std::string redis_key_prefix = "fareflow:search:";
  // The environment variable holding the key page cursors are signed with (hex or base64 of 32
  // to 64 bytes). Unset: a random key per process, so cursors verify only where they were made;
  // instances sharing redis_url need the same key.
  std::string cursor_key_env = "FAREFLOW_CURSOR_KEY";
  unsigned redis_threads = 2;  // threads that wait on Redis, apart from searches
  std::size_t redis_queue_limit =
      64;                          // Redis calls waiting beyond this: read = miss, write dropped
  int redis_breaker_failures = 3;  // failed calls in a row that open the breaker
  std::chrono::milliseconds redis_breaker_cooldown{5'000};  // Redis skipped this long once open
};

// The cache of supplier answers (docs/configuration.md, `cache`): in process, and shared through
// the store's Redis when store.redis_url is set.
struct CacheConfig {
  bool enabled = true;
  std::size_t max_bytes = std::size_t{256} << 20;         // in-process tier, compressed
  std::size_t max_payload_bytes = std::size_t{64} << 20;  // larger answers are not cached
  // How long an answer stays fresh, by days to departure; "no flights" answers at any distance.
  std::chrono::seconds fresh_within_7_days{4 * 3600};
  std::chrono::seconds fresh_within_30_days{24 * 3600};
  std::chrono::seconds fresh_beyond{36 * 3600};
  std::chrono::seconds fresh_no_flights{36 * 3600};
  std::chrono::seconds max_stale{24 * 3600};  // kept past freshness, served while refreshing
  bool shared = true;                         // use Redis when store.redis_url is set
  std::string redis_key_prefix = "fareflow:cache:";
  std::chrono::milliseconds claim_ttl{10'000};  // cross-instance single flight
  unsigned refresh_threads = 2;                 // background refreshes at once
};

// Client keys (docs/configuration.md, `auth`).
struct AuthConfig {
  // A JSON file of API keys (server/access/api_key_file.h); empty = no keys, the API is open.
  // FAREFLOW_API_KEYS_FILE, when set, takes its place.
  std::string api_keys_file;
};

// Web pages of other origins that may call the API (docs/configuration.md, `cors`).
struct CorsConfig {
  std::vector<std::string> origins;   // "https://app.example.com"; empty = none
  std::chrono::seconds max_age{600};  // Access-Control-Max-Age of a preflight's answer
};

// The HTTP server (the listening address comes from the command line).
struct HttpConfig {
  // Client connections open at once; 0 = as many as the descriptor limit allows, less a reserve
  // for supplier sockets, Redis and files (net/connection_cap.h), which also lowers a larger
  // value at start (said on stderr).
  std::size_t max_connections = 0;
};

// Price calendars (docs/configuration.md, `calendar`).
struct CalendarConfig {
  int max_calls = 200;  // the most supplier calls one calendar may make, whatever it asks
};

// Forward proxies for supplier calls (docs/configuration.md, `proxy`). A member that is present,
// even empty, takes the place of its environment variable (HTTPS_PROXY, HTTP_PROXY, NO_PROXY);
// an absent one leaves the environment to decide. Proxy URLs are checked when read
// (net::ParseProxyUrl: http:// only).
struct ProxyConfig {
  std::optional<std::string> https;     // "http://user:pass@proxy:3128" for https suppliers
  std::optional<std::string> http;      // the same for http suppliers
  std::optional<std::string> no_proxy;  // "internal.example,10.0.0.0/8": reached directly
};

struct ServiceConfig {
  std::vector<SupplierConfig> suppliers;  // default: the built-in supplier alone
  SearchConfig search;
  StoreConfig store;
  CacheConfig cache;
  AuthConfig auth;
  CorsConfig cors;
  HttpConfig http;
  CalendarConfig calendar;
  ProxyConfig proxy;
  std::string search_log_path;  // JSON lines; empty = no search log
};

// The configuration `fareflow serve` uses without --config: the built-in supplier alone.
ServiceConfig DefaultServiceConfig();

// Reads a configuration file (JSON, schema in docs/configuration.md). Unknown keys, duplicate
// supplier names, bad URLs and out-of-range numbers are kInvalidArgument errors whose `field` is
// the JSON pointer of the offending value.
Result<ServiceConfig> ParseServiceConfig(std::string_view json);
Result<ServiceConfig> LoadServiceConfig(const std::string& path);

}  // namespace fareflow

#endif  // FAREFLOW_CONFIG_SERVICE_CONFIG_H_
