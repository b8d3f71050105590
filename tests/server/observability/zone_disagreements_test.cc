// The per-airport count of stated durations that disputed our time zones, in /metrics and in the
// search log line.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include "engine/completed_search.h"
#include "server/observability/metrics.h"
#include "server/observability/search_log_line.h"

namespace fareflow::server {
namespace {

std::unique_ptr<CompletedSearch> SearchWithDisagreements() {
  auto search = std::make_unique<CompletedSearch>();
  search->id = "srch_test";
  SearchRequest request;
  request.currency = CurrencyCode::Parse("EUR");
  search->context = std::make_unique<RequestContext>(std::move(request));
  search->result.zone_disagreements.Add(LocationCode::Parse("MEL"), 2);
  search->result.zone_disagreements.Add(LocationCode::Parse("SYD"));
  return search;
}

TEST(ZoneDisagreementsTest, CountedPerAirportInMetrics) {
  Metrics metrics;
  const std::unique_ptr<CompletedSearch> search = SearchWithDisagreements();
  metrics.RecordSearch(*search);
  metrics.RecordSearch(*search);
  EXPECT_EQ(metrics.zone_disagreements().Value({"MEL"}), 4);
  EXPECT_EQ(metrics.zone_disagreements().Value({"SYD"}), 2);
  const std::string text = metrics.Render();
  EXPECT_NE(text.find("# TYPE fareflow_zone_disagreements_total counter\n"), std::string::npos);
  EXPECT_NE(text.find("fareflow_zone_disagreements_total{airport=\"MEL\"} 4\n"), std::string::npos)
      << text;
}

TEST(ZoneDisagreementsTest, ListedPerAirportInTheSearchLogLine) {
  const std::unique_ptr<CompletedSearch> search = SearchWithDisagreements();
  std::string line;
  WriteSearchLogLine(*search, std::chrono::system_clock::now(), line);
  EXPECT_NE(line.find(R"("zone_disagreements":{"MEL":2,"SYD":1})"), std::string::npos) << line;

  CompletedSearch none;
  SearchRequest request;
  request.currency = CurrencyCode::Parse("EUR");
  none.context = std::make_unique<RequestContext>(std::move(request));
  line.clear();
  WriteSearchLogLine(none, std::chrono::system_clock::now(), line);
  EXPECT_NE(line.find(R"("zone_disagreements":{})"), std::string::npos) << line;
}

}  // namespace
}  // namespace fareflow::server
