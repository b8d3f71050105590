#include "server/observability/metrics.h"

namespace fareflow::server {

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
              {"kind"}) {}

void Metrics::RecordHttpRequest(std::string_view route, std::string_view method, int status,
                                double seconds) {
  const std::string route_label(route);
  http_requests_.Add({route_label, std::string(method), std::to_string(status)});
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
  for (const SupplierOutcome& s : search.result.suppliers) {
    supplier_requests_.Add({s.name, std::string(SupplierStatusName(s.status))});
    supplier_duration_.Observe({s.name}, static_cast<double>(s.micros) / 1e6);
  }
  const SearchResult& r = search.result;
  offers_.Add({"received"}, r.received);
  offers_.Add({"dropped"}, r.dropped);
  offers_.Add({"deduplicated"}, static_cast<double>(r.offers.size()));
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
  };
  for (const Counter& c : kCounters) {
    watched_.push_back({c.name, c.help, "counter", [shared, field = c.field] {
                          return static_cast<double>(shared->stats().*field);
                        }});
  }
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
  for (const CallbackMetric& metric : watched_) metric.Render(out);
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
