// Search snapshots: a search encoded by one instance and decoded by another must answer exactly as
// the original did (offers and their order, ids, prices, facets, statuses, counts), and bytes that
// are not a good snapshot -- truncated, corrupt, another version, a decompression bomb -- must be
// refused with an error, never crash (the sanitizer build runs these too).

#include "store/search_snapshot.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include <unistd.h>
#include <zstd.h>

#include "api/offer_json.h"
#include "api/search_request_json.h"
#include "api/search_response.h"
#include "core/clock.h"
#include "core/json_writer.h"
#include "engine/builtin_source.h"
#include "engine/builtin_supplier.h"
#include "engine/cut_payload.h"
#include "engine/payload_files.h"
#include "engine/run_pipeline.h"
#include "engine/search_service.h"
#include "engine/worker_pool.h"
#include "refdata/fx_rates.h"
#include "support/scratch_dir.h"

namespace fareflow {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

fs::path Golden() { return fs::path(FAREFLOW_SOURCE_DIR) / "tests/golden"; }
const refdata::FxRates& Fx() { return refdata::FxRates::Builtin(); }

SearchRequest RoundTrip(const char* from, const char* to, Days depart, Days back) {
  SearchRequest r;
  r.slices.push_back({LocationCode::Parse(from), LocationCode::Parse(to), depart});
  r.slices.push_back({LocationCode::Parse(to), LocationCode::Parse(from), back});
  return r;
}

SearchRequest LondonNewYork() { return RoundTrip("LON", "NYC", TodayUtc() + 30, TodayUtc() + 37); }

// The request of the recorded payloads in tests/golden, narrowed to JFK: their Newark offers are
// dropped (route_mismatch) and counted.
SearchRequest RecordedRequest() {
  SearchRequest r =
      RoundTrip("LON", "JFK", DaysFromCivil(2026, 12, 20), DaysFromCivil(2026, 12, 27));
  r.passengers.adults = 2;
  r.passengers.child_ages = {8};
  r.limit = 5;
  return r;
}

// Every field of SearchRequest set to something other than its default (the cursor when given).
SearchRequest RequestWithEveryField(std::string cursor) {
  SearchRequest r = LondonNewYork();
  r.passengers.adults = 2;
  r.passengers.child_ages = {5, 11};
  r.passengers.infants = 1;
  r.cabin = Cabin::kPremiumEconomy;
  r.currency = CurrencyCode::Parse("GBP");
  r.max_connections = 2;
  Filters& f = r.filters;
  f.max_stops = 2;
  f.slice_max_stops = {1, std::nullopt};
  for (const char* code : {"BA", "AA", "IB", "AY", "DL", "AF", "KL", "VS", "UA", "LH"}) {
    f.include_airlines.push_back(AirlineCode::Parse(code));
  }
  f.exclude_airlines = {AirlineCode::Parse("U2")};
  f.include_alliances = {refdata::Alliance::kOneworld, refdata::Alliance::kSkyTeam};
  f.exclude_alliances = {refdata::Alliance::kStarAlliance};
  f.departure_windows = {TimeWindow{5 * 60, 23 * 60}, std::nullopt};
  f.arrival_windows = {std::nullopt, TimeWindow{22 * 60, 21 * 60 + 59}};  // wraps past midnight
  f.max_duration_minutes = 30 * 60;
  f.max_price_minor = 5'000'000;
  f.checked_bag_included = true;
  for (const char* code : {"DUB", "BOS", "KEF", "MAD", "AMS", "CDG", "FRA", "HEL", "PHL"}) {
    f.layover_airports_include.push_back(LocationCode::Parse(code));
  }
  f.layover_airports_exclude = {LocationCode::Parse("CDG")};
  f.min_layover_minutes = 40;
  f.max_layover_minutes = 12 * 60;
  f.no_airport_change = true;
  f.max_co2_kg = 3000;
  r.sort = SortKey::kCheapest;
  r.limit = 3;
  r.cursor = std::move(cursor);
  r.deadline_ms = 4500;
  r.cache = CacheMode::kRefresh;
  return r;
}

// A search of the built-in supplier alone, through SearchService as the server runs it.
std::shared_ptr<CompletedSearch> BuiltinSearch(SearchRequest request, int offers = 300) {
  BuiltinSource source(offers);
  SearchService service(source, Fx(), {.ttl = std::chrono::seconds(900)});
  auto search = service.Run(std::move(request));
  EXPECT_TRUE(search.has_value()) << search.error().message;
  return search ? *search : nullptr;
}

// What SearchService::Run does, for a page past the first too (Run refuses a cursor).
std::shared_ptr<CompletedSearch> BuiltinSearchAt(SearchRequest request, std::string id) {
  auto search = std::make_shared<CompletedSearch>();
  search->id = std::move(id);
  search->created = std::chrono::system_clock::now();
  search->expires = search->created + std::chrono::minutes(15);
  search->context = std::make_unique<RequestContext>(std::move(request));
  const Enricher enricher(search->context->request(), Fx());
  std::vector<SupplierOutcome> outcomes;
  outcomes.push_back(RunBuiltinSupplier(enricher, *search->context, 0, 2000));
  auto result = RunPipeline(*search->context, std::move(outcomes), search->id);
  EXPECT_TRUE(result.has_value()) << result.error().message;
  if (result) search->result = std::move(*result);
  return search;
}

// Recorded supplier answers: Amadeus and Duffel (tests/golden), a truncated Duffel answer
// (malformed: none of its offers used), a file that cannot be read (io_error, no payload), a
// supplier that timed out before answering, and the Amadeus answer again, cut to 3 offers as the
// fan-out cuts a supplier that sends more than its max_offers; and a supplier whose certificate
// was refused (tls_error).
class RecordedSource final : public SupplierSource {
 public:
  static constexpr int kCappedOffers = 3;

