// Flight Cheapest Date Search and Flight Inspiration Search on the facade over real HTTP on
// loopback, answered by a price calendar over a source whose cache the test fills.

#include "server/facade/flight_dates.h"

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "calendar/calendar.h"
#include "engine/builtin_source.h"
#include "engine/request_context.h"
#include "engine/search_service.h"
#include "engine/worker_pool.h"
#include "net/http_server.h"
#include "refdata/fx_rates.h"
#include "server/facade/inspiration.h"
#include "server/facade/routes.h"
#include "support/dates.h"
#include "support/http_test_client.h"

namespace fareflow::server {
namespace {

using testing_support::Fetch;
using testing_support::TestResponse;

const CurrencyCode kEur = CurrencyCode::Parse("EUR");

// A source standing for the cache of supplier answers: under CacheMode::kOnly it answers a
// search the test priced with that summary and any other with kNotCached, as the cache does.
// Counts the searches asked under any other mode (none may be: the facade answers from cache).
class PricedCache final : public SupplierSource {
 public:
  // A fare of `total_minor` EUR with `stops` stops for one adult, origin to destination on
  // `departure` (and back on `back`).
  void Price(const std::string& origin, const std::string& destination, Days departure,
             std::optional<Days> back, int64_t total_minor, int stops = 0) {
    FareQuote quote;
    quote.total = {total_minor, kEur};
    quote.per_adult = quote.total;
    quote.max_slice_stops = static_cast<int16_t>(stops);
    quote.carriers[0] = AirlineCode::Parse("IB");
    quote.carrier_count = 1;
    FareSummary summary;
    summary.offers = 1;
    summary.cheapest_by_stops[std::min(stops, FareSummary::kStopBuckets - 1)] = quote;
    std::lock_guard lock(mu_);
    prices_[Key(LocationCode::Parse(origin), LocationCode::Parse(destination), departure, back)] =
        summary;
  }

  int live_calls() const { return live_calls_.load(); }
  // The distinct destinations asked for so far.
  std::size_t destinations_asked() {
    std::lock_guard lock(mu_);
    return asked_.size();
  }

  std::vector<SupplierOutcome> Fetch(RequestContext& context, const Enricher&,
                                     std::chrono::steady_clock::time_point) override {
    const SearchRequest& request = context.request();
    SupplierOutcome outcome;
    outcome.name = "cache";
    if (request.cache != CacheMode::kOnly) ++live_calls_;
    std::optional<Days> back;
    if (request.slices.size() == 2) back = request.slices[1].departure_date;
    std::lock_guard lock(mu_);
    asked_.insert(request.slices[0].destination.index());
    const auto it = prices_.find(Key(request.slices[0].origin, request.slices[0].destination,
                                     request.slices[0].departure_date, back));
    if (it == prices_.end()) {
      outcome.status = SupplierStatus::kNotCached;
    } else {
      outcome.summary = it->second;
      outcome.cache.from_cache = true;
    }
    return {outcome};
  }

 private:
  using CellKey = std::tuple<uint16_t, uint16_t, Days, Days>;
  static CellKey Key(LocationCode o, LocationCode d, Days departure, std::optional<Days> back) {
    return {o.index(), d.index(), departure, back.value_or(-1)};
  }

  std::mutex mu_;
  std::map<CellKey, FareSummary> prices_;
  std::set<uint16_t> asked_;
  std::atomic<int> live_calls_{0};
};

// The facade with a price calendar over PricedCache (or none), and Flight Offers Search over the
// built-in supplier, on a free loopback port. The server stops before what it uses is destroyed.
class DatesTestServer {
 public:
  explicit DatesTestServer(bool with_calendar = true) {
    if (with_calendar) services_.calendar = &calendar_;
    AddAmadeusFacadeRoutes(router_, services_, {});
    server_ = std::make_unique<net::HttpServer>(
        net::HttpServerOptions{},
        [this](std::shared_ptr<net::Exchange> e) { router_.Handle(std::move(e)); });
    Result<void> started = server_->Start();
    EXPECT_TRUE(started.has_value()) << (started ? "" : started.error().message);
  }
  ~DatesTestServer() { server_->Stop(); }

  PricedCache& cache() { return cache_; }
  uint16_t port() const { return server_->port(); }

