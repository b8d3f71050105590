#include "emulators/duffel/duffel_emulator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <simdjson.h>

#include "core/arena.h"
#include "core/datetime.h"
#include "enrich/enricher.h"
#include "model/offer_batch.h"
#include "model/search_request.h"
#include "refdata/fx_rates.h"
#include "suppliers/duffel/offers_parser.h"

namespace fareflow::emulators {
namespace {

// 2026-11-28T12:00:00Z: "today" for the departure-date checks.
constexpr int64_t kNow = int64_t{DaysFromCivil(2026, 11, 28)} * 86400 + 12 * 3600;

constexpr std::string_view kToken = "duffel_test_fareflow";

// A request with the headers every Duffel call carries, views into literals and `query`.
net::WireRequest Call(std::string_view method, std::string_view path,
                      std::vector<std::pair<std::string, std::string>> query = {},
                      std::string_view body = {}) {
  net::WireRequest r;
  r.method = method;
  r.path = path;
  r.query = std::move(query);
  r.body = body;
  r.headers = {{"Authorization", "Bearer duffel_test_fareflow"},
               {"Duffel-Version", "v2"},
               {"Accept", "application/json"},
               {"Content-Type", "application/json"}};
  return r;
}

// Sets header `name` to `value` (an empty value removes it).
void SetHeader(net::WireRequest& r, std::string_view name, std::string_view value) {
  std::erase_if(r.headers, [&](const auto& h) { return net::EqualsIgnoreCase(h.first, name); });
  if (!value.empty()) r.headers.emplace_back(name, value);
}

std::string_view HeaderOf(const net::WireResponse& r, std::string_view name) {
  for (const auto& [key, value] : r.headers) {
    if (net::EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

// One search: the request body and the SearchRequest the parser's Enricher checks routes with.
struct Search {
  std::string name;
  std::string body;
  SearchRequest request;
};

SliceRequest SliceOf(const char* from, const char* to, int y, int m, int d) {
  return SliceRequest{LocationCode::Parse(from), LocationCode::Parse(to), DaysFromCivil(y, m, d)};
}

std::vector<Search> Searches() {
  std::vector<Search> out;
  {
    Search s{"one_way_economy_adult",
             R"({"data":{"slices":[{"origin":"LHR","destination":"JFK","departure_date":)"
             R"("2026-12-20"}],"passengers":[{"type":"adult"}],"cabin_class":"economy"}})",
             {}};
    s.request.slices = {SliceOf("LHR", "JFK", 2026, 12, 20)};
    out.push_back(std::move(s));
  }
  {
    Search s{"round_trip_business_family",
             R"({"data":{"slices":[{"origin":"LON","destination":"NYC","departure_date":)"
             R"("2026-12-20"},{"origin":"NYC","destination":"LON","departure_date":"2027-01-03"}],)"
             R"("passengers":[{"type":"adult"},{"age":40},{"age":8},)"
             R"({"type":"infant_without_seat"}],"cabin_class":"business","max_connections":1}})",
             {}};
    s.request.slices = {SliceOf("LON", "NYC", 2026, 12, 20), SliceOf("NYC", "LON", 2027, 1, 3)};
    s.request.passengers.adults = 2;
    s.request.passengers.child_ages = {8};
    s.request.passengers.infants = 1;
    s.request.cabin = Cabin::kBusiness;
    out.push_back(std::move(s));
  }
  {
    Search s{"short_haul_premium_two_connections",
             R"({"data":{"slices":[{"origin":"CDG","destination":"FRA","departure_date":)"
             R"("2026-11-28"}],"passengers":[{"age":30},{"age":15}],)"
             R"("cabin_class":"premium_economy","max_connections":2}})",
             {}};
    s.request.slices = {SliceOf("CDG", "FRA", 2026, 11, 28)};
    s.request.passengers.adults = 1;
    s.request.passengers.child_ages = {15};
    s.request.cabin = Cabin::kPremiumEconomy;
    out.push_back(std::move(s));
  }
  {
    Search s{"multi_city_first",
             R"({"data":{"slices":[{"origin":"SYD","destination":"SIN","departure_date":)"
             R"("2027-02-01"},{"origin":"SIN","destination":"LHR","departure_date":"2027-02-05"},)"
             R"({"origin":"LHR","destination":"SYD","departure_date":"2027-02-20"}],)"
             R"("passengers":[{"type":"adult"},{"type":"adult"},{"type":"adult"}],)"
             R"("cabin_class":"first"}})",
             {}};
    s.request.slices = {SliceOf("SYD", "SIN", 2027, 2, 1), SliceOf("SIN", "LHR", 2027, 2, 5),
                        SliceOf("LHR", "SYD", 2027, 2, 20)};
    s.request.passengers.adults = 3;
    s.request.cabin = Cabin::kFirst;
    out.push_back(std::move(s));
  }
  return out;
}

// What the real parser made of one response.
struct Parsed {
  std::vector<Offer> offers;
  duffel::PageInfo page;
  int received = 0;
  int dropped = 0;
  std::string error;  // the parser's error message, when it failed
  std::string error_field;
};

// The fields of a Duffel error envelope.
struct ErrorView {
  int meta_status = 0;
  std::string request_id, type, code, title, message, documentation_url, pointer, field, parameter;
  std::size_t count = 0;
};

// A list page's meta.
struct MetaView {
  int64_t limit = 0;
  std::string before, after;
};

class DuffelEmulatorTest : public ::testing::Test {
 protected:
  static DuffelEmulatorOptions Options(int offers = 120) {
    DuffelEmulatorOptions options;
    options.offers_per_request = offers;
    options.now_unix_seconds = [] { return kNow; };
    return options;
  }

  // Parses `body` with the real Duffel parser, enriching for `request`.
  Parsed Parse(const std::string& body, const SearchRequest& request) {
    payloads_.push_back(std::make_unique<simdjson::padded_string>(body));
    enrichers_.push_back(std::make_unique<Enricher>(request, refdata::FxRates::Builtin()));
    OfferBatch batch(arena_.resource());
    Parsed out;
    auto ok = duffel::ParseOffers(*payloads_.back(), parser_, *enrichers_.back(), arena_, 0, batch,
                                  &out.page);
    if (!ok) {
      out.error = ok.error().message;
      out.error_field = ok.error().field;
    }
    out.offers.assign(batch.offers.begin(), batch.offers.end());
    out.received = batch.received;
    out.dropped = batch.dropped_total();
    return out;
  }

  static ErrorView Error(const net::WireResponse& r) {
    ErrorView v;
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    EXPECT_EQ(parser.parse(r.body).get(root), simdjson::SUCCESS) << r.body;
    simdjson::dom::array errors;
    if (root["errors"].get_array().get(errors)) {
      ADD_FAILURE() << "no errors array: " << r.body;
      return v;
    }
    v.count = errors.size();
    v.meta_status = static_cast<int>(root["meta"]["status"].get_int64().value_unsafe());
    std::string_view text;
    if (!root["meta"]["request_id"].get_string().get(text)) v.request_id = text;
    simdjson::dom::element e = errors.at(0).value_unsafe();
    for (auto [key, out] : {std::pair{"type", &v.type},
                            {"code", &v.code},
                            {"title", &v.title},
                            {"message", &v.message},
                            {"documentation_url", &v.documentation_url}}) {
      if (!e[key].get_string().get(text)) *out = text;
    }
    if (!e["source"]["pointer"].get_string().get(text)) v.pointer = text;
    if (!e["source"]["field"].get_string().get(text)) v.field = text;
    if (!e["source"]["parameter"].get_string().get(text)) v.parameter = text;
    return v;
  }

  static MetaView Meta(const net::WireResponse& r) {
    MetaView m;
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    EXPECT_EQ(parser.parse(r.body).get(root), simdjson::SUCCESS);
    m.limit = root["meta"]["limit"].get_int64().value_unsafe();
    std::string_view text;
    if (!root["meta"]["before"].get_string().get(text)) m.before = text;
    if (!root["meta"]["after"].get_string().get(text)) m.after = text;
    return m;
  }

  // POSTs `search`; expects 201 and returns the response.
  net::WireResponse Create(DuffelEmulator& emulator, const Search& search,
                           std::string_view return_offers = "true") {
    net::WireResponse r = emulator.Handle(
        Call("POST", "/air/offer_requests",
             {{"return_offers", std::string(return_offers)}, {"supplier_timeout", "10000"}},
             search.body));
    EXPECT_EQ(r.status, 201) << r.body.substr(0, 500);
    return r;
  }

  // Every offer id of a listing, paging forward with `after`.
  std::vector<std::string> PageThrough(DuffelEmulator& emulator, const Search& search,
                                       const std::string& orq, std::string limit,
                                       int* pages = nullptr) {
    std::vector<std::string> ids;
    std::string after;
    for (int page = 0; page < 1000; ++page) {
      std::vector<std::pair<std::string, std::string>> query = {{"offer_request_id", orq},
                                                                {"limit", limit}};
      if (!after.empty()) query.emplace_back("after", after);
      net::WireResponse r = emulator.Handle(Call("GET", "/air/offers", query));
      EXPECT_EQ(r.status, 200) << r.body.substr(0, 500);
      Parsed parsed = Parse(r.body, search.request);
      EXPECT_EQ(parsed.error, "");
      EXPECT_EQ(parsed.dropped, 0);
      for (const Offer& o : parsed.offers) ids.emplace_back(o.supplier_offer_id);
      EXPECT_EQ(parsed.page.after, Meta(r).after);
      if (pages != nullptr) *pages = page + 1;
      after = parsed.page.after;
      if (after.empty()) break;
    }
    return ids;
  }

  simdjson::ondemand::parser parser_;
  Arena arena_;
  std::deque<std::unique_ptr<simdjson::padded_string>> payloads_;
  std::deque<std::unique_ptr<Enricher>> enrichers_;
};

TEST_F(DuffelEmulatorTest, OfferRequestsParseWithNothingDropped) {
  DuffelEmulator emulator(Options());
  for (const Search& search : Searches()) {
    SCOPED_TRACE(search.name);
    net::WireResponse r = Create(emulator, search);
    EXPECT_EQ(r.content_type, "application/json");
    EXPECT_EQ(HeaderOf(r, "x-request-id").size(), 20u);
    Parsed parsed = Parse(r.body, search.request);
    EXPECT_EQ(parsed.error, "");
    EXPECT_GT(parsed.offers.size(), 10u);
    EXPECT_EQ(parsed.dropped, 0);
    EXPECT_EQ(parsed.received, static_cast<int>(parsed.offers.size()));
    EXPECT_TRUE(parsed.page.offer_request_id.starts_with("orq_")) << parsed.page.offer_request_id;
    const int max_connections = search.name.find("two_connections") != std::string::npos ? 2 : 1;
    for (const Offer& offer : parsed.offers) {
      EXPECT_TRUE(std::string_view(offer.supplier_offer_id).starts_with("off_"));
      EXPECT_LE(offer.max_slice_stops, max_connections);
      EXPECT_EQ(offer.slices.size(), search.request.slices.size());
    }
  }
}

TEST_F(DuffelEmulatorTest, OfferRequestWithoutOffersHasEmptyOffersAndTheClockTimes) {
  DuffelEmulator emulator(Options());
  const Search search = Searches()[0];
  net::WireResponse r = Create(emulator, search, "false");
  EXPECT_NE(r.body.find(R"("offers":[])"), std::string::npos);
  EXPECT_NE(r.body.find(R"("created_at":"2026-11-28T12:00:00.000000Z")"), std::string::npos);
  EXPECT_NE(r.body.find(R"("live_mode":false)"), std::string::npos);
  Parsed parsed = Parse(r.body, search.request);
  EXPECT_EQ(parsed.error, "");
  EXPECT_TRUE(parsed.offers.empty());
  EXPECT_TRUE(parsed.page.offer_request_id.starts_with("orq_"));

  // Offers are created with the request and expire 30 minutes later.
  r = emulator.Handle(Call("GET", "/air/offers",
                           {{"offer_request_id", parsed.page.offer_request_id}, {"limit", "1"}}));
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find(R"("created_at":"2026-11-28T12:00:00.000000Z")"), std::string::npos);
  EXPECT_NE(r.body.find(R"("expires_at":"2026-11-28T12:30:00.000000Z")"), std::string::npos);
}

TEST_F(DuffelEmulatorTest, PagingReturnsEveryOfferOnceAndTheSameSetAsReturnOffers) {
  for (const Search& search : Searches()) {
    SCOPED_TRACE(search.name);
    DuffelEmulator lazy(Options());
    Parsed created = Parse(Create(lazy, search, "false").body, search.request);
    const std::string orq = created.page.offer_request_id;
    int pages = 0;
    std::vector<std::string> paged = PageThrough(lazy, search, orq, "37", &pages);
    const std::set<std::string> unique(paged.begin(), paged.end());
    EXPECT_EQ(unique.size(), paged.size()) << "an offer was listed twice";
    EXPECT_EQ(pages, static_cast<int>((paged.size() + 36) / 37));

    // The stored offer request lists the same offers ...
    net::WireResponse stored = lazy.Handle(Call("GET", "/air/offer_requests/" + orq));
    ASSERT_EQ(stored.status, 200);
    Parsed full = Parse(stored.body, search.request);
    std::set<std::string> full_ids;
    for (const Offer& o : full.offers) full_ids.emplace(o.supplier_offer_id);
    EXPECT_EQ(full_ids, unique);

    // ... and so does the same search made with return_offers=true on a fresh emulator.
    DuffelEmulator eager(Options());
    Parsed returned = Parse(Create(eager, search).body, search.request);
    EXPECT_EQ(returned.page.offer_request_id, orq);
    std::set<std::string> returned_ids;
    for (const Offer& o : returned.offers) returned_ids.emplace(o.supplier_offer_id);
    EXPECT_EQ(returned_ids, unique);
    EXPECT_EQ(returned.offers.size(), paged.size());
  }
}

TEST_F(DuffelEmulatorTest, BeforeCursorReturnsThePreviousPage) {
  DuffelEmulator emulator(Options());
  const Search search = Searches()[0];
  const std::string orq =
      Parse(Create(emulator, search).body, search.request).page.offer_request_id;
  net::WireResponse first =
      emulator.Handle(Call("GET", "/air/offers", {{"offer_request_id", orq}, {"limit", "20"}}));
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(Meta(first).before, "");
  net::WireResponse second = emulator.Handle(
      Call("GET", "/air/offers",
           {{"offer_request_id", orq}, {"limit", "20"}, {"after", Meta(first).after}}));
  ASSERT_EQ(second.status, 200);
  ASSERT_NE(Meta(second).before, "");
  net::WireResponse back = emulator.Handle(
      Call("GET", "/air/offers",
           {{"offer_request_id", orq}, {"limit", "20"}, {"before", Meta(second).before}}));
  ASSERT_EQ(back.status, 200);
  EXPECT_EQ(back.body, first.body);
}

TEST_F(DuffelEmulatorTest, LimitDefaultsTo50AndMustBeWithin1To200) {
  DuffelEmulator emulator(Options(260));
  const Search search = Searches()[0];
  const std::string orq =
      Parse(Create(emulator, search).body, search.request).page.offer_request_id;
  net::WireResponse r = emulator.Handle(Call("GET", "/air/offers", {{"offer_request_id", orq}}));
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(Meta(r).limit, 50);
  EXPECT_EQ(Parse(r.body, search.request).offers.size(), 50u);
  for (auto [limit, expected] : {std::pair{"1", 1u}, {"200", 200u}}) {
    r = emulator.Handle(Call("GET", "/air/offers", {{"offer_request_id", orq}, {"limit", limit}}));
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(Meta(r).limit, std::stoi(limit));
    EXPECT_EQ(Parse(r.body, search.request).offers.size(), expected);
  }
  for (const char* bad : {"0", "201", "-1", "ten", "5.5", ""}) {
    SCOPED_TRACE(bad);
    r = emulator.Handle(Call("GET", "/air/offers", {{"offer_request_id", orq}, {"limit", bad}}));
    EXPECT_EQ(r.status, 400);
    const ErrorView e = Error(r);
    EXPECT_EQ(e.type, "invalid_request_error");
    EXPECT_EQ(e.parameter, "limit");
  }
}

TEST_F(DuffelEmulatorTest, SortsByTotalAmountAndDuration) {
  DuffelEmulator emulator(Options(180));
  const Search search = Searches()[1];
  const std::string orq =
      Parse(Create(emulator, search).body, search.request).page.offer_request_id;
  auto list = [&](const char* sort) {
    net::WireResponse r = emulator.Handle(
        Call("GET", "/air/offers", {{"offer_request_id", orq}, {"limit", "200"}, {"sort", sort}}));
    EXPECT_EQ(r.status, 200) << r.body.substr(0, 300);
    Parsed parsed = Parse(r.body, search.request);
    EXPECT_EQ(parsed.dropped, 0);
    EXPECT_GT(parsed.offers.size(), 20u);
    return parsed.offers;
  };
  const std::vector<Offer> cheapest = list("total_amount");
  for (std::size_t i = 1; i < cheapest.size(); ++i) {
    EXPECT_LE(cheapest[i - 1].total.minor, cheapest[i].total.minor) << i;
  }
  const std::vector<Offer> dearest = list("-total_amount");
  for (std::size_t i = 1; i < dearest.size(); ++i) {
    EXPECT_GE(dearest[i - 1].total.minor, dearest[i].total.minor) << i;
  }
  const std::vector<Offer> fastest = list("total_duration");
  for (std::size_t i = 1; i < fastest.size(); ++i) {
    EXPECT_LE(fastest[i - 1].total_duration_minutes, fastest[i].total_duration_minutes) << i;
  }

  // By default, ascending offer id.
  net::WireResponse r =
      emulator.Handle(Call("GET", "/air/offers", {{"offer_request_id", orq}, {"limit", "200"}}));
  std::vector<std::string> ids;
  for (const Offer& o : Parse(r.body, search.request).offers) ids.emplace_back(o.supplier_offer_id);
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));

  r = emulator.Handle(
      Call("GET", "/air/offers", {{"offer_request_id", orq}, {"sort", "total_price"}}));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Error(r).parameter, "sort");
}

TEST_F(DuffelEmulatorTest, ListFiltersByMaxConnections) {
  DuffelEmulator emulator(Options(200));
  const Search search = Searches()[2];  // max_connections 2 in the request
  const std::string orq =
      Parse(Create(emulator, search).body, search.request).page.offer_request_id;
  const std::vector<std::string> all = PageThrough(emulator, search, orq, "200");
  net::WireResponse r = emulator.Handle(
      Call("GET", "/air/offers",
           {{"offer_request_id", orq}, {"limit", "200"}, {"max_connections", "0"}}));
  ASSERT_EQ(r.status, 200);
  Parsed direct = Parse(r.body, search.request);
  EXPECT_GT(direct.offers.size(), 0u);
  EXPECT_LT(direct.offers.size(), all.size());
  for (const Offer& o : direct.offers) EXPECT_EQ(o.max_slice_stops, 0);

  r = emulator.Handle(
      Call("GET", "/air/offers", {{"offer_request_id", orq}, {"max_connections", "3"}}));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Error(r).parameter, "max_connections");
}

