#include "api/search_response.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>

#include "api/compact_offer_json.h"
#include "api/offer_json.h"
#include "core/datetime.h"
#include "core/json_values.h"
#include "core/json_writer.h"
#include "pipeline/page.h"
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

void WriteCacheUse(const CacheUse& use, JsonWriter& w) {
  w.BeginObject();
  w.Key("source");
  w.PlainString(use.from_cache ? "cache" : "live");
  w.Key("age_s");
  w.Int(use.age_seconds);
  w.Key("stale");
  w.Bool(use.stale);
  w.EndObject();
}

void WriteSupplierMembers(const SupplierOutcome& s, bool include_timings, JsonWriter& w) {
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
  w.Key("cache");
  WriteCacheUse(s.cache, w);
  if (include_timings) {
    w.Key("ms");
    w.Double(static_cast<double>(s.micros) / 1000.0);
  }
}

namespace {

// "suppliers"; while a search streams (`streaming`), only those that have finished.
void WriteSuppliers(const SearchResult& result, bool include_timings, bool streaming,
                    JsonWriter& w) {
  w.Key("suppliers");
  w.BeginArray();
  for (const SupplierOutcome& s : result.suppliers) {
    if (streaming && s.name.empty()) continue;
    w.BeginObject();
    WriteSupplierMembers(s, include_timings, w);
    w.EndObject();
  }
  w.EndArray();
}

// One offer of "highlights", or null.
void WriteHighlight(const Offer* offer, JsonWriter& w) {
  if (offer == nullptr) {
    w.Null();
    return;
  }
  w.BeginObject();
  char id[kOfferIdLength];
  FormatOfferId(*offer, id);
  w.Key("id");
  w.PlainString({id, kOfferIdLength});
  w.Key("price");
  WriteAmount(w, offer->total_requested.minor,
              refdata::MinorDigits(offer->total_requested.currency));
  w.Key("duration_minutes");
  w.Int(offer->total_duration_minutes);
  w.EndObject();
}

// The value of "highlights": the first matching offer under each of the sorts best, cheapest and
// fastest, which are the offers of the selection Score tagged (pipeline/rank.h). Score tags
// exactly one selected offer each, so the walk stops once all three are found.
void WriteHighlights(const SearchResult& result, JsonWriter& w) {
  const Offer* best = nullptr;
  const Offer* cheapest = nullptr;
  const Offer* fastest = nullptr;
  uint8_t wanted = kTagBest | kTagCheapest | kTagFastest;
  for (uint32_t i : result.selection) {
    const Offer* offer = result.offers[i];
    const uint8_t found = offer->tags & wanted;
    if (found == 0) continue;
    if (found & kTagBest) best = offer;
    if (found & kTagCheapest) cheapest = offer;
    if (found & kTagFastest) fastest = offer;
    wanted &= static_cast<uint8_t>(~found);
    if (wanted == 0) break;
  }
  w.BeginObject();
  w.Key("best");
  WriteHighlight(best, w);
  w.Key("cheapest");
  WriteHighlight(cheapest, w);
  w.Key("fastest");
  WriteHighlight(fastest, w);
  w.EndObject();
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

// The value of "facets".
void WriteFacets(const Facets& f, int slice_count, CurrencyCode currency, JsonWriter& w) {
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
    if (!a.name.empty()) {
      w.Key("name");
      w.String(a.name);
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

// Room kept after the offers, besides the facets (measured), for the page object with its cursor,
// the timings and the closing brace: about 450 bytes today, with room for longer cursors.
constexpr std::size_t kPageAndTimingsBytes = 1024;

// Everything before the offers, from "{" to "offers":[; `returned` is counts.returned.
void WriteHead(const SearchResult& result, const SearchRequest& request, std::size_t returned,
               const ResponseOptions& options, JsonWriter& w) {
  w.BeginObject();
  if (options.progress) {
    w.Key("progress");
    w.BeginObject();
    w.Key("done");
    w.Int(static_cast<int64_t>(options.progress->done));
    w.Key("of");
    w.Int(static_cast<int64_t>(options.progress->of));
    w.EndObject();
  }
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
  w.Int(static_cast<int64_t>(returned));
  w.EndObject();
  bool partial = false;
  for (const SupplierOutcome& s : result.suppliers) partial |= s.status != SupplierStatus::kOk;
  if (options.progress) partial |= options.progress->done < options.progress->of;
  w.Key("partial");
  w.Bool(partial);
  WriteSuppliers(result, options.include_timings, options.progress.has_value(), w);
  w.Key("offers");
  w.BeginArray();
}

// The cursor of the offers after the first `written` of the page, or nullopt when the request's
// cursor does not belong to QueryFingerprint(request, search_id) (the bound is then not kept).
std::optional<std::string> CursorAfter(const SearchResult& result, const SearchRequest& request,
                                       std::string_view search_id, std::size_t written) {
  Result<Page> rest = TakePage(result.selection, static_cast<int>(written), request.cursor,
                               QueryFingerprint(request, search_id));
  if (!rest) return std::nullopt;
  return std::move(rest->next_cursor);
}

}  // namespace

void WriteSearchResponse(const SearchResult& result, const SearchRequest& request,
                         const StageTimings& timings, const ResponseOptions& options,
                         std::string& out) {
  const auto began = std::chrono::steady_clock::now();
  const std::size_t start = out.size();
  const bool compact = request.answer_form == AnswerForm::kCompact;
  // ~4.1 KB an offer on W5k (~1.1 KB compact); never more room than the bound allows.
  std::size_t expected = 8192 + result.page.count * (compact ? 1536 : 4608);
  if (options.max_bytes != 0) expected = std::min(expected, options.max_bytes + 8192);
  out.reserve(start + expected);

  // The highlights and facets do not depend on the page; with a bound they are written first, to
  // know how much room the offers have.
  std::string highlights;
  std::string facets;
  const int slice_count = static_cast<int>(request.slices.size());
  if (options.max_bytes != 0) {
    JsonWriter h(highlights);
    WriteHighlights(result, h);
    JsonWriter f(facets);
    WriteFacets(result.facets, slice_count, request.currency, f);
  }
  // A compact answer's dictionaries follow the offers: each offer is checked with the entries
  // it added counted (CompactDictionaries::bytes), after its key.
  std::optional<CompactDictionaries> dictionaries;
  if (compact) dictionaries.emplace(request.currency);
  constexpr std::string_view kDictionariesKey = ",\"dictionaries\":";
  const std::size_t tail = highlights.size() + facets.size() + kPageAndTimingsBytes +
                           (compact ? kDictionariesKey.size() : 0);
  constexpr std::size_t kUnbounded = std::numeric_limits<std::size_t>::max();
  std::size_t offers_end = options.max_bytes == 0     ? kUnbounded
                           : options.max_bytes > tail ? start + options.max_bytes - tail
                                                      : start;

  std::size_t head_end = 0;
  std::size_t written = result.page.count;
  std::optional<std::string> cut_cursor;
  {
    JsonWriter w(out);
    WriteHead(result, request, result.page.count, options, w);
    head_end = w.size();
    const std::size_t to_write = options.include_offers ? result.page.count : 0;
    for (std::size_t n = 0; n < to_write; ++n) {
      const std::size_t before = w.size();
      const Offer& offer = *result.offers[result.selection[result.page.offset + n]];
      CompactDictionaries::Mark mark;
      std::size_t end = 0;
      if (compact) {
        mark = dictionaries->mark();
        WriteCompactOfferJson(offer, result.suppliers, *dictionaries, w);
        end = w.size() + dictionaries->bytes();
      } else {
        WriteOfferJson(offer, result.suppliers, w);
        end = w.size();
      }
      // Checked once an offer, after it is written: one comparison on the path of every answer.
      if (end <= offers_end || n == 0) continue;
      cut_cursor = CursorAfter(result, request, options.search_id, n);
      if (!cut_cursor) {
        offers_end = kUnbounded;
        continue;
      }
      w.Truncate(before);
      if (compact) dictionaries->RollBack(mark);
      written = n;
      break;
    }
    w.EndArray();
    if (compact) {
      w.Key("dictionaries");
      dictionaries->Write(w);
    }
    w.Key("highlights");
    if (options.max_bytes != 0) {
      w.Raw(highlights);
    } else {
      WriteHighlights(result, w);
    }
    w.Key("facets");
    if (options.max_bytes != 0) {
      w.Raw(facets);
    } else {
      WriteFacets(result.facets, slice_count, request.currency, w);
    }
    w.Key("page");
    w.BeginObject();
    w.Key("offset");
    w.Int(static_cast<int64_t>(result.page.offset));
    w.Key("limit");
    w.Int(request.limit);
    w.Key("next_cursor");
    const std::string& next = cut_cursor ? *cut_cursor : result.page.next_cursor;
    if (next.empty()) {
      w.Null();
    } else {
      w.String(next);
    }
    if (cut_cursor) {
      w.Key("cut_by_byte_limit");
      w.Bool(true);
    }
    w.EndObject();
    if (options.include_timings) {
      w.Key("timings_ms");
      w.BeginObject();
      for (std::size_t i = 0; i < timings.micros.size(); ++i) {
        const Stage stage = static_cast<Stage>(i);
        const int64_t micros =
            timings.micros[i] +
            (stage == Stage::kSerialize && options.time_serialize ? MicrosSince(began) : 0);
        w.Key(StageName(stage));
        w.Double(static_cast<double>(micros) / 1000.0);
      }
      w.EndObject();
    }
    w.EndObject();
  }
  if (cut_cursor) {
    // counts.returned, written before the offers, shrinks to what was written: the head is
    // written again (never longer) and put in place of the first.
    std::string head;
    {
      JsonWriter h(head);
      WriteHead(result, request, written, options, h);
    }
    out.replace(start, head_end - start, head);
  }
}

}  // namespace fareflow
