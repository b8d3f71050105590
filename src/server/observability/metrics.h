#ifndef FAREFLOW_SERVER_OBSERVABILITY_METRICS_H_
#define FAREFLOW_SERVER_OBSERVABILITY_METRICS_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "cache/supplier_cache.h"
#include "engine/completed_search.h"
#include "net/connection_counters.h"
#include "server/observability/metric_families.h"
#include "server/observability/search_log.h"
#include "store/remote_search_store.h"
#include "store/search_store.h"

namespace fareflow::server {

// The label values a request is counted under: each from a fixed set, whatever a client sends,
// so that no request can add series (a made-up method per request once grew a scrape to 323 MB).
// GET, HEAD, POST, PUT, DELETE, OPTIONS, PATCH; any other method is "other".
std::string_view MethodLabel(std::string_view method);
// The statuses fareflow and its HTTP layer answer, as they are ("0" for no answer); any other
// is its class ("1xx".."5xx"), or "other" outside 100..599.
std::string_view StatusLabel(int status);

// The metrics of the fareflow service (docs/api.md, "Metrics"), rendered for GET /metrics in the
// Prometheus text format 0.0.4. Every label value comes from a fixed set:
//   route    a pattern a router added (AddRoute), "unmatched" (no route), or "other";
//   method   MethodLabel; status: StatusLabel;
//   stage    Stage names; kind: received, dropped, deduplicated;
//   supplier the configured supplier names (at most kMaxSuppliers, from the configuration, never
//            from a request); supplier status: SupplierStatus names.
// Thread-safe; Watch* are called before serving.
class Metrics {
 public:
  Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // Makes `pattern` ("/v1/searches/{id}/offers") a route label; a router calls it for each route
  // it adds.
  void AddRoute(std::string_view pattern);

  // One answered HTTP request: `route` is the pattern that matched ("/v1/searches/{id}/offers",
  // "unmatched" when none did; any other value is counted as "other"), `method` as the client sent
  // it (folded by MethodLabel), `status` the answer's (0 when the connection was reset, hung or
  // dropped), `seconds` from dispatch to the answer.
  void RecordHttpRequest(std::string_view route, std::string_view method, int status,
                         double seconds);

  // One finished search: its stage timings, each supplier's outcome and duration, and the offers
  // received, dropped while parsing and left after dedupe (the answer's counts).
  void RecordSearch(const CompletedSearch& search);

  // One search answered as a stream (Server-Sent Events); `client_gone` when its client went
  // away before the end.
  void RecordStream(bool client_gone);

  // Reads the store's size and the search log's write errors when rendering. Each must outlive
  // this object; null = not shown.
  void WatchStore(const SearchStore* store);
  void WatchSearchLog(const SearchLog* search_log);
  void WatchSharedStore(const RemoteSearchStore* shared_store);
  // fareflow_cache_*: what the cache of supplier answers did and holds; null = no cache.
  void WatchSupplierCache(const cache::SupplierCache* cache);
  // Reads the HTTP server's connection counters (kept alive by this object) when rendering.
  void WatchConnections(std::shared_ptr<const net::ConnectionCounters> counters);

  // Every family, in text format 0.0.4.
  std::string Render() const;

  // For tests and the search log's counters.
  const CounterFamily& http_requests() const { return http_requests_; }
  const CounterFamily& offers() const { return offers_; }
  const CounterFamily& zone_disagreements() const { return zone_disagreements_; }
  uint64_t streams() const { return streams_.load(); }
  uint64_t stream_clients_gone() const { return stream_clients_gone_.load(); }

 private:
  // The label of `route`: itself when added or "unmatched", else "other".
  std::string RouteLabel(std::string_view route) const;

  mutable std::mutex routes_mu_;
  std::set<std::string, std::less<>> routes_;
  CounterFamily http_requests_;
  HistogramFamily http_duration_;
  HistogramFamily stage_duration_;
  CounterFamily supplier_requests_;
  HistogramFamily supplier_duration_;
  CounterFamily offers_;
  CounterFamily zone_disagreements_;
  std::atomic<uint64_t> streams_{0};
  std::atomic<uint64_t> stream_clients_gone_{0};
  std::vector<CallbackMetric> watched_;
  const SearchLog* search_log_ = nullptr;
};

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_OBSERVABILITY_METRICS_H_