TEST_F(DuffelEmulatorTest, CursorOfAnotherListingIsRefused) {
  DuffelEmulator emulator(Options());
  const Search search = Searches()[0];
  const std::string orq =
      Parse(Create(emulator, search).body, search.request).page.offer_request_id;
  net::WireResponse first =
      emulator.Handle(Call("GET", "/air/offers", {{"offer_request_id", orq}, {"limit", "10"}}));
  const std::string after = Meta(first).after;
  ASSERT_FALSE(after.empty());
  for (auto query : std::vector<std::vector<std::pair<std::string, std::string>>>{
           {{"offer_request_id", orq}, {"after", after}, {"sort", "total_amount"}},
           {{"offer_request_id", orq}, {"after", "not-a-cursor"}},
           {{"offer_request_id", orq}, {"after", after}, {"before", after}}}) {
    net::WireResponse r = emulator.Handle(Call("GET", "/air/offers", query));
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(Error(r).type, "invalid_request_error");
  }
  net::WireResponse r = emulator.Handle(Call("GET", "/air/offers", {{"limit", "10"}}));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(Error(r).parameter, "offer_request_id");
}

TEST_F(DuffelEmulatorTest, GetOfferByIdMatchesTheListedOffer) {
  DuffelEmulator emulator(Options());
  const Search search = Searches()[1];
  Parsed created = Parse(Create(emulator, search).body, search.request);
  ASSERT_GT(created.offers.size(), 3u);
  for (std::size_t i : {std::size_t{0}, created.offers.size() / 2, created.offers.size() - 1}) {
    const Offer& listed = created.offers[i];
    const std::string id(listed.supplier_offer_id);
    net::WireResponse r = emulator.Handle(Call("GET", "/air/offers/" + id));
    ASSERT_EQ(r.status, 200) << id;
    EXPECT_TRUE(r.body.starts_with(R"({"data":{"id":")" + id + "\""));
    Parsed one = Parse(r.body, search.request);
    EXPECT_EQ(one.error, "");
    ASSERT_EQ(one.offers.size(), 1u);
    EXPECT_EQ(one.offers[0].supplier_offer_id, listed.supplier_offer_id);
    EXPECT_EQ(one.offers[0].total.minor, listed.total.minor);
    EXPECT_EQ(one.offers[0].dedupe_key, listed.dedupe_key);
    EXPECT_EQ(one.offers[0].passenger_prices.size(), listed.passenger_prices.size());
  }
}

