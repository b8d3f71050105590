#include "server/observability/search_log_line.h"

#include <optional>

#include "api/search_response.h"
#include "core/clock.h"
#include "core/json_values.h"
#include "core/json_writer.h"
#include "refdata/currencies.h"

namespace fareflow::server {

void WriteSearchLogLine(const CompletedSearch& search, std::chrono::system_clock::time_point now,
                        std::string& out) {
  const SearchResult& r = search.result;
  const SearchRequest& request = search.request();
  JsonWriter w(out);
  w.BeginObject();
  w.Key("time");
  w.PlainString(IsoUtcMillis(now));
  w.Key("search_id");
  w.String(search.id);
  w.Key("request");
  WriteSearchEcho(request, w);

  w.Key("counts");
  w.BeginObject();
  w.Key("received");
  w.Int(r.received);
  w.Key("dropped");
  w.Int(r.dropped);
  w.Key("deduplicated");
  w.Int(static_cast<int64_t>(r.offers.size()));  // left after dedupe, as in the answer's counts
  w.Key("matching");
  w.Int(static_cast<int64_t>(r.selection.size()));
  // Per airport: segments whose stated duration disputed its time zone ({} when none).
  w.Key("zone_disagreements");
  w.BeginObject();
  for (const ZoneDisagreements::Count& c : r.zone_disagreements.counts) {
    w.Key(c.airport.str());
    w.Int(c.count);
  }
  w.EndObject();
  w.EndObject();

  w.Key("suppliers");
  w.BeginArray();
  for (const SupplierOutcome& s : r.suppliers) {
    w.BeginObject();
    w.Key("name");
    w.String(s.name);
    w.Key("status");
    w.PlainString(SupplierStatusName(s.status));
    w.Key("offers");
    w.Int(s.kept());
    w.Key("ms");
    w.Double(static_cast<double>(s.micros) / 1000.0);
    w.Key("error");
    if (s.error.empty()) {
      w.Null();
    } else {
      w.String(s.error);
    }
    w.EndObject();
  }
  w.EndArray();

  w.Key("timings_ms");
  w.BeginObject();
  if (search.context) {
    const StageTimings& timings = search.context->timings();
    for (std::size_t i = 0; i < static_cast<std::size_t>(Stage::kCount); ++i) {
      const Stage stage = static_cast<Stage>(i);
      w.Key(StageName(stage));
      w.Double(static_cast<double>(timings[stage]) / 1000.0);
    }
  }
  w.EndObject();

  // The cheapest offer that matched the request's filters.
  std::optional<int64_t> cheapest;
  for (uint32_t index : r.selection) {
    const int64_t minor = r.offers[index]->total_requested.minor;
    if (!cheapest || minor < *cheapest) cheapest = minor;
  }
  w.Key("cheapest");
  if (cheapest) {
    w.BeginObject();
    w.Key("amount");
    WriteAmount(w, *cheapest, refdata::MinorDigits(request.currency));
    w.Key("currency");
    WriteCode(w, request.currency);
    w.EndObject();
  } else {
    w.Null();
  }
  w.EndObject();
  w.Finish();
}

}  // namespace fareflow::server