  std::vector<SupplierOutcome> Fetch(RequestContext& context, const Enricher& enricher,
                                     steady_clock::time_point) override {
    const fs::path round_trip = Golden() / "round_trip_two_suppliers";
    const std::vector<PayloadFile> files = {
        {"amadeus-1", SupplierKind::kAmadeus, (round_trip / "amadeus.json").string()},
        {"duffel-1", SupplierKind::kDuffel, (round_trip / "duffel.json").string()},
        {"duffel-truncated", SupplierKind::kDuffel,
         (Golden() / "malformed_supplier_partial_answer/duffel_truncated.json").string()},
        {"amadeus-missing", SupplierKind::kAmadeus, (round_trip / "no_such_file.json").string()},
        {"amadeus-capped", SupplierKind::kAmadeus, (round_trip / "amadeus.json").string()},
    };
    std::vector<SupplierOutcome> outcomes = ParsePayloadFiles(files, enricher, pool_, context);
    SupplierOutcome& capped = outcomes.back();
    capped.max_offers = kCappedOffers;
    if (capped.batch->offers.size() > kCappedOffers) capped.batch->offers.resize(kCappedOffers);
    SupplierOutcome slow;
    slow.name = "amadeus-slow";
    slow.kind = SupplierKind::kAmadeus;
    slow.status = SupplierStatus::kTimeout;
    slow.error = "no answer before the deadline";
    slow.micros = 8'000'123;
    slow.cache = CacheUse{.from_cache = true, .age_seconds = 4321, .stale = true};
    outcomes.push_back(std::move(slow));
    SupplierOutcome refused;
    refused.name = "duffel-tls";
    refused.kind = SupplierKind::kDuffel;
    refused.status = SupplierStatus::kTlsError;
    refused.error =
        "TLS: certificate verify failed: certificate has expired (X509_V_ERR_CERT_HAS_EXPIRED)";
    outcomes.push_back(std::move(refused));
    return outcomes;
  }