TEST_F(DuffelEmulatorTest, GetOfferRequestByIdRepeatsTheCreatedOne) {
  DuffelEmulator emulator(Options());
  const Search search = Searches()[0];
  net::WireResponse created = Create(emulator, search);
  const std::string orq = Parse(created.body, search.request).page.offer_request_id;
  net::WireResponse got = emulator.Handle(Call("GET", "/air/offer_requests/" + orq));
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body, created.body);
  EXPECT_NE(HeaderOf(got, "x-request-id"), HeaderOf(created, "x-request-id"));
}

TEST_F(DuffelEmulatorTest, UnknownIdsAndRoutesAreNotFound) {
  DuffelEmulator emulator(Options());
  for (net::WireRequest request :
       {Call("GET", "/air/offer_requests/orq_0000AAAAAAAAAAAAAAAAAA"),
        Call("GET", "/air/offers/off_0000AAAAAAAAAAAAAAAAAA"),
        Call("GET", "/air/offers", {{"offer_request_id", "orq_0000AAAAAAAAAAAAAAAAAA"}}),
        Call("GET", "/air/orders"), Call("DELETE", "/air/offer_requests/orq_1"),
        Call("GET", "/air/offer_requests")}) {
    SCOPED_TRACE(std::string(request.method) + " " + std::string(request.path));
    net::WireResponse r = emulator.Handle(request);
    EXPECT_EQ(r.status, 404);
    const ErrorView e = Error(r);
    EXPECT_EQ(e.meta_status, 404);
    EXPECT_EQ(e.type, "invalid_request_error");
    EXPECT_EQ(e.code, "not_found");
    EXPECT_EQ(e.documentation_url, "https://duffel.com/docs/api/overview/errors");
    EXPECT_EQ(e.request_id, HeaderOf(r, "x-request-id"));
    EXPECT_EQ(e.request_id.size(), 20u);
  }
}