  std::string Token() {
    const TestResponse r = Fetch(server_->port(), "POST", "/v1/security/oauth2/token",
                                 "grant_type=client_credentials&client_id=app&client_secret=s3cret",
                                 {{"Content-Type", "application/x-www-form-urlencoded"}});
    simdjson::dom::parser parser;
    std::string_view token;
    if (r.status != 200 || parser.parse(r.body)["access_token"].get_string().get(token)) return {};
    return std::string(token);
  }

  // GET `target` with a fresh token.
  TestResponse Get(const std::string& target) {
    return Fetch(server_->port(), "GET", target, "", {{"Authorization", "Bearer " + Token()}});
  }

 private:
  WorkerPool pool_{2};
  PricedCache cache_;
  CalendarService calendar_{cache_, refdata::FxRates::Builtin(), {}};
  BuiltinSource builtin_{100};
  SearchService search_{builtin_, refdata::FxRates::Builtin(), {}};
  ApiServices services_{.search = &search_, .search_pool = &pool_};
  Router router_;
  std::unique_ptr<net::HttpServer> server_;
};

Days Day(int from_now) { return TodayUtc() + from_now; }

struct FirstIssue {
  int64_t status = 0;
  int64_t code = 0;
  std::string parameter;
};

FirstIssue ReadFirstIssue(const std::string& body) {
  FirstIssue out;
  simdjson::dom::parser parser;
  simdjson::dom::element issue;
  if (parser.parse(body)["errors"].at(0).get(issue)) return out;
  std::string_view s;
  EXPECT_FALSE(issue["status"].get_int64().get(out.status)) << body;
  EXPECT_FALSE(issue["code"].get_int64().get(out.code)) << body;
  if (!issue["source"]["parameter"].get_string().get(s)) out.parameter = s;
  return out;
}

// One data item as a client reads it.
struct Item {
  std::string type, origin, destination, departure, back, total, offers_link, other_link;
};

std::vector<Item> ReadItems(const std::string& body, const char* other_link_key) {
  std::vector<Item> out;
  simdjson::dom::parser parser;
  simdjson::dom::array data;
  EXPECT_FALSE(parser.parse(body)["data"].get_array().get(data)) << body;
  for (simdjson::dom::element e : data) {
    Item item;
    std::string_view s;
    if (!e["type"].get_string().get(s)) item.type = s;
    if (!e["origin"].get_string().get(s)) item.origin = s;
    if (!e["destination"].get_string().get(s)) item.destination = s;
    if (!e["departureDate"].get_string().get(s)) item.departure = s;
    if (!e["returnDate"].get_string().get(s)) item.back = s;
    if (!e["price"]["total"].get_string().get(s)) item.total = s;
    if (!e["links"]["flightOffers"].get_string().get(s)) item.offers_link = s;
    if (!e["links"][other_link_key].get_string().get(s)) item.other_link = s;
    out.push_back(item);
  }
  return out;
}

std::string Date(int from_now) { return testing_support::DaysFromNow(from_now); }

TEST(FlightDatesTest, OneWayAnswersThePricedDatesOnlyInDateOrder) {
  DatesTestServer server;
  server.cache().Price("MAD", "MUC", Day(12), std::nullopt, 12000);
  server.cache().Price("MAD", "MUC", Day(10), std::nullopt, 9853);
  const TestResponse r =
      server.Get("/v1/shopping/flight-dates?origin=MAD&destination=MUC&" +
                 std::string("departureDate=") + Date(10) + "," + Date(14) + "&oneWay=true");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("Content-Type"), "application/vnd.amadeus+json");
  const std::vector<Item> items = ReadItems(r.body, "flightDestinations");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].type, "flight-date");
  EXPECT_EQ(items[0].origin, "MAD");
  EXPECT_EQ(items[0].destination, "MUC");
  EXPECT_EQ(items[0].departure, Date(10));
  EXPECT_EQ(items[0].back, "");
  EXPECT_EQ(items[0].total, "98.53");
  EXPECT_EQ(items[1].departure, Date(12));
  EXPECT_EQ(items[1].total, "120.00");
  EXPECT_EQ(items[0].offers_link,
            "http://127.0.0.1/v2/shopping/flight-offers?originLocationCode=MAD&"
            "destinationLocationCode=MUC&departureDate=" +
                Date(10) + "&adults=1&nonStop=false&currencyCode=EUR");
  EXPECT_EQ(
      items[0].other_link.rfind("http://127.0.0.1/v1/shopping/flight-destinations?origin=MAD", 0),
      0u)
      << items[0].other_link;
  EXPECT_EQ(server.cache().live_calls(), 0);

  simdjson::dom::parser parser;
  const simdjson::dom::element root = parser.parse(r.body);
  EXPECT_EQ(std::string_view(root["meta"]["currency"].get_string()), "EUR");
  EXPECT_EQ(std::string_view(root["meta"]["defaults"]["viewBy"].get_string()), "DATE");
  EXPECT_EQ(bool(root["meta"]["defaults"]["nonStop"]), false);
  EXPECT_EQ(std::string_view(root["dictionaries"]["locations"]["MUC"]["subType"].get_string()),
            "AIRPORT");
  EXPECT_EQ(
      std::string_view(root["meta"]["links"]["self"].get_string())
          .starts_with("http://127.0.0.1/v1/shopping/flight-dates?origin=MAD&destination=MUC"),
      true);
}