 private:
  WorkerPool pool_{2};
};

std::shared_ptr<CompletedSearch> RecordedSearch(SearchRequest request = RecordedRequest()) {
  RecordedSource source;
  SearchService service(source, Fx(), {});
  auto search = service.Run(std::move(request));
  EXPECT_TRUE(search.has_value()) << search.error().message;
  return search ? *search : nullptr;
}

// The answer as the API writes it, timings aside: counts, statuses, the page, facets, cursor.
std::string ResponseJson(const CompletedSearch& s) {
  std::string out;
  WriteSearchResponse(s.result, s.request(), s.context->timings(),
                      {.include_timings = false, .search_id = s.id}, out);
  return out;
}

// Every deduplicated offer in full, in dedupe order.
std::string EveryOfferJson(const CompletedSearch& s) {
  std::string out;
  JsonWriter w(out);
  w.BeginArray();
  for (const Offer* offer : s.result.offers) WriteOfferJson(*offer, s.result.suppliers, w);
  w.EndArray();
  w.Finish();
  return out;
}

template <typename Code>
std::vector<std::string> Letters(const std::vector<Code>& codes) {
  std::vector<std::string> out;
  for (Code c : codes) out.push_back(c.str());
  return out;
}

std::vector<std::optional<std::pair<int, int>>> WindowMinutes(
    const std::vector<std::optional<TimeWindow>>& windows) {
  std::vector<std::optional<std::pair<int, int>>> out;
  for (const auto& w : windows) {
    out.push_back(w ? std::optional(std::pair(w->from_minute, w->to_minute)) : std::nullopt);
  }
  return out;
}

void ExpectSameRequest(const SearchRequest& a, const SearchRequest& b) {
  ASSERT_EQ(b.slices.size(), a.slices.size());
  for (std::size_t i = 0; i < a.slices.size(); ++i) {
    EXPECT_EQ(b.slices[i].origin.str(), a.slices[i].origin.str());
    EXPECT_EQ(b.slices[i].destination.str(), a.slices[i].destination.str());
    EXPECT_EQ(b.slices[i].departure_date, a.slices[i].departure_date);
  }
  EXPECT_EQ(b.passengers.adults, a.passengers.adults);
  EXPECT_EQ(b.passengers.child_ages, a.passengers.child_ages);
  EXPECT_EQ(b.passengers.infants, a.passengers.infants);
  EXPECT_EQ(b.cabin, a.cabin);
  EXPECT_EQ(b.currency.str(), a.currency.str());
  EXPECT_EQ(b.max_connections, a.max_connections);
  const Filters& f = a.filters;
  const Filters& g = b.filters;
  EXPECT_EQ(g.max_stops, f.max_stops);
  EXPECT_EQ(g.slice_max_stops, f.slice_max_stops);
  EXPECT_EQ(Letters(g.include_airlines), Letters(f.include_airlines));
  EXPECT_EQ(Letters(g.exclude_airlines), Letters(f.exclude_airlines));
  EXPECT_EQ(g.include_alliances, f.include_alliances);
  EXPECT_EQ(g.exclude_alliances, f.exclude_alliances);
  EXPECT_EQ(WindowMinutes(g.departure_windows), WindowMinutes(f.departure_windows));
  EXPECT_EQ(WindowMinutes(g.arrival_windows), WindowMinutes(f.arrival_windows));
  EXPECT_EQ(g.max_duration_minutes, f.max_duration_minutes);
  EXPECT_EQ(g.max_price_minor, f.max_price_minor);
  EXPECT_EQ(g.checked_bag_included, f.checked_bag_included);
  EXPECT_EQ(Letters(g.layover_airports_include), Letters(f.layover_airports_include));
  EXPECT_EQ(Letters(g.layover_airports_exclude), Letters(f.layover_airports_exclude));
  EXPECT_EQ(g.min_layover_minutes, f.min_layover_minutes);
  EXPECT_EQ(g.max_layover_minutes, f.max_layover_minutes);
  EXPECT_EQ(g.no_airport_change, f.no_airport_change);
  EXPECT_EQ(g.max_co2_kg, f.max_co2_kg);
  EXPECT_EQ(b.sort, a.sort);
  EXPECT_EQ(b.limit, a.limit);
  EXPECT_EQ(b.cursor, a.cursor);
  EXPECT_EQ(b.deadline_ms, a.deadline_ms);
  EXPECT_EQ(b.cache, a.cache);
}

void ExpectSameSearch(const CompletedSearch& original, const CompletedSearch& rebuilt) {
  EXPECT_EQ(rebuilt.id, original.id);
  EXPECT_EQ(rebuilt.owner, original.owner);
  // Snapshots keep times to the millisecond.
  EXPECT_EQ(rebuilt.created, std::chrono::floor<milliseconds>(original.created));
  EXPECT_EQ(rebuilt.expires, std::chrono::floor<milliseconds>(original.expires));
  ExpectSameRequest(original.request(), rebuilt.request());

  const SearchResult& a = original.result;
  const SearchResult& b = rebuilt.result;
  EXPECT_EQ(b.received, a.received);
  EXPECT_EQ(b.dropped, a.dropped);
  EXPECT_EQ(b.parsed, a.parsed);
  ASSERT_EQ(b.suppliers.size(), a.suppliers.size());
  for (std::size_t i = 0; i < a.suppliers.size(); ++i) {
    const SupplierOutcome& x = a.suppliers[i];
    const SupplierOutcome& y = b.suppliers[i];
    SCOPED_TRACE("supplier " + x.name);
    EXPECT_EQ(y.name, x.name);
    EXPECT_EQ(y.kind, x.kind);
    EXPECT_EQ(y.status, x.status);
    EXPECT_EQ(y.error, x.error);
    EXPECT_EQ(y.bytes, x.bytes);
    EXPECT_EQ(y.micros, x.micros);
    EXPECT_EQ(y.max_offers, x.max_offers);
    EXPECT_EQ(y.cache.from_cache, x.cache.from_cache);
    EXPECT_EQ(y.cache.age_seconds, x.cache.age_seconds);
    EXPECT_EQ(y.cache.stale, x.cache.stale);
    EXPECT_EQ(y.batch == nullptr, x.batch == nullptr);
    EXPECT_EQ(y.received(), x.received());
    EXPECT_EQ(y.kept(), x.kept());
    EXPECT_TRUE(y.payload == x.payload) << "payload bytes differ";
  }
  ASSERT_EQ(b.offers.size(), a.offers.size());
  for (std::size_t i = 0; i < a.offers.size(); ++i) {
    const Offer& x = *a.offers[i];
    const Offer& y = *b.offers[i];
    ASSERT_EQ(OfferId(y), OfferId(x)) << "offer " << i;
    EXPECT_EQ(y.supplier, x.supplier) << OfferId(x);
    EXPECT_EQ(y.total_requested, x.total_requested) << OfferId(x);
    EXPECT_EQ(y.per_adult_requested, x.per_adult_requested) << OfferId(x);
    EXPECT_EQ(y.score, x.score) << OfferId(x);
    EXPECT_EQ(y.tags, x.tags) << OfferId(x);
  }
  EXPECT_EQ(b.selection, a.selection);
  EXPECT_EQ(b.facets.total, a.facets.total);
  EXPECT_EQ(b.facets.min_price_minor, a.facets.min_price_minor);
  EXPECT_EQ(b.facets.max_price_minor, a.facets.max_price_minor);
  EXPECT_EQ(b.page.offset, a.page.offset);
  EXPECT_EQ(b.page.count, a.page.count);
  EXPECT_EQ(b.page.next_cursor, a.page.next_cursor);
  // Everything a client sees, facets in full included.
  EXPECT_EQ(ResponseJson(rebuilt), ResponseJson(original));
  EXPECT_EQ(EveryOfferJson(rebuilt), EveryOfferJson(original));
}

std::shared_ptr<CompletedSearch> Decoded(std::string_view snapshot) {
  auto decoded = DecodeSearchSnapshot(snapshot, Fx());
  EXPECT_TRUE(decoded.has_value()) << decoded.error().message;
  return decoded ? *decoded : nullptr;
}

// The layout inside a snapshot's zstd frame, and back: tests change it and compress it again.
std::string Decompress(std::string_view snapshot) {
  const unsigned long long size = ZSTD_getFrameContentSize(snapshot.data(), snapshot.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN) return {};
  std::string plain(size, '\0');
  const std::size_t n =
      ZSTD_decompress(plain.data(), plain.size(), snapshot.data(), snapshot.size());
  return ZSTD_isError(n) ? std::string() : plain;
}

std::string Compress(std::string_view plain) {
  std::string out(ZSTD_compressBound(plain.size()), '\0');
  const std::size_t n = ZSTD_compress(out.data(), out.size(), plain.data(), plain.size(), 1);
  out.resize(ZSTD_isError(n) ? 0 : n);
  return out;
}

// Bytes of the layout before the payload section.
std::size_t HeadSize(const CompletedSearch& s, std::size_t plain_size) {
  std::size_t payloads = 0;
  for (const SupplierOutcome& o : s.result.suppliers) {
    if (o.batch != nullptr && o.kind != SupplierKind::kBuiltin) payloads += o.payload.size();
  }
  return plain_size - payloads;
}

void ExpectRefused(std::string_view bytes, std::string_view what) {
  auto decoded = DecodeSearchSnapshot(bytes, Fx());
  ASSERT_FALSE(decoded.has_value()) << what;
  EXPECT_EQ(decoded.error().code, ErrorCode::kInvalidArgument) << what;
  EXPECT_EQ(decoded.error().message.rfind("search snapshot: ", 0), 0u)
      << what << ": " << decoded.error().message;
}

TEST(SearchSnapshotTest, BuiltinSearchRebuildsTheSameAnswers) {
  auto original = BuiltinSearch(LondonNewYork());
  ASSERT_NE(original, nullptr);
  ASSERT_GT(original->result.offers.size(), 100u);
  const std::string snapshot = EncodeSearchSnapshot(*original);
  auto rebuilt = Decoded(snapshot);
  ASSERT_NE(rebuilt, nullptr);
  ExpectSameSearch(*original, *rebuilt);
  EXPECT_EQ(rebuilt->result.suppliers[0].max_offers, 300);
  EXPECT_NE(rebuilt->context.get(), original->context.get());
}

TEST(SearchSnapshotTest, RecordedPayloadsAndFailedSuppliersRebuildTheSameAnswers) {
  auto original = RecordedSearch();
  ASSERT_NE(original, nullptr);
  const std::vector<SupplierOutcome>& suppliers = original->result.suppliers;
  ASSERT_EQ(suppliers.size(), 7u);
  EXPECT_EQ(suppliers[0].status, SupplierStatus::kOk);
  EXPECT_EQ(suppliers[1].status, SupplierStatus::kOk);
  EXPECT_EQ(suppliers[2].status, SupplierStatus::kMalformed);
  EXPECT_EQ(suppliers[3].status, SupplierStatus::kIoError);
  EXPECT_EQ(suppliers[5].status, SupplierStatus::kTimeout);
  EXPECT_EQ(suppliers[6].status, SupplierStatus::kTlsError);
  EXPECT_GT(suppliers[0].kept(), RecordedSource::kCappedOffers);
  EXPECT_GT(original->result.offers.size(), 5u);
  EXPECT_GT(original->result.dropped, 0);

  const std::string snapshot = EncodeSearchSnapshot(*original);
  // Compressed: well under the payloads' own size.
  EXPECT_LT(snapshot.size(), static_cast<std::size_t>(suppliers[0].bytes + suppliers[1].bytes));
  auto rebuilt = Decoded(snapshot);
  ASSERT_NE(rebuilt, nullptr);
  ExpectSameSearch(*original, *rebuilt);
  EXPECT_EQ(rebuilt->result.suppliers[4].kept(), RecordedSource::kCappedOffers);
  EXPECT_EQ(rebuilt->result.suppliers[4].max_offers, RecordedSource::kCappedOffers);
  EXPECT_EQ(rebuilt->result.suppliers[3].batch, nullptr);
  EXPECT_EQ(rebuilt->result.suppliers[5].batch, nullptr);
  // The payloads are the rebuilt search's own, not views into the snapshot.
  EXPECT_NE(rebuilt->result.suppliers[0].payload.data(), suppliers[0].payload.data());

  // And a rebuilt search encodes to a snapshot that rebuilds it again.
  auto again = Decoded(EncodeSearchSnapshot(*rebuilt));
  ASSERT_NE(again, nullptr);
  ExpectSameSearch(*rebuilt, *again);
}

// A Duffel answer cut at the body limit, closed as the fan-out closes it: truncated, with the
// offers complete before the cut.
// One Duffel supplier answering with the first half of a recorded answer, closed after its last
// whole offer: reported `truncated` (its body limit cut it) or, with `paged_failure`, as a paged
// supplier whose later page failed (`http_error`, the pages before it kept).
class CutSource final : public SupplierSource {
 public:
  explicit CutSource(bool paged_failure = false) : paged_failure_(paged_failure) {}