TEST_F(DuffelEmulatorTest, EvictedOfferRequestsAndTheirOffersAreNotFound) {
  DuffelEmulatorOptions options = Options(30);
  options.max_stored_requests = 2;
  DuffelEmulator emulator(options);
  const Search search = Searches()[0];
  std::vector<Parsed> created;
  for (int i = 0; i < 3; ++i)
    created.push_back(Parse(Create(emulator, search).body, search.request));
  EXPECT_NE(created[0].page.offer_request_id, created[1].page.offer_request_id);
  const std::string first_offer(created[0].offers.at(0).supplier_offer_id);
  EXPECT_EQ(emulator.Handle(Call("GET", "/air/offer_requests/" + created[0].page.offer_request_id))
                .status,
            404);
  EXPECT_EQ(emulator.Handle(Call("GET", "/air/offers/" + first_offer)).status, 404);
  for (int i = 1; i < 3; ++i) {
    EXPECT_EQ(
        emulator.Handle(Call("GET", "/air/offer_requests/" + created[i].page.offer_request_id))
            .status,
        200);
    EXPECT_EQ(emulator
                  .Handle(Call("GET", "/air/offers/" +
                                          std::string(created[i].offers.at(0).supplier_offer_id)))
                  .status,
              200);
  }
}

TEST_F(DuffelEmulatorTest, AuthorizationIsRequired) {
  DuffelEmulatorOptions options = Options();
  options.access_tokens = {"duffel_test_fareflow", "duffel_test_second"};
  DuffelEmulator emulator(options);
  const std::string body = Searches()[0].body;
  struct Case {
    const char* authorization;
    int status;
    const char* code;
  };
  for (const Case& c :
       {Case{"", 401, "missing_authorization_header"},
        Case{"Bearer wrong_token", 401, "invalid_authorization_header"},
        Case{"Bearer ", 401, "invalid_authorization_header"},
        Case{"Token duffel_test_fareflow", 401, "invalid_authorization_header"},
        Case{"duffel_test_fareflow", 401, "invalid_authorization_header"},
        Case{"Bearer duffel_test_second", 201, ""}, Case{"bearer duffel_test_fareflow", 201, ""}}) {
    SCOPED_TRACE(c.authorization);
    net::WireRequest request = Call("POST", "/air/offer_requests", {}, body);
    SetHeader(request, "Authorization", c.authorization);
    net::WireResponse r = emulator.Handle(request);
    EXPECT_EQ(r.status, c.status);
    if (c.status == 401) {
      const ErrorView e = Error(r);
      EXPECT_EQ(e.type, "authentication_error");
      EXPECT_EQ(e.code, c.code);
      EXPECT_EQ(e.meta_status, 401);
      EXPECT_FALSE(e.message.empty());
      // The parser reports it as a credentials problem, not a transient one.
      Parsed parsed = Parse(r.body, Searches()[0].request);
      EXPECT_NE(parsed.error.find(c.code), std::string::npos) << parsed.error;
    }
  }
}