TEST(FlightDatesTest, TheOffersLinkRunsTheFacadesOwnFlightOffersSearch) {
  DatesTestServer server;
  server.cache().Price("MAD", "MUC", Day(20), Day(23), 15000);
  const TestResponse r =
      server.Get("/v1/shopping/flight-dates?origin=MAD&destination=MUC&departureDate=" + Date(20) +
                 "&duration=3");
  ASSERT_EQ(r.status, 200) << r.body;
  const std::vector<Item> items = ReadItems(r.body, "flightDestinations");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].back, Date(23));
  const std::string prefix = "http://127.0.0.1";
  ASSERT_EQ(items[0].offers_link.rfind(prefix, 0), 0u);
  const TestResponse offers = server.Get(items[0].offers_link.substr(prefix.size()));
  ASSERT_EQ(offers.status, 200) << offers.body;
  simdjson::dom::parser parser;
  EXPECT_GT(parser.parse(offers.body)["data"].get_array().size(), 0u);
}

TEST(FlightDatesTest, ViewsGroupTheCellsAndCriteriaFilterThem) {
  DatesTestServer server;
  server.cache().Price("MAD", "MUC", Day(10), Day(12), 20000);
  server.cache().Price("MAD", "MUC", Day(10), Day(13), 18000, /*stops=*/1);
  server.cache().Price("MAD", "MUC", Day(11), Day(13), 30000);
  const std::string base =
      "/v1/shopping/flight-dates?origin=MAD&destination=MUC&departureDate=" + Date(10) + "," +
      Date(11) + "&duration=2,3";

  std::vector<Item> items = ReadItems(server.Get(base).body, "flightDestinations");
  ASSERT_EQ(items.size(), 3u);  // DURATION: every priced cell
  EXPECT_EQ(items[0].back, Date(12));
  EXPECT_EQ(items[1].back, Date(13));

  items = ReadItems(server.Get(base + "&viewBy=DATE").body, "flightDestinations");
  ASSERT_EQ(items.size(), 2u);  // the cheapest per departure date
  EXPECT_EQ(items[0].total, "180.00");
  EXPECT_EQ(items[1].total, "300.00");

  items = ReadItems(server.Get(base + "&viewBy=DATE&nonStop=true").body, "flightDestinations");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].total, "200.00");
  EXPECT_NE(items[0].offers_link.find("&nonStop=true"), std::string::npos);

  items = ReadItems(server.Get(base + "&maxPrice=250").body, "flightDestinations");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_NE(items[0].offers_link.find("&maxPrice=250"), std::string::npos);

  items = ReadItems(server.Get(base + "&viewBy=WEEK").body, "flightDestinations");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].total, "180.00");
}

TEST(FlightDatesTest, NoPricedCellIsAmadeusNotFound) {
  DatesTestServer server;
  const TestResponse r =
      server.Get("/v1/shopping/flight-dates?origin=MAD&destination=MUC&oneWay=true");
  EXPECT_EQ(r.status, 404);
  const FirstIssue issue = ReadFirstIssue(r.body);
  EXPECT_EQ(issue.status, 404);
  EXPECT_EQ(issue.code, 6003);
}