  std::vector<SupplierOutcome> Fetch(RequestContext& context, const Enricher& enricher,
                                     steady_clock::time_point) override {
    std::ifstream in(Golden() / "round_trip_two_suppliers/duffel.json", std::ios::binary);
    std::string payload((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    payload.resize(payload.size() / 2);
    ApplyClosedCut(CloseCutPayload(payload), payload);
    const std::vector<PayloadFile> files = {
        {"duffel-cut", SupplierKind::kDuffel, scratch_.Write("duffel_cut.json", payload)}};
    std::vector<SupplierOutcome> outcomes = ParsePayloadFiles(files, enricher, pool_, context);
    if (paged_failure_) {
      outcomes[0].status = SupplierStatus::kHttpError;
      outcomes[0].error = "page 2 of the offers: HTTP 500 (after 1 pages: their 3 offers kept)";
      outcomes[0].offers_despite_failure = true;
    } else {
      outcomes[0].status = SupplierStatus::kTruncated;
      outcomes[0].error = "answer cut at 1048576 bytes (max_body_bytes); 3 offers kept";
    }
    return outcomes;
  }

 private:
  const bool paged_failure_;
  testing_support::ScratchDir scratch_{"snapshot_cut"};
  WorkerPool pool_{2};
};

TEST(SearchSnapshotTest, ATruncatedSupplierRebuildsWithItsOffers) {
  CutSource source;
  SearchService service(source, Fx(), {});
  auto original = service.Run(RecordedRequest());
  ASSERT_TRUE(original.has_value()) << original.error().message;
  const SupplierOutcome& cut = (*original)->result.suppliers[0];
  ASSERT_EQ(cut.status, SupplierStatus::kTruncated) << cut.error;
  ASSERT_GT(cut.kept(), 0);
  EXPECT_FALSE((*original)->result.offers.empty());  // a truncated supplier's offers are answered
  auto rebuilt = Decoded(EncodeSearchSnapshot(**original));
  ASSERT_NE(rebuilt, nullptr);
  ExpectSameSearch(**original, *rebuilt);
  EXPECT_EQ(rebuilt->result.suppliers[0].status, SupplierStatus::kTruncated);
  EXPECT_EQ(rebuilt->result.suppliers[0].kept(), cut.kept());
}

TEST(SearchSnapshotTest, APagedSupplierWhosePageFailedAnswersAndRebuildsWithTheOffersKept) {
  CutSource source(/*paged_failure=*/true);
  SearchService service(source, Fx(), {});
  auto original = service.Run(RecordedRequest());
  ASSERT_TRUE(original.has_value()) << original.error().message;
  const SupplierOutcome& paged = (*original)->result.suppliers[0];
  ASSERT_EQ(paged.status, SupplierStatus::kHttpError) << paged.error;
  ASSERT_GT(paged.kept(), 0);
  EXPECT_EQ((*original)->result.offers.size(), static_cast<std::size_t>(paged.kept()));
  auto rebuilt = Decoded(EncodeSearchSnapshot(**original));
  ASSERT_NE(rebuilt, nullptr);
  ExpectSameSearch(**original, *rebuilt);
  EXPECT_EQ(rebuilt->result.suppliers[0].status, SupplierStatus::kHttpError);
  EXPECT_TRUE(rebuilt->result.suppliers[0].offers_despite_failure);
  EXPECT_EQ(rebuilt->result.offers.size(), (*original)->result.offers.size());
}

TEST(SearchSnapshotTest, RequestWithEveryFieldRoundTrips) {
  // The second page, so that the cursor is set and must survive too.
  auto first = BuiltinSearchAt(RequestWithEveryField(""), "srch_0123456789abcdef01234567");
  ASSERT_FALSE(first->result.page.next_cursor.empty())
      << first->result.selection.size() << " offers match: loosen the filters";
  auto original = BuiltinSearchAt(RequestWithEveryField(first->result.page.next_cursor), first->id);
  ASSERT_EQ(original->result.page.offset, 3u);

  auto rebuilt = Decoded(EncodeSearchSnapshot(*original));
  ASSERT_NE(rebuilt, nullptr);
  ExpectSameRequest(original->request(), rebuilt->request());
  ExpectSameSearch(*original, *rebuilt);
}

TEST(SearchSnapshotTest, SnapshotCoversEveryFieldOfTheRequest) {
  // A new field makes these sizes change: write it in store/snapshot_request.cc, set it in
  // RequestWithEveryField and compare it in ExpectSameRequest, then update the sizes here.
  EXPECT_EQ(sizeof(SearchRequest), 424u);
  EXPECT_EQ(sizeof(Filters), 288u);
  EXPECT_EQ(sizeof(Passengers), 40u);
  EXPECT_EQ(sizeof(SliceRequest), 8u);
  EXPECT_EQ(sizeof(TimeWindow), 8u);
}

TEST(SearchSnapshotTest, OtherExchangeRatesAreRefusedRatherThanServed) {
  auto original = RecordedSearch();  // Amadeus prices in GBP, asked in EUR
  ASSERT_NE(original, nullptr);
  auto rates = refdata::ParseFxRates("as_of 2025-06-02\nGBP 0.5\nUSD 1.1\n");
  ASSERT_TRUE(rates.has_value()) << rates.error().message;
  auto decoded = DecodeSearchSnapshot(EncodeSearchSnapshot(*original), *rates);
  ASSERT_FALSE(decoded.has_value());
  EXPECT_EQ(decoded.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(decoded.error().message.find("differs"), std::string::npos) << decoded.error().message;
}

TEST(SearchSnapshotTest, TruncatedSnapshotsAreRefused) {
  auto original = RecordedSearch();
  ASSERT_NE(original, nullptr);
  const std::string snapshot = EncodeSearchSnapshot(*original);
  for (std::size_t size = 0; size < snapshot.size(); size += 1 + size / 64) {
    ExpectRefused(std::string_view(snapshot).substr(0, size), "cut at " + std::to_string(size));
  }
  for (std::size_t cut = 1; cut <= 32; ++cut) {
    ExpectRefused(std::string_view(snapshot).substr(0, snapshot.size() - cut),
                  "last " + std::to_string(cut) + " bytes cut");
  }
}

TEST(SearchSnapshotTest, TruncatedLayoutsAreRefused) {
  // A good zstd frame around a cut layout: the layout's own checks must catch it.
  for (const auto& original : {BuiltinSearch(LondonNewYork()), RecordedSearch()}) {
    ASSERT_NE(original, nullptr);
    const std::string plain = Decompress(EncodeSearchSnapshot(*original));
    ASSERT_FALSE(plain.empty());
    const std::size_t head = HeadSize(*original, plain.size());
    for (std::size_t size = 0; size < plain.size(); size += size < head + 64 ? 1 : 997) {
      ExpectRefused(Compress(plain.substr(0, size)), "layout cut at " + std::to_string(size));
    }
    ExpectRefused(Compress(plain + "x"), "a byte too many");
    ASSERT_NE(Decoded(Compress(plain)), nullptr) << "recompressed as it was, it decodes";
  }
}

TEST(SearchSnapshotTest, CorruptSnapshotsAreRefusedOrDecodeToTheSameSearch) {
  auto original = RecordedSearch();
  ASSERT_NE(original, nullptr);
  const std::string snapshot = EncodeSearchSnapshot(*original);
  const std::string expected = ResponseJson(*original);
  std::mt19937 random(20261128);
  int refused = 0;
  for (int i = 0; i < 400; ++i) {
    std::string bytes = snapshot;
    const int flips = 1 + static_cast<int>(random() % 3);
    for (int f = 0; f < flips; ++f) {
      bytes[random() % bytes.size()] ^= static_cast<char>(1 + random() % 255);
    }
    auto decoded = DecodeSearchSnapshot(bytes, Fx());
    if (!decoded) {
      ++refused;
      EXPECT_EQ(decoded.error().code, ErrorCode::kInvalidArgument);
      continue;
    }
    // zstd's checksum: what decodes is the search itself, never a silently different one.
    EXPECT_EQ(ResponseJson(**decoded), expected) << "corruption " << i;
  }
  EXPECT_GT(refused, 390);
}

TEST(SearchSnapshotTest, CorruptLayoutsNeverCrash) {
  // Corruption inside a good zstd frame reaches every check of the decoder. A changed name or
  // error text decodes (only the frame's checksum can catch that); nothing may crash or overrun.
  auto original = RecordedSearch();
  ASSERT_NE(original, nullptr);
  const std::string plain = Decompress(EncodeSearchSnapshot(*original));
  const std::size_t head = HeadSize(*original, plain.size());
  std::mt19937 random(7);
  int refused = 0;
  for (int i = 0; i < 1500; ++i) {
    std::string bytes = plain;
    // Mostly in the head, where the structure is; now and then in a payload.
    const std::size_t span = i % 10 == 0 ? plain.size() : head;
    const int flips = 1 + static_cast<int>(random() % 4);
    for (int f = 0; f < flips; ++f) {
      bytes[random() % span] = static_cast<char>(random() % 256);
    }
    auto decoded = DecodeSearchSnapshot(Compress(bytes), Fx());
    if (!decoded) {
      ++refused;
      EXPECT_EQ(decoded.error().code, ErrorCode::kInvalidArgument);
      EXPECT_FALSE(decoded.error().message.empty());
    }
  }
  EXPECT_GT(refused, 750) << "most corruptions break the structure";
}

// A search belongs to the API key that ran it, on every instance: the owner travels with it.
TEST(SearchSnapshotTest, OwnerSurvivesTheSnapshot) {
  auto original = BuiltinSearch(LondonNewYork(), 50);
  ASSERT_NE(original, nullptr);
  original->owner = "key_0123456789abcdef";
  auto rebuilt = Decoded(EncodeSearchSnapshot(*original));
  ASSERT_NE(rebuilt, nullptr);
  EXPECT_EQ(rebuilt->owner, "key_0123456789abcdef");
  ExpectSameSearch(*original, *rebuilt);
}

// A version 1 snapshot has no owner: read as a later version it would give its search to nobody,
// or to anybody. It is refused, and the search is run again.
TEST(SearchSnapshotTest, VersionOneSnapshotsWithoutOwnerAreRefused) {
  auto original = BuiltinSearch(LondonNewYork(), 50);
  ASSERT_NE(original, nullptr);
  std::string plain = Decompress(EncodeSearchSnapshot(*original));
  plain[4] = 1;
  auto decoded = DecodeSearchSnapshot(Compress(plain), Fx());
  ASSERT_FALSE(decoded.has_value());
  EXPECT_NE(decoded.error().message.find("version 1, this build reads version 3"),
            std::string::npos)
      << decoded.error().message;
}

TEST(SearchSnapshotTest, WrongMagicOrVersionIsRefused) {
  auto original = BuiltinSearch(LondonNewYork(), 50);
  ASSERT_NE(original, nullptr);
  const std::string plain = Decompress(EncodeSearchSnapshot(*original));
  ASSERT_EQ(plain.substr(0, 4), kSearchSnapshotMagic);

  std::string magic = plain;
  magic[0] = 'X';
  auto decoded = DecodeSearchSnapshot(Compress(magic), Fx());
  ASSERT_FALSE(decoded.has_value());
  EXPECT_NE(decoded.error().message.find("magic"), std::string::npos) << decoded.error().message;

  std::string version = plain;
  version[4] = static_cast<char>(kSearchSnapshotVersion + 1);
  decoded = DecodeSearchSnapshot(Compress(version), Fx());
  ASSERT_FALSE(decoded.has_value());
  EXPECT_NE(decoded.error().message.find("version 3"), std::string::npos)
      << decoded.error().message;
}

TEST(SearchSnapshotTest, BytesThatAreNotASnapshotAreRefused) {
  ExpectRefused("", "empty");
  ExpectRefused("FFSS", "the magic alone");
  ExpectRefused("{\"search_id\": \"srch_0\"}", "JSON");
  std::mt19937 random(3);
  std::string noise(4096, '\0');
  for (char& c : noise) c = static_cast<char>(random() % 256);
  ExpectRefused(noise, "noise");
  ExpectRefused(Compress(""), "an empty frame");
}

TEST(SearchSnapshotTest, DecompressionBombIsRefusedBeforeAllocating) {
  // A frame that states 600 MiB: a few kilobytes of zeros' worth of compressed bytes.
  const std::size_t claimed = std::size_t{600} << 20;
  std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> cctx(ZSTD_createCCtx(), &ZSTD_freeCCtx);
  ASSERT_EQ(ZSTD_isError(ZSTD_CCtx_setPledgedSrcSize(cctx.get(), claimed)), 0u);
  const std::string zeros(std::size_t{1} << 20, '\0');
  std::string bomb(1 << 20, '\0');
  ZSTD_outBuffer out{bomb.data(), bomb.size(), 0};
  for (std::size_t fed = 0; fed < claimed; fed += zeros.size()) {
    ZSTD_inBuffer in{zeros.data(), zeros.size(), 0};
    const ZSTD_EndDirective mode = fed + zeros.size() < claimed ? ZSTD_e_continue : ZSTD_e_end;
    std::size_t left;
    do {
      left = ZSTD_compressStream2(cctx.get(), &out, &in, mode);
      ASSERT_EQ(ZSTD_isError(left), 0u) << ZSTD_getErrorName(left);
    } while (mode == ZSTD_e_end ? left != 0 : in.pos < in.size);
  }
  bomb.resize(out.pos);
  ASSERT_EQ(ZSTD_getFrameContentSize(bomb.data(), bomb.size()), claimed);
  auto decoded = DecodeSearchSnapshot(bomb, Fx());
  ASSERT_FALSE(decoded.has_value());
  EXPECT_NE(decoded.error().message.find("more than the 536870912 allowed"), std::string::npos)
      << decoded.error().message;

  // A frame that does not state its size at all.
  std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> unsized(ZSTD_createCCtx(), &ZSTD_freeCCtx);
  ZSTD_CCtx_setParameter(unsized.get(), ZSTD_c_contentSizeFlag, 0);
  std::string frame(1024, '\0');
  const std::size_t n = ZSTD_compress2(unsized.get(), frame.data(), frame.size(), "FFSS", 4);
  ASSERT_EQ(ZSTD_isError(n), 0u);
  frame.resize(n);
  ExpectRefused(frame, "no stated size");
}

// The reference workload (three Amadeus payloads and one Duffel, 5,000 offers, 35 MB): rebuilds
// the same answers, and prints what a snapshot costs. Needs fareflow-payloadgen (built with the
// tools); skipped in the sanitizer build, where timings mean nothing.
TEST(SearchSnapshotTest, W5kWorkloadRebuildsTheSameAnswers) {
#if defined(FAREFLOW_SANITIZED) || !defined(FAREFLOW_PAYLOADGEN)
  GTEST_SKIP() << "needs fareflow-payloadgen and an optimized build";
#else
  if (!fs::exists(FAREFLOW_PAYLOADGEN)) GTEST_SKIP() << "build fareflow-payloadgen first";
  const fs::path dir =
      fs::temp_directory_path() / ("fareflow_snapshot_w5k_" + std::to_string(getpid()));
  ASSERT_EQ(std::system((std::string(FAREFLOW_PAYLOADGEN) + " --workload W5k --out-dir " +
                         dir.string() + " >/dev/null 2>&1")
                            .c_str()),
            0);
  // The workload's own request: LHR-JFK round trip, two adults.
  SearchRequest request =
      RoundTrip("LHR", "JFK", DaysFromCivil(2026, 12, 20), DaysFromCivil(2026, 12, 27));
  request.passengers.adults = 2;
  const std::vector<PayloadFile> files = {
      {"amadeus-1", SupplierKind::kAmadeus, (dir / "amadeus_1.json").string()},
      {"amadeus-2", SupplierKind::kAmadeus, (dir / "amadeus_2.json").string()},
      {"amadeus-3", SupplierKind::kAmadeus, (dir / "amadeus_3.json").string()},
      {"duffel-1", SupplierKind::kDuffel, (dir / "duffel_1.json").string()},
  };
  class FilesSource final : public SupplierSource {
   public:
    explicit FilesSource(const std::vector<PayloadFile>& files) : files_(files) {}
    std::vector<SupplierOutcome> Fetch(RequestContext& context, const Enricher& enricher,
                                       steady_clock::time_point) override {
      return ParsePayloadFiles(files_, enricher, pool_, context);
    }

   private:
    const std::vector<PayloadFile>& files_;
    WorkerPool pool_{4};
  } source(files);
  SearchService service(source, Fx(), {});
  auto original = service.Run(request);
  ASSERT_TRUE(original.has_value());
  fs::remove_all(dir);
  ASSERT_GT((*original)->result.offers.size(), 4000u);
  int64_t payload_bytes = 0;
  for (const SupplierOutcome& s : (*original)->result.suppliers) payload_bytes += s.bytes;

  auto millis_since = [](steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(steady_clock::now() - start).count();
  };
  constexpr int kRuns = 5;
  std::string snapshot;
  double encode_ms = 1e9;
  double decode_ms = 1e9;
  std::shared_ptr<CompletedSearch> rebuilt;
  for (int run = 0; run < kRuns; ++run) {
    auto start = steady_clock::now();
    snapshot = EncodeSearchSnapshot(**original);
    encode_ms = std::min(encode_ms, millis_since(start));
    start = steady_clock::now();
    auto decoded = DecodeSearchSnapshot(snapshot, Fx());
    decode_ms = std::min(decode_ms, millis_since(start));
    ASSERT_TRUE(decoded.has_value()) << decoded.error().message;
    rebuilt = *decoded;
  }
  ExpectSameSearch(**original, *rebuilt);
  std::printf(
      "W5k: %lld payload bytes -> snapshot of %zu bytes; encode %.1f ms, decode %.1f ms "
      "(best of %d)\n",
      static_cast<long long>(payload_bytes), snapshot.size(), encode_ms, decode_ms, kRuns);

  // What the choice of zstd level in search_snapshot.cc rests on: the same layout at levels
  // 1 and 3.
  const std::string plain = Decompress(snapshot);
  for (int level : {1, 3}) {
    std::string out(ZSTD_compressBound(plain.size()), '\0');
    double best = 1e9;
    std::size_t n = 0;
    for (int run = 0; run < kRuns; ++run) {
      const auto start = steady_clock::now();
      n = ZSTD_compress(out.data(), out.size(), plain.data(), plain.size(), level);
      best = std::min(best, millis_since(start));
    }
    ASSERT_EQ(ZSTD_isError(n), 0u);
    std::printf("W5k: zstd level %d: %zu bytes in %.1f ms\n", level, n, best);
  }
#endif
}

}  // namespace
}  // namespace fareflow