TEST_F(DuffelEmulatorTest, VersionHeaderIsRequiredAndMustBeV2) {
  DuffelEmulator emulator(Options());
  struct Case {
    const char* version;
    const char* code;
  };
  for (const Case& c : {Case{"", "missing_version_header"}, Case{"v1", "unsupported_version"},
                        Case{"beta", "unsupported_version"}}) {
    SCOPED_TRACE(c.version);
    net::WireRequest request = Call("GET", "/air/offers/off_x");
    SetHeader(request, "Duffel-Version", c.version);
    net::WireResponse r = emulator.Handle(request);
    EXPECT_EQ(r.status, 400);
    const ErrorView e = Error(r);
    EXPECT_EQ(e.type, "invalid_request_error");
    EXPECT_EQ(e.code, c.code);
  }
}

TEST_F(DuffelEmulatorTest, AcceptMustAllowJson) {
  DuffelEmulator emulator(Options());
  net::WireRequest request = Call("GET", "/air/offers/off_x");
  SetHeader(request, "Accept", "text/html");
  EXPECT_EQ(emulator.Handle(request).status, 406);
  for (const char* accept : {"*/*", "text/html, application/json;q=0.9", "application/*", ""}) {
    SetHeader(request, "Accept", accept);
    EXPECT_EQ(emulator.Handle(request).status, 404) << accept;  // past the header checks
  }
}

