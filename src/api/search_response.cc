#include "api/search_response.h"

#include "api/offer_json.h"
#include "core/datetime.h"
#include "core/json_values.h"
#include "core/json_writer.h"
#include "refdata/currencies.h"

namespace fareflow {

void WriteSearchEcho(const SearchRequest& r, JsonWriter& w) {
  w.BeginObject();
  w.Key("slices");
  w.BeginArray();
  for (const SliceRequest& s : r.slices) {
    w.BeginObject();
    w.Key("origin");
    WriteCode(w, s.origin);
    w.Key("destination");
    WriteCode(w, s.destination);
    char date[10];
    FormatDate(s.departure_date, date);
    w.Key("departure_date");
    w.PlainString({date, 10});
    w.EndObject();
  }
  w.EndArray();
  w.Key("passengers");
  w.BeginObject();
  w.Key("adults");
  w.Int(r.passengers.adults);
  w.Key("children");
  w.Int(r.passengers.children());
  w.Key("infants");
  w.Int(r.passengers.infants);
  w.EndObject();
  w.Key("cabin");
  w.PlainString(CabinName(r.cabin));
  w.Key("currency");
  WriteCode(w, r.currency);
  w.Key("sort");
  w.PlainString(SortKeyName(r.sort));
  w.Key("limit");
  w.Int(r.limit);
  w.EndObject();
}

namespace {

void WriteSuppliers(const SearchResult& result, bool include_timings, JsonWriter& w) {
  w.Key("suppliers");
  w.BeginArray();
  for (const SupplierOutcome& s : result.suppliers) {
    w.BeginObject();
    w.Key("name");
    w.String(s.name);
    w.Key("kind");
    w.PlainString(SupplierKindName(s.kind));
    w.Key("status");
    w.PlainString(SupplierStatusName(s.status));
    if (!s.error.empty()) {
      w.Key("error");
      w.String(s.error);
    }
    w.Key("offers_received");
    w.Int(s.received());
    w.Key("offers_kept");
    w.Int(s.kept());
    w.Key("offers_dropped");
    w.BeginObject();
    if (s.batch != nullptr) {
      for (std::size_t i = 0; i < s.batch->dropped.size(); ++i) {
        if (s.batch->dropped[i] == 0) continue;
        w.Key(DropReasonName(static_cast<DropReason>(i)));
        w.Int(s.batch->dropped[i]);
      }
    }
    w.EndObject();
    w.Key("bytes");
    w.Int(s.bytes);
    if (include_timings) {
      w.Key("ms");
      w.Double(static_cast<double>(s.micros) / 1000.0);
    }
    w.EndObject();
  }
  w.EndArray();
}

void WriteFacetCount(const FacetCount& f, CurrencyCode currency, JsonWriter& w) {
  w.Key("count");
  w.Int(f.count);
  w.Key("min_price");
  if (f.count == 0) {
    w.Null();
  } else {
    WriteAmount(w, f.min_price_minor, refdata::MinorDigits(currency));
  }
}

void WriteFacets(const Facets& f, int slice_count, CurrencyCode currency, JsonWriter& w) {
  w.Key("facets");
  w.BeginObject();
  w.Key("stops");
  w.BeginArray();
  static constexpr std::string_view kStops[] = {"0", "1", "2+"};
  for (std::size_t i = 0; i < f.stops.size(); ++i) {
    w.BeginObject();
    w.Key("stops");
    w.PlainString(kStops[i]);
    WriteFacetCount(f.stops[i], currency, w);
    w.EndObject();
  }
  w.EndArray();
  w.Key("airlines");
  w.BeginArray();
  for (const AirlineFacet& a : f.airlines) {
    w.BeginObject();
    w.Key("code");
    WriteCode(w, a.code);
    if (const refdata::Airline* airline = refdata::FindAirline(a.code)) {
      w.Key("name");
      w.String(airline->name);
    }
    WriteFacetCount(a.value, currency, w);
    w.EndObject();
  }
  w.EndArray();
  w.Key("alliances");
  w.BeginArray();
  for (const AllianceFacet& a : f.alliances) {
    w.BeginObject();
    w.Key("alliance");
    w.PlainString(refdata::AllianceName(a.alliance));
    WriteFacetCount(a.value, currency, w);
    w.EndObject();
  }
  w.EndArray();
  w.Key("connecting_airports");
  w.BeginArray();
  for (const AirportFacet& a : f.connecting_airports) {
    w.BeginObject();
    w.Key("code");
    WriteCode(w, a.code);
    WriteFacetCount(a.value, currency, w);
    w.EndObject();
  }
  w.EndArray();
  w.Key("price_histogram");
  w.BeginArray();
  for (const PriceBucket& b : f.price_histogram) {
    w.BeginObject();
    w.Key("from");
    WriteAmount(w, b.lo_minor, refdata::MinorDigits(currency));
    w.Key("to");
    WriteAmount(w, b.hi_minor, refdata::MinorDigits(currency));
    w.Key("count");
    w.Int(b.count);
    w.EndObject();
  }
  w.EndArray();
  w.Key("departure_time_of_day");
  w.BeginArray();
  static constexpr std::string_view kParts[] = {"night", "morning", "afternoon", "evening"};
  for (int s = 0; s < slice_count && s < static_cast<int>(f.departure_day_parts.size()); ++s) {
    w.BeginObject();
    w.Key("slice");
    w.Int(s);
    for (int p = 0; p < kDayParts; ++p) {
      w.Key(kParts[p]);
      w.BeginObject();
      WriteFacetCount(f.departure_day_parts[static_cast<std::size_t>(s)][p], currency, w);
      w.EndObject();
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

}  // namespace

void WriteSearchResponse(const SearchResult& result, const SearchRequest& request,
                         const StageTimings& timings, const ResponseOptions& options,
                         std::string& out) {
  out.reserve(out.size() + 8192 + result.page.count * 4608);  // ~4.1 KB an offer on W5k
  JsonWriter w(out);
  w.BeginObject();
  if (!options.search_id.empty()) {
    w.Key("search_id");
    w.String(options.search_id);
    w.Key("expires_at");
    w.String(options.expires_at);
  }
  w.Key("search");
  WriteSearchEcho(request, w);
  w.Key("counts");
  w.BeginObject();
  w.Key("received");
  w.Int(result.received);
  w.Key("dropped");
  w.Int(result.dropped);
  w.Key("deduplicated");
  w.Int(static_cast<int64_t>(result.offers.size()));
  w.Key("matching");
  w.Int(static_cast<int64_t>(result.selection.size()));
  w.Key("returned");
  w.Int(static_cast<int64_t>(result.page.count));
  w.EndObject();
  bool partial = false;
  for (const SupplierOutcome& s : result.suppliers) partial |= s.status != SupplierStatus::kOk;
  w.Key("partial");
  w.Bool(partial);
  WriteSuppliers(result, options.include_timings, w);
  w.Key("offers");
  w.BeginArray();
  for (std::size_t i = result.page.offset; i < result.page.offset + result.page.count; ++i) {
    WriteOfferJson(*result.offers[result.selection[i]], result.suppliers, w);
  }
  w.EndArray();
  WriteFacets(result.facets, static_cast<int>(request.slices.size()), request.currency, w);
  w.Key("page");
  w.BeginObject();
  w.Key("offset");
  w.Int(static_cast<int64_t>(result.page.offset));
  w.Key("limit");
  w.Int(request.limit);
  w.Key("next_cursor");
  if (result.page.next_cursor.empty()) {
    w.Null();
  } else {
    w.String(result.page.next_cursor);
  }
  w.EndObject();
  if (options.include_timings) {
    w.Key("timings_ms");
    w.BeginObject();
    for (std::size_t i = 0; i < timings.micros.size(); ++i) {
      w.Key(StageName(static_cast<Stage>(i)));
      w.Double(static_cast<double>(timings.micros[i]) / 1000.0);
    }
    w.EndObject();
  }
  w.EndObject();
}

}  // namespace fareflow