TEST(FlightDatesTest, RefusalsAreInAmadeusShapes) {
  DatesTestServer server;
  TestResponse r = server.Get("/v1/shopping/flight-dates?origin=MAD&oneWay=maybe");
  EXPECT_EQ(r.status, 400);
  FirstIssue issue = ReadFirstIssue(r.body);
  EXPECT_EQ(issue.code, 32171);
  EXPECT_EQ(issue.parameter, "destination");

  r = server.Get("/v1/shopping/flight-destinations?origin=PAR&duration=1,40");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(ReadFirstIssue(r.body).parameter, "duration");
}

TEST(FlightDatesTest, CallsWithoutAValidTokenAreRefused) {
  DatesTestServer server;
  for (const char* target : {"/v1/shopping/flight-dates?origin=MAD&destination=MUC",
                             "/v1/shopping/flight-destinations?origin=MAD"}) {
    TestResponse r = Fetch(server.port(), "GET", target);
    EXPECT_EQ(r.status, 401) << target;
    EXPECT_EQ(ReadFirstIssue(r.body).code, 38191) << r.body;
    r = Fetch(server.port(), "GET", target, "", {{"Authorization", "Bearer nope"}});
    EXPECT_EQ(r.status, 401) << target;
    EXPECT_EQ(ReadFirstIssue(r.body).code, 38190) << r.body;
  }
}

TEST(FlightDatesTest, WithoutACalendarBothAnswerAmadeusSystemError) {
  DatesTestServer server(/*with_calendar=*/false);
  for (const char* target : {"/v1/shopping/flight-dates?origin=MAD&destination=MUC",
                             "/v1/shopping/flight-destinations?origin=MAD"}) {
    const TestResponse r = server.Get(target);
    EXPECT_EQ(r.status, 500) << target;
    EXPECT_EQ(ReadFirstIssue(r.body).code, 141) << target;
  }
}

TEST(FlightDestinationsTest, AnswersTheCheapestDatePerDestinationCheapestFirst) {
  DatesTestServer server;
  server.cache().Price("MAD", "BCN", Day(10), std::nullopt, 6000);
  server.cache().Price("MAD", "BCN", Day(11), std::nullopt, 4500);
  server.cache().Price("MAD", "LIS", Day(10), std::nullopt, 5252);
  server.cache().Price("MAD", "ZRH", Day(12), std::nullopt, 99999);
  const TestResponse r =
      server.Get("/v1/shopping/flight-destinations?origin=MAD&departureDate=" + Date(10) + "," +
                 Date(12) + "&oneWay=true&maxPrice=900");
  ASSERT_EQ(r.status, 200) << r.body;
  const std::vector<Item> items = ReadItems(r.body, "flightDates");
  ASSERT_EQ(items.size(), 2u) << r.body;
  EXPECT_EQ(items[0].type, "flight-destination");
  EXPECT_EQ(items[0].destination, "BCN");
  EXPECT_EQ(items[0].departure, Date(11));
  EXPECT_EQ(items[0].total, "45.00");
  EXPECT_EQ(items[1].destination, "LIS");
  EXPECT_EQ(items[1].total, "52.52");
  EXPECT_EQ(items[0].other_link.rfind(
                "http://127.0.0.1/v1/shopping/flight-dates?origin=MAD&destination=BCN", 0),
            0u)
      << items[0].other_link;
  EXPECT_NE(items[0].offers_link.find("destinationLocationCode=BCN&departureDate=" + Date(11)),
            std::string::npos);
  simdjson::dom::parser parser;
  const simdjson::dom::element root = parser.parse(r.body);
  EXPECT_EQ(std::string_view(root["meta"]["defaults"]["viewBy"].get_string()), "DESTINATION");
  EXPECT_EQ(server.cache().live_calls(), 0);
}

TEST(FlightDestinationsTest, TheWidestRangesPriceFewerDestinations) {
  {
    DatesTestServer server;
    // 62 departure dates x 15 durations: ten destinations' calendars fill the cell bound.
    EXPECT_EQ(server.Get("/v1/shopping/flight-destinations?origin=MAD").status, 404);
    EXPECT_EQ(server.cache().destinations_asked(), kMaxInspirationCells / (62 * 15));
  }
  DatesTestServer server;
  EXPECT_EQ(server.Get("/v1/shopping/flight-destinations?origin=MAD&oneWay=true").status, 404);
  EXPECT_EQ(server.cache().destinations_asked(), kMaxInspirationDestinations);
}

}  // namespace
}  // namespace fareflow::server