// A body for one slice LHR-JFK and one adult, with `slice` and `rest` replacing their parts.
std::string Body(std::string_view slice, std::string_view passengers = R"([{"type":"adult"}])",
                 std::string_view extra = "") {
  return R"({"data":{"slices":[)" + std::string(slice) + R"(],"passengers":)" +
         std::string(passengers) + std::string(extra) + "}}";
}
constexpr std::string_view kSlice =
    R"({"origin":"LHR","destination":"JFK","departure_date":"2026-12-20"})";

TEST_F(DuffelEmulatorTest, ValidationErrorsNameTheFieldAndCode) {
  DuffelEmulator emulator(Options(20));
  struct Case {
    std::string name;
    std::string body;
    const char* pointer;
    const char* code;
  };
  const std::vector<Case> cases = {
      {"missing slices", R"({"data":{"passengers":[{"type":"adult"}]}})", "/slices",
       "validation_required"},
      {"empty slices", Body(""), "/slices", "validation_required"},
      {"slices not a list", R"({"data":{"slices":{},"passengers":[{"type":"adult"}]}})", "/slices",
       "invalid_data"},
      {"seven slices",
       Body(std::string(kSlice) + "," + std::string(kSlice) + "," + std::string(kSlice) + "," +
            std::string(kSlice) + "," + std::string(kSlice) + "," + std::string(kSlice) + "," +
            std::string(kSlice)),
       "/slices", "invalid_data"},
      {"missing origin", Body(R"({"destination":"JFK","departure_date":"2026-12-20"})"),
       "/slices/0/origin", "validation_required"},
      {"bad IATA", Body(R"({"origin":"LH1","destination":"JFK","departure_date":"2026-12-20"})"),
       "/slices/0/origin", "invalid_data"},
      {"lower-case IATA",
       Body(R"({"origin":"lhr","destination":"JFK","departure_date":"2026-12-20"})"),
       "/slices/0/origin", "invalid_data"},
      {"unknown IATA",
       Body(R"({"origin":"LHR","destination":"QQQ","departure_date":"2026-12-20"})"),
       "/slices/0/destination", "invalid_data"},
      {"same origin and destination",
       Body(R"({"origin":"LHR","destination":"LHR","departure_date":"2026-12-20"})"),
       "/slices/0/destination", "invalid_data"},
      {"missing date", Body(R"({"origin":"LHR","destination":"JFK"})"), "/slices/0/departure_date",
       "validation_required"},
      {"bad date", Body(R"({"origin":"LHR","destination":"JFK","departure_date":"2026-02-30"})"),
       "/slices/0/departure_date", "invalid_data"},
      {"date not a string",
       Body(R"({"origin":"LHR","destination":"JFK","departure_date":20261220})"),
       "/slices/0/departure_date", "invalid_data"},
      {"past date", Body(R"({"origin":"LHR","destination":"JFK","departure_date":"2026-11-27"})"),
       "/slices/0/departure_date", "invalid_data"},
      {"slices out of order",
       Body(std::string(kSlice) +
            R"(,{"origin":"JFK","destination":"LHR","departure_date":"2026-12-19"})"),
       "/slices/1/departure_date", "invalid_data"},
      {"missing passengers", R"({"data":{"slices":[)" + std::string(kSlice) + "]}}", "/passengers",
       "validation_required"},
      {"empty passengers", Body(kSlice, "[]"), "/passengers", "validation_required"},
      {"no adults", Body(kSlice, R"([{"age":8}])"), "/passengers", "invalid_data"},
      {"ten passengers",
       Body(kSlice, R"([{"type":"adult"},{"type":"adult"},{"type":"adult"},{"type":"adult"},)"
                    R"({"type":"adult"},{"age":5},{"age":6},{"age":7},{"age":8},{"age":9}])"),
       "/passengers", "invalid_data"},
      {"more infants than adults",
       Body(kSlice,
            R"([{"type":"adult"},{"type":"infant_without_seat"},{"type":"infant_without_seat"}])"),
       "/passengers", "invalid_data"},
      {"unknown passenger type", Body(kSlice, R"([{"type":"adult"},{"type":"senior"}])"),
       "/passengers/1/type", "invalid_data"},
      {"passenger without type or age", Body(kSlice, R"([{"type":"adult"},{}])"),
       "/passengers/1/type", "validation_required"},
      {"child without age", Body(kSlice, R"([{"type":"adult"},{"type":"child"}])"),
       "/passengers/1/age", "validation_required"},
      {"bad age", Body(kSlice, R"([{"type":"adult"},{"age":-3}])"), "/passengers/1/age",
       "invalid_data"},
      {"unknown cabin", Body(kSlice, R"([{"type":"adult"}])", R"(,"cabin_class":"luxury")"),
       "/cabin_class", "invalid_data"},
      {"bad max_connections", Body(kSlice, R"([{"type":"adult"}])", R"(,"max_connections":5)"),
       "/max_connections", "invalid_data"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    net::WireResponse r = emulator.Handle(Call("POST", "/air/offer_requests", {}, c.body));
    EXPECT_EQ(r.status, 422) << r.body;
    const ErrorView e = Error(r);
    EXPECT_EQ(e.count, 1u);
    EXPECT_EQ(e.meta_status, 422);
    EXPECT_EQ(e.type, "validation_error");
    EXPECT_EQ(e.code, c.code);
    EXPECT_EQ(e.pointer, c.pointer);
    EXPECT_FALSE(e.field.empty());
    EXPECT_FALSE(e.title.empty());
    EXPECT_FALSE(e.message.empty());
    EXPECT_EQ(e.documentation_url, "https://duffel.com/docs/api/overview/errors");
    EXPECT_EQ(e.request_id, HeaderOf(r, "x-request-id"));
    // fareflow's own parser surfaces the pointer.
    Parsed parsed = Parse(r.body, Searches()[0].request);
    EXPECT_EQ(parsed.error_field, c.pointer);
  }
}

TEST_F(DuffelEmulatorTest, MissingFieldLooksLikeDuffelsRecordedError) {
  DuffelEmulator emulator(Options());
  net::WireResponse r = emulator.Handle(
      Call("POST", "/air/offer_requests", {}, R"({"data":{"passengers":[{"type":"adult"}]}})"));
  const ErrorView e = Error(r);
  // As in duffel-api-ruby's spec/fixtures/validation_error.json.
  EXPECT_EQ(e.title, "Required field");
  EXPECT_EQ(e.message, "Field 'slices' can't be blank");
  EXPECT_EQ(e.field, "slices");
  EXPECT_TRUE(r.body.starts_with(R"({"meta":{"status":422,"request_id":")")) << r.body;
}

TEST_F(DuffelEmulatorTest, MalformedBodiesAndQueriesAreBadRequests) {
  DuffelEmulator emulator(Options());
  for (const char* body : {"", "{", "[]", R"({"slices":[]})", R"({"data":[]})"}) {
    net::WireResponse r = emulator.Handle(Call("POST", "/air/offer_requests", {}, body));
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_EQ(Error(r).code, "bad_request");
  }
  const std::string body = Searches()[0].body;
  for (auto [name, value] : {std::pair{"return_offers", "yes"}, {"supplier_timeout", "soon"}}) {
    net::WireResponse r =
        emulator.Handle(Call("POST", "/air/offer_requests", {{name, value}}, body));
    EXPECT_EQ(r.status, 400) << name;
    EXPECT_EQ(Error(r).parameter, name);
  }
  // Out-of-range timeouts are ignored, as Duffel documents.
  EXPECT_EQ(
      emulator.Handle(Call("POST", "/air/offer_requests", {{"supplier_timeout", "100"}}, body))
          .status,
      201);
}

TEST_F(DuffelEmulatorTest, SameRequestsGiveTheSameBytes) {
  DuffelEmulator a(Options());
  DuffelEmulator b(Options());
  for (const Search& search : Searches()) {
    net::WireResponse ra = Create(a, search);
    net::WireResponse rb = Create(b, search);
    EXPECT_EQ(ra.body, rb.body);
    EXPECT_EQ(ra.headers, rb.headers);
    const std::string orq = Parse(ra.body, search.request).page.offer_request_id;
    net::WireRequest list = Call("GET", "/air/offers", {{"offer_request_id", orq}, {"limit", "7"}});
    EXPECT_EQ(a.Handle(list).body, b.Handle(list).body);
  }
  // The same search made twice is two offer requests with offers of their own.
  const Search search = Searches()[0];
  Parsed first = Parse(Create(a, search).body, search.request);
  Parsed second = Parse(Create(a, search).body, search.request);
  EXPECT_NE(first.page.offer_request_id, second.page.offer_request_id);
  EXPECT_NE(first.offers.at(0).supplier_offer_id, second.offers.at(0).supplier_offer_id);
  EXPECT_EQ(first.offers.at(0).total.minor, second.offers.at(0).total.minor);

  // Another id seed stands for another Duffel account.
  DuffelEmulatorOptions options = Options();
  options.id_seed = 7;
  DuffelEmulator c(options);
  EXPECT_NE(Parse(Create(c, Searches()[0]).body, search.request).page.offer_request_id,
            Parse(Create(b, Searches()[0]).body, search.request).page.offer_request_id);
}

TEST_F(DuffelEmulatorTest, ConcurrentCallsAllSucceed) {
  DuffelEmulatorOptions options = Options(40);
  options.max_stored_requests = 4;
  DuffelEmulator emulator(options);
  const std::vector<Search> searches = Searches();
  std::vector<std::thread> threads;
  std::vector<int> failures(8, 0);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        const Search& search = searches[static_cast<std::size_t>(t + i) % searches.size()];
        net::WireResponse created =
            emulator.Handle(Call("POST", "/air/offer_requests", {}, search.body));
        if (created.status != 201) ++failures[t];
        const std::size_t at = created.body.find("\"orq_");
        const std::string orq = created.body.substr(at + 1, 26);
        // Another thread may have evicted it meanwhile: 200 or 404, never anything else.
        const int listed =
            emulator.Handle(Call("GET", "/air/offers", {{"offer_request_id", orq}, {"limit", "5"}}))
                .status;
        if (listed != 200 && listed != 404) ++failures[t];
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int f : failures) EXPECT_EQ(f, 0);
}

}  // namespace
}  // namespace fareflow::emulators
