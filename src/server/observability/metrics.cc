#include "server/observability/metrics.h"

#include <array>
#include <utility>

namespace fareflow::server {

std::string_view MethodLabel(std::string_view method) {
  static constexpr std::array<std::string_view, 7> kMethods = {"GET",    "HEAD",    "POST", "PUT",
                                                               "DELETE", "OPTIONS", "PATCH"};
  for (std::string_view known : kMethods) {
    if (method == known) return known;
  }
  return "other";
}

std::string_view StatusLabel(int status) {
  static constexpr std::array<std::pair<int, std::string_view>, 21> kStatuses = {{
      {0, "0"},     {200, "200"}, {201, "201"}, {204, "204"}, {206, "206"}, {301, "301"},
      {304, "304"}, {400, "400"}, {401, "401"}, {403, "403"}, {404, "404"}, {405, "405"},
      {408, "408"}, {413, "413"}, {429, "429"}, {431, "431"}, {500, "500"}, {501, "501"},
      {502, "502"}, {503, "503"}, {504, "504"},
  }};
  for (const auto& [code, label] : kStatuses) {
    if (status == code) return label;
  }
  static constexpr std::array<std::string_view, 5> kClasses = {"1xx", "2xx", "3xx", "4xx", "5xx"};
  if (status >= 100 && status <= 599) return kClasses[static_cast<std::size_t>(status / 100 - 1)];
  return "other";
}

Metrics::Metrics()
    : http_requests_("fareflow_http_requests_total", "HTTP requests answered, by route pattern",
                     {"route", "method", "status"}),
      http_duration_("fareflow_http_request_duration_seconds",
                     "Time from dispatching a request to its answer, by route pattern", {"route"},
                     DurationBounds()),
      stage_duration_("fareflow_search_stage_duration_seconds", "Time each stage of a search took",
                      {"stage"}, DurationBounds()),
      supplier_requests_("fareflow_supplier_requests_total",
                         "Supplier calls of searches, by outcome", {"supplier", "status"}),
      supplier_duration_("fareflow_supplier_duration_seconds",
                         "Time to obtain, parse and enrich one supplier's answer", {"supplier"},
                         DurationBounds()),
      offers_("fareflow_offers_total",
              "Offers received from suppliers, dropped while parsing, and left after dedupe",
              {"kind"}),
      // Airport codes of the reference data only: a fixed set of label values.
      zone_disagreements_("fareflow_zone_disagreements_total",
                          "Segments whose stated duration disagreed with the time zone of an "
                          "airport in the reference data (the stated duration was used)",
                          {"airport"}) {}

void Metrics::RecordStream(bool client_gone) {
  ++streams_;
  if (client_gone) ++stream_clients_gone_;
}

void Metrics::AddRoute(std::string_view pattern) {
  std::lock_guard lock(routes_mu_);
  routes_.emplace(pattern);
}

std::string Metrics::RouteLabel(std::string_view route) const {
  if (route == "unmatched") return std::string(route);
  std::lock_guard lock(routes_mu_);
  return routes_.contains(route) ? std::string(route) : std::string("other");
}

void Metrics::RecordHttpRequest(std::string_view route, std::string_view method, int status,
                                double seconds) {
  const std::string route_label = RouteLabel(route);
  http_requests_.Add(
      {route_label, std::string(MethodLabel(method)), std::string(StatusLabel(status))});
  http_duration_.Observe({route_label}, seconds);
}

void Metrics::RecordSearch(const CompletedSearch& search) {
  if (search.context) {
    const StageTimings& timings = search.context->timings();
    for (std::size_t i = 0; i < static_cast<std::size_t>(Stage::kCount); ++i) {
      const Stage stage = static_cast<Stage>(i);
      stage_duration_.Observe({std::string(StageName(stage))},
                              static_cast<double>(timings[stage]) / 1e6);
    }
  }
  // Supplier names come from the configuration (at most kMaxSuppliers), never from a request.
  for (const SupplierOutcome& s : search.result.suppliers) {
    supplier_requests_.Add({s.name, std::string(SupplierStatusName(s.status))});
    supplier_duration_.Observe({s.name}, static_cast<double>(s.micros) / 1e6);
  }
  const SearchResult& r = search.result;
  offers_.Add({"received"}, r.received);
  offers_.Add({"dropped"}, r.dropped);
  offers_.Add({"deduplicated"}, static_cast<double>(r.offers.size()));
  for (const ZoneDisagreements::Count& c : r.zone_disagreements.counts) {
    zone_disagreements_.Add({c.airport.str()}, c.count);
  }
}

void Metrics::WatchStore(const SearchStore* store) {
  if (store == nullptr) return;
  watched_.push_back({"fareflow_stored_searches", "Searches kept for refining and paging", "gauge",
                      [store] { return static_cast<double>(store->stats().searches); }});
  watched_.push_back({"fareflow_stored_search_bytes",
                      "Memory held by the stored searches (payloads and arenas)", "gauge",
                      [store] { return static_cast<double>(store->stats().bytes); }});
  watched_.push_back({"fareflow_stored_search_evictions_total",
                      "Stored searches let go of to stay under the memory cap", "counter",
                      [store] { return static_cast<double>(store->stats().evictions); }});
  watched_.push_back({"fareflow_stored_search_expirations_total",
                      "Stored searches let go of because they expired", "counter",
                      [store] { return static_cast<double>(store->stats().expirations); }});
}

void Metrics::WatchSearchLog(const SearchLog* search_log) { search_log_ = search_log; }

void Metrics::WatchSharedStore(const RemoteSearchStore* shared) {
  if (shared == nullptr) return;
  struct Counter {
    const char* name;
    const char* help;
    uint64_t RemoteSearchStoreStats::*field;
  };
  static constexpr Counter kCounters[] = {
      {"fareflow_shared_store_saves_total", "Searches written to the shared store (Redis)",
       &RemoteSearchStoreStats::saves},
      {"fareflow_shared_store_save_errors_total",
       "Searches that could not be written to the shared store",
       &RemoteSearchStoreStats::save_errors},
      {"fareflow_shared_store_saved_bytes_total",
       "Compressed snapshot bytes written to the shared store",
       &RemoteSearchStoreStats::saved_bytes},
      {"fareflow_shared_store_loads_total",
       "Searches of other instances rebuilt from the shared store", &RemoteSearchStoreStats::loads},
      {"fareflow_shared_store_misses_total",
       "Searches asked of the shared store that it did not have", &RemoteSearchStoreStats::misses},
      {"fareflow_shared_store_load_errors_total",
       "Reads of the shared store that failed (Redis, or a bad snapshot)",
       &RemoteSearchStoreStats::load_errors},
      {"fareflow_shared_store_breaker_opens_total",
       "Times the shared store's circuit breaker opened (Redis skipped for a cooldown)",
       &RemoteSearchStoreStats::breaker_opens},
      {"fareflow_shared_store_reads_refused_total",
       "Shared store reads answered as misses because the Redis queue was full",
       &RemoteSearchStoreStats::reads_refused},
      {"fareflow_shared_store_writes_dropped_total",
       "Shared store writes dropped because the Redis queue was full",
       &RemoteSearchStoreStats::writes_dropped},
  };
  for (const Counter& c : kCounters) {
    watched_.push_back({c.name, c.help, "counter", [shared, field = c.field] {
                          return static_cast<double>(shared->stats().*field);
                        }});
  }
  watched_.push_back({"fareflow_shared_store_breaker_state",
                      "The shared store's circuit breaker: 0 closed, 1 open, 2 half-open", "gauge",
                      [shared] { return static_cast<double>(shared->breaker_state()); }});
}

void Metrics::WatchSupplierCache(const cache::SupplierCache* supplier_cache) {
  if (supplier_cache == nullptr) return;
  using cache::SupplierCacheStats;
  struct Counter {
    const char* name;
    const char* help;
    uint64_t SupplierCacheStats::*field;
  };
  static constexpr Counter kCounters[] = {
      {"fareflow_cache_hits_total", "Supplier calls a fresh cached answer stood in for",
       &SupplierCacheStats::hits},
      {"fareflow_cache_misses_total", "Supplier answers looked for in the cache and not found",
       &SupplierCacheStats::misses},
      {"fareflow_cache_stale_serves_total",
       "Stale cached answers served (while refreshing, or past the call budget)",
       &SupplierCacheStats::stale_serves},
      {"fareflow_cache_refreshes_total", "Background refreshes of stale cached answers started",
       &SupplierCacheStats::refreshes},
      {"fareflow_cache_single_flight_joins_total",
       "Supplier calls that waited for an identical call in flight instead of calling",
       &SupplierCacheStats::joins},
      {"fareflow_cache_budget_refusals_total", "Supplier calls refused by the call budget",
       &SupplierCacheStats::budget_refusals},
      {"fareflow_cache_stores_total", "Supplier answers stored in the cache",
       &SupplierCacheStats::stores},
      {"fareflow_cache_stores_dropped_total",
       "Supplier answers not stored (queue full, or too large)",
       &SupplierCacheStats::stores_dropped},
      {"fareflow_cache_redis_hits_total", "Cached answers found in Redis (another instance's)",
       &SupplierCacheStats::redis_hits},
      {"fareflow_cache_redis_errors_total", "Cache reads and writes Redis failed or skipped",
       &SupplierCacheStats::redis_errors},
      {"fareflow_cache_evictions_total", "Entries evicted from the in-process cache",
       &SupplierCacheStats::evictions},
  };
  for (const Counter& c : kCounters) {
    watched_.push_back({c.name, c.help, "counter", [supplier_cache, field = c.field] {
                          return static_cast<double>(supplier_cache->stats().*field);
                        }});
  }
  watched_.push_back(
      {"fareflow_cache_bytes", "Bytes held by the in-process cache (compressed)", "gauge",
       [supplier_cache] { return static_cast<double>(supplier_cache->stats().bytes_held); }});
  watched_.push_back(
      {"fareflow_cache_entries", "Entries in the in-process cache", "gauge",
       [supplier_cache] { return static_cast<double>(supplier_cache->stats().entries); }});
}

void Metrics::WatchConnections(std::shared_ptr<const net::ConnectionCounters> counters) {
  if (counters == nullptr) return;
  struct Series {
    const char* name;
    const char* help;
    std::string_view type;
    const std::atomic<uint64_t> net::ConnectionCounters::*field;
  };
  static constexpr Series kSeries[] = {
      {"fareflow_http_connections_accepted_total", "Client connections accepted and served",
       "counter", &net::ConnectionCounters::accepted},
      {"fareflow_http_connections_shed_total",
       "Idle keep-alive connections closed to admit a new one at the connection cap", "counter",
       &net::ConnectionCounters::shed},
      {"fareflow_http_connections_refused_total",
       "Connections refused (503, closed) at the connection cap with none idle", "counter",
       &net::ConnectionCounters::refused},
      {"fareflow_http_connections_open", "Client connections open now", "gauge",
       &net::ConnectionCounters::open},
      {"fareflow_http_connections_max", "The cap on open client connections", "gauge",
       &net::ConnectionCounters::max},
  };
  for (const Series& series : kSeries) {
    watched_.push_back({series.name, series.help, series.type, [counters, field = series.field] {
                          return static_cast<double>(((*counters).*field).load());
                        }});
  }
}

std::string Metrics::Render() const {
  std::string out;
  http_requests_.Render(out);
  http_duration_.Render(out);
  stage_duration_.Render(out);
  supplier_requests_.Render(out);
  supplier_duration_.Render(out);
  offers_.Render(out);
  zone_disagreements_.Render(out);
  for (const CallbackMetric& metric : watched_) metric.Render(out);
  // Always present, so that a ratio of the two needs no special case before the first stream.
  CallbackMetric{"fareflow_streams_total", "Searches answered as streams (Server-Sent Events)",
                 "counter", [this] { return static_cast<double>(streams_.load()); }}
      .Render(out);
  CallbackMetric{"fareflow_stream_clients_gone_total",
                 "Streamed searches whose client went away before the end (the search ran on "
                 "and was stored)",
                 "counter", [this] { return static_cast<double>(stream_clients_gone_.load()); }}
      .Render(out);
  // Always present, so that an alert on it needs no special case for a service without a log.
  const SearchLog* search_log = search_log_;
  CallbackMetric{
      "fareflow_search_log_write_errors_total",
      "Search log writes that failed (their lines were lost)", "counter",
      [search_log] { return search_log ? static_cast<double>(search_log->write_errors()) : 0.0; }}
      .Render(out);
  return out;
}

}  // namespace fareflow::server
