#include "emulators/amadeus/amadeus_emulator.h"

#include <algorithm>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "core/arena.h"
#include "emulators/amadeus/emulator_harness.h"
#include "enrich/enricher.h"
#include "model/offer_batch.h"
#include "refdata/fx_rates.h"
#include "suppliers/amadeus/offers_parser.h"
#include "suppliers/amadeus/response_writer.h"
#include "suppliers/builtin/offer_generator.h"

namespace fareflow::emulators::testing {
namespace {

// What the real parser made of a 200 body. Owns the payload the offers point into.
struct Parsed {
  simdjson::padded_string payload;
  Arena arena;
  OfferBatch batch{arena.resource()};
};

std::unique_ptr<Parsed> ParseOffers(const std::string& body, const SearchRequest& request) {
  auto parsed = std::make_unique<Parsed>();
  parsed->payload = simdjson::padded_string(body);
  simdjson::ondemand::parser parser;
  const Enricher enricher(request, refdata::FxRates::Builtin());
  const Result<void> result = amadeus::ParseFlightOffers(parsed->payload, parser, enricher,
                                                         parsed->arena, 0, parsed->batch);
  EXPECT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(parsed->batch.dropped_total(), 0) << parsed->batch.first_drop_detail;
  return parsed;
}

SearchRequest Route(std::string_view from, std::string_view to, Days out, std::optional<Days> back,
                    int adults = 1, int children = 0, int infants = 0,
                    Cabin cabin = Cabin::kEconomy) {
  SearchRequest r;
  r.slices.push_back({LocationCode::Parse(from), LocationCode::Parse(to), out});
  if (back) r.slices.push_back({LocationCode::Parse(to), LocationCode::Parse(from), *back});
  r.passengers.adults = adults;
  r.passengers.child_ages.assign(static_cast<std::size_t>(children), 8);
  r.passengers.infants = infants;
  r.cabin = cabin;
  return r;
}

const Days kOut = DaysFromCivil(2026, 7, 10);
const Days kBack = DaysFromCivil(2026, 7, 17);

// --- OAuth2 token endpoint ------------------------------------------------------------------

TEST_F(EmulatorTest, IssuesTokenInAmadeusShape) {
  Call call;
  call.method = "POST";
  call.path = "/v1/security/oauth2/token";
  call.headers = {{"content-type", "application/x-www-form-urlencoded"}};
  call.body =
      "grant_type=client_credentials&client_id=fareflow-client&client_secret=fareflow-secret";
  const net::WireResponse response = Send(*emulator_, call);
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.content_type, "application/json");
  simdjson::dom::parser parser;
  simdjson::dom::element token = parser.parse(response.body).value();
  EXPECT_EQ(token["type"].get_string().value(), "amadeusOAuth2Token");
  EXPECT_EQ(token["client_id"].get_string().value(), "fareflow-client");
  EXPECT_EQ(token["token_type"].get_string().value(), "Bearer");
  EXPECT_EQ(token["access_token"].get_string().value().size(), 30u);
  EXPECT_EQ(token["expires_in"].get_int64().value(), 1799);
  EXPECT_EQ(token["state"].get_string().value(), "approved");
  EXPECT_EQ(token["scope"].get_string().value(), "");
  EXPECT_TRUE(token["username"].is_string());
  EXPECT_TRUE(token["application_name"].is_string());
  EXPECT_NE(Token(), Token());
}

void ExpectOAuthError(const net::WireResponse& response, int status, std::string_view error) {
  EXPECT_EQ(response.status, status) << response.body;
  simdjson::dom::parser parser;
  simdjson::dom::element body = parser.parse(response.body).value();
  EXPECT_EQ(body["error"].get_string().value(), error);
  EXPECT_EQ(body["code"].get_int64().value(), 38187);
  EXPECT_EQ(body["title"].get_string().value(), "Invalid parameters");
  EXPECT_TRUE(body["error_description"].is_string());
}

TEST_F(EmulatorTest, RejectsBadCredentials) {
  Call call;
  call.method = "POST";
  call.path = "/v1/security/oauth2/token";
  call.body = "grant_type=client_credentials&client_id=fareflow-client&client_secret=wrong";
  ExpectOAuthError(Send(*emulator_, call), 401, "invalid_client");
  call.body = "grant_type=client_credentials&client_secret=fareflow-secret";
  ExpectOAuthError(Send(*emulator_, call), 401, "invalid_client");
  const net::WireResponse response = Send(*emulator_, call);
  EXPECT_NE(response.body.find("Client credentials are invalid"), std::string::npos);
}

TEST_F(EmulatorTest, RejectsBadGrantType) {
  Call call;
  call.method = "POST";
  call.path = "/v1/security/oauth2/token";
  call.body = "grant_type=password&client_id=fareflow-client&client_secret=fareflow-secret";
  ExpectOAuthError(Send(*emulator_, call), 400, "unsupported_grant_type");
  call.body = "client_id=fareflow-client&client_secret=fareflow-secret";
  ExpectOAuthError(Send(*emulator_, call), 400, "invalid_request");
  call.headers = {{"Content-Type", "application/json"}};
  call.body = R"({"grant_type":"client_credentials"})";
  ExpectOAuthError(Send(*emulator_, call), 400, "invalid_request");
}

// --- Access tokens on flight-offers ------------------------------------------------------------

const std::string kQuery =
    "originLocationCode=LON&destinationLocationCode=NYC&departureDate=2026-07-10&adults=1&max=5";

TEST_F(EmulatorTest, MissingOrMalformedAuthorizationIs38191) {
  Call call;
  call.query = kQuery;
  for (const char* header : {"", "Basic abc", "Bearer ", "Bearer"}) {
    call.headers = {{"Authorization", header}};
    const net::WireResponse response = Send(*emulator_, call);
    EXPECT_EQ(response.status, 401) << header;
    const FirstIssue issue = ReadFirstIssue(response.body);
    EXPECT_EQ(issue.code, 38191) << header;
    EXPECT_EQ(issue.status, 401);
    EXPECT_EQ(issue.title, "Invalid HTTP header");
  }
  call.headers.clear();
  EXPECT_EQ(ReadFirstIssue(Send(*emulator_, call).body).code, 38191);
}

TEST_F(EmulatorTest, UnknownTokenIs38190) {
  Call call;
  call.query = kQuery;
  call.headers = {{"Authorization", "Bearer f8XgboI1oKyNw7w23bnnAbFANidfgC"}};
  const net::WireResponse response = Send(*emulator_, call);
  EXPECT_EQ(response.status, 401);
  const FirstIssue issue = ReadFirstIssue(response.body);
  EXPECT_EQ(issue.code, 38190);
  EXPECT_EQ(issue.title, "Invalid access token");
  EXPECT_EQ(issue.detail, "The access token provided in the Authorization header is invalid");
}

TEST_F(EmulatorTest, TokenExpiresAfterTtl) {
  EXPECT_EQ(Get(kQuery).status, 200);
  Advance(1798);
  EXPECT_EQ(Get(kQuery).status, 200);
  Advance(1);
  const net::WireResponse response = Get(kQuery);
  EXPECT_EQ(response.status, 401);
  const FirstIssue issue = ReadFirstIssue(response.body);
  EXPECT_EQ(issue.code, 38192);
  EXPECT_EQ(issue.title, "Access token expired");
  token_.clear();  // a fresh token works again
  EXPECT_EQ(Get(kQuery).status, 200);
}

class ShortTtlTest : public EmulatorTest {
 protected:
  ShortTtlTest() : EmulatorTest(AmadeusEmulatorOptions{.token_ttl_seconds = 60}) {}
};

TEST_F(ShortTtlTest, TtlIsConfigurable) {
  EXPECT_EQ(Get(kQuery).status, 200);
  Advance(60);
  EXPECT_EQ(ReadFirstIssue(Get(kQuery).body).code, 38192);
}

// --- Routing ---------------------------------------------------------------------------------

TEST_F(EmulatorTest, UnknownPathIs404AndWrongMethod405) {
  Call call;
  call.path = "/v1/shopping/flight-offers";
  call.headers = Auth();
  net::WireResponse response = Send(*emulator_, call);
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(ReadFirstIssue(response.body).status, 404);

  call.path = "/v2/shopping/flight-offers";
  call.method = "DELETE";
  response = Send(*emulator_, call);
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(ReadFirstIssue(response.body).status, 405);
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.headers[0].first, "Allow");

  call.path = "/v1/security/oauth2/token";
  call.method = "GET";
  EXPECT_EQ(Send(*emulator_, call).status, 405);
}

// --- Successful searches -----------------------------------------------------------------------

struct SearchCase {
  std::string name;
  std::string query;
  SearchRequest request;
  int max;
};

std::vector<SearchCase> SearchCases() {
  return {
      {"RoundTripFamilyBusiness",
       "originLocationCode=LON&destinationLocationCode=NYC&departureDate=2026-07-10&returnDate="
       "2026-07-17&adults=2&children=1&infants=1&travelClass=BUSINESS&max=40",
       Route("LON", "NYC", kOut, kBack, 2, 1, 1, Cabin::kBusiness), 40},
      {"OneWayEconomyDefaultMax",
       "originLocationCode=CDG&destinationLocationCode=JFK&departureDate=2026-07-10&adults=1",
       Route("CDG", "JFK", kOut, std::nullopt), 250},
      {"PremiumEconomyThreeAdultsUsd",
       "originLocationCode=SYD&destinationLocationCode=BKK&departureDate=2026-07-10&adults=3"
       "&travelClass=PREMIUM_ECONOMY&currencyCode=USD&max=25",
       [] {
         SearchRequest r = Route("SYD", "BKK", kOut, std::nullopt, 3, 0, 0, Cabin::kPremiumEconomy);
         r.currency = CurrencyCode::Parse("USD");
         return r;
       }(),
       25},
      {"FirstShortHaulReturn",
       "originLocationCode=MAD&destinationLocationCode=FRA&departureDate=2026-07-10&returnDate="
       "2026-07-10&adults=1&children=2&travelClass=FIRST&max=10",
       Route("MAD", "FRA", kOut, kOut, 1, 2, 0, Cabin::kFirst), 10},
  };
}

TEST_F(EmulatorTest, GetAnswersGeneratedOffersThatParseBack) {
  for (const SearchCase& c : SearchCases()) {
    SCOPED_TRACE(c.name);
    const net::WireResponse response = Get(c.query);
    ASSERT_EQ(response.status, 200) << response.body.substr(0, 500);
    EXPECT_EQ(response.content_type, "application/vnd.amadeus+json");

    // Exactly what the generator and the writer give for this search.
    Arena arena;
    builtin::GeneratorOptions options;
    options.offer_count = c.max;
    const std::vector<Offer> generated = builtin::GenerateOffers(c.request, options, arena);
    ASSERT_FALSE(generated.empty());
    std::string expected;
    amadeus::WriteFlightOffersResponse(generated, c.request, expected);
    EXPECT_TRUE(response.body == expected) << "the answer is not the generator's offers";

    const auto parsed = ParseOffers(response.body, c.request);
    EXPECT_EQ(parsed->batch.offers.size(), std::min<std::size_t>(c.max, generated.size()));
    for (const Offer& offer : parsed->batch.offers) {
      EXPECT_EQ(offer.cabin, c.request.cabin);
      EXPECT_EQ(offer.slices.size(), c.request.slices.size());
      EXPECT_EQ(offer.total.currency, c.request.currency);
    }
  }
}

TEST_F(EmulatorTest, SameQueryGivesSameBytes) {
  const std::string query = SearchCases()[0].query;
  const net::WireResponse first = Get(query);
  ASSERT_EQ(first.status, 200);
  EXPECT_TRUE(Get(query).body == first.body);
  Advance(600);  // another time of day, another emulator: same answer
  AmadeusEmulator other{AmadeusEmulatorOptions{.now_unix_seconds = [] { return kStart; }}};
  Call call;
  call.query = query;
  call.method = "POST";
  call.path = "/v1/security/oauth2/token";
  call.body =
      "grant_type=client_credentials&client_id=fareflow-client&client_secret=fareflow-secret";
  simdjson::dom::parser parser;
  const std::string token =
      std::string(parser.parse(Send(other, call).body)["access_token"].get_string().value());
  call.method = "GET";
  call.path = "/v2/shopping/flight-offers";
  call.body.clear();
  call.headers = {{"Authorization", "Bearer " + token}};
  EXPECT_TRUE(Send(other, call).body == first.body);
}

const char kPostFamilyBusiness[] = R"({
  "currencyCode": "EUR",
  "originDestinations": [
    {"id": "1", "originLocationCode": "LON", "destinationLocationCode": "NYC",
     "departureDateTimeRange": {"date": "2026-07-10", "time": "10:00:00"}},
    {"id": "2", "originLocationCode": "NYC", "destinationLocationCode": "LON",
     "departureDateTimeRange": {"date": "2026-07-17"}}],
  "travelers": [
    {"id": "1", "travelerType": "ADULT"},
    {"id": "2", "travelerType": "ADULT"},
    {"id": "3", "travelerType": "CHILD"},
    {"id": "4", "travelerType": "HELD_INFANT", "associatedAdultId": "1"}],
  "sources": ["GDS"],
  "searchCriteria": {
    "maxFlightOffers": 40,
    "flightFilters": {
      "cabinRestrictions": [
        {"cabin": "BUSINESS", "coverage": "MOST_SEGMENTS", "originDestinationIds": ["1", "2"]}]}}
})";

TEST_F(EmulatorTest, PostWithOverrideEqualsGet) {
  const net::WireResponse get = Get(SearchCases()[0].query);
  const net::WireResponse post = Post(kPostFamilyBusiness);
  ASSERT_EQ(post.status, 200) << post.body.substr(0, 500);
  EXPECT_TRUE(post.body == get.body) << "POST and GET answers differ";
}

TEST_F(EmulatorTest, PostNeedsTheOverrideHeader) {
  net::WireResponse response = Post(kPostFamilyBusiness, /*override_header=*/false);
  EXPECT_EQ(response.status, 400);
  FirstIssue issue = ReadFirstIssue(response.body);
  EXPECT_EQ(issue.code, 32171);
  EXPECT_EQ(issue.parameter, "X-HTTP-Method-Override");

  Call call;
  call.method = "POST";
  call.body = kPostFamilyBusiness;
  call.headers = Auth();
  call.headers.emplace_back("X-HTTP-Method-Override", "DELETE");
  response = Send(*emulator_, call);
  EXPECT_EQ(response.status, 400);
  issue = ReadFirstIssue(response.body);
  EXPECT_EQ(issue.code, 4926);
  EXPECT_EQ(issue.parameter, "X-HTTP-Method-Override");
}

// --- Criteria the emulator applies to the generated offers -------------------------------------

const std::string kLonNyc =
    "originLocationCode=LON&destinationLocationCode=NYC&departureDate=2026-07-10&returnDate="
    "2026-07-17&adults=1&max=100";

// The marketing carrier on most segments of the unfiltered answer.
std::string BusiestCarrier(const OfferBatch& batch) {
  std::map<std::string, int> counts;
  for (const Offer& o : batch.offers) {
    for (const Slice& s : o.slices) {
      for (const Segment& g : s.segments) ++counts[g.marketing_carrier.str()];
    }
  }
  return std::max_element(counts.begin(), counts.end(),
                          [](const auto& a, const auto& b) { return a.second < b.second; })
      ->first;
}

TEST_F(EmulatorTest, IncludedAndExcludedAirlinesAreHonoured) {
  const SearchRequest request = Route("LON", "NYC", kOut, kBack);
  const auto all = ParseOffers(Get(kLonNyc).body, request);
  ASSERT_EQ(all->batch.offers.size(), 100u);
  const std::string carrier = BusiestCarrier(all->batch);
  const AirlineCode code = AirlineCode::Parse(carrier);

  const auto included =
      ParseOffers(Get(kLonNyc + "&includedAirlineCodes=" + carrier).body, request);
  EXPECT_GT(included->batch.offers.size(), 0u);
  for (const Offer& o : included->batch.offers) {
    for (const Slice& s : o.slices) {
      for (const Segment& g : s.segments) EXPECT_EQ(g.marketing_carrier, code);
    }
  }

  const auto excluded =
      ParseOffers(Get(kLonNyc + "&excludedAirlineCodes=" + carrier + ",ZZ").body, request);
  EXPECT_GT(excluded->batch.offers.size(), 0u);
  for (const Offer& o : excluded->batch.offers) {
    for (const Slice& s : o.slices) {
      for (const Segment& g : s.segments) {
        EXPECT_NE(g.marketing_carrier, code);
        EXPECT_NE(g.operating_carrier, code);
      }
    }
  }

  // The same through the POST body's carrierRestrictions.
  const std::string body = std::string(R"({"originDestinations":[
      {"id":"1","originLocationCode":"LON","destinationLocationCode":"NYC",
       "departureDateTimeRange":{"date":"2026-07-10"}},
      {"id":"2","originLocationCode":"NYC","destinationLocationCode":"LON",
       "departureDateTimeRange":{"date":"2026-07-17"}}],
    "travelers":[{"id":"1","travelerType":"ADULT"}],"sources":["GDS"],
    "searchCriteria":{"maxFlightOffers":100,"flightFilters":{"carrierRestrictions":
      {"includedCarrierCodes":[")") +
                           carrier + R"("]}}}})";
  const net::WireResponse post = Post(body);
  ASSERT_EQ(post.status, 200) << post.body.substr(0, 400);
  EXPECT_TRUE(post.body == Get(kLonNyc + "&includedAirlineCodes=" + carrier).body);
}

TEST_F(EmulatorTest, NonStopAndMaxConnectionsAreHonoured) {
  // Frankfurt-Chicago one way: about a fifth of the 100 cheapest offers are direct.
  const std::string query =
      "originLocationCode=FRA&destinationLocationCode=ORD&departureDate=2026-07-10&adults=1"
      "&max=100";
  const SearchRequest request = Route("FRA", "ORD", kOut, std::nullopt);
  const auto direct = ParseOffers(Get(query + "&nonStop=true").body, request);
  EXPECT_GT(direct->batch.offers.size(), 0u);
  for (const Offer& o : direct->batch.offers) {
    for (const Slice& s : o.slices) EXPECT_EQ(s.segments.size(), 1u);
  }
  const auto all = ParseOffers(Get(query + "&nonStop=false").body, request);
  EXPECT_TRUE(std::any_of(all->batch.offers.begin(), all->batch.offers.end(), [](const Offer& o) {
    return o.slices[0].segments.size() > 1;
  })) << "the route should have connections too, or the test proves nothing";

  const std::string body = R"({"originDestinations":[
      {"id":"1","originLocationCode":"FRA","destinationLocationCode":"ORD",
       "departureDateTimeRange":{"date":"2026-07-10"}}],
    "travelers":[{"id":"1","travelerType":"ADULT"}],"sources":["GDS"],
    "searchCriteria":{"maxFlightOffers":100,"flightFilters":{"connectionRestriction":
      {"maxNumberOfConnections":0}}}})";
  const net::WireResponse post = Post(body);
  ASSERT_EQ(post.status, 200) << post.body.substr(0, 400);
  const auto post_direct = ParseOffers(post.body, request);
  EXPECT_EQ(post_direct->batch.offers.size(), direct->batch.offers.size());
  for (const Offer& o : post_direct->batch.offers) {
    for (const Slice& s : o.slices) EXPECT_EQ(s.segments.size(), 1u);
  }
}

TEST_F(EmulatorTest, MaxPriceIsPerTraveler) {
  const std::string query =
      "originLocationCode=LON&destinationLocationCode=NYC&departureDate=2026-07-10&adults=2"
      "&children=1&max=100";
  const SearchRequest request = Route("LON", "NYC", kOut, std::nullopt, 2, 1);
  const auto all = ParseOffers(Get(query).body, request);
  ASSERT_GT(all->batch.offers.size(), 10u);
  // The adult fare of the 10th cheapest offer, in whole euros.
  const Offer& tenth = all->batch.offers[9];
  int64_t adult_minor = 0;
  for (const PassengerPrice& p : tenth.passenger_prices) {
    if (p.type == PassengerType::kAdult) adult_minor = p.total_each.minor;
  }
  const int64_t max_price = adult_minor / 100;
  const auto capped =
      ParseOffers(Get(query + "&maxPrice=" + std::to_string(max_price)).body, request);
  EXPECT_GT(capped->batch.offers.size(), 0u);
  EXPECT_LT(capped->batch.offers.size(), all->batch.offers.size());
  for (const Offer& o : capped->batch.offers) {
    for (const PassengerPrice& p : o.passenger_prices)
      EXPECT_LE(p.total_each.minor, max_price * 100);
  }
}

TEST_F(EmulatorTest, MaxIsRespected) {
  const SearchRequest request = Route("LON", "NYC", kOut, kBack);
  for (int max : {1, 7, 250}) {
    const std::string query =
        "originLocationCode=LON&destinationLocationCode=NYC&departureDate=2026-07-10&returnDate="
        "2026-07-17&adults=1&max=" +
        std::to_string(max);
    const auto parsed = ParseOffers(Get(query).body, request);
    EXPECT_EQ(parsed->batch.offers.size(), static_cast<std::size_t>(max));
  }
}

class CappedTest : public EmulatorTest {
 protected:
  CappedTest() : EmulatorTest(AmadeusEmulatorOptions{.offers_cap = 3}) {}
};

TEST_F(CappedTest, OffersCapLowersMax) {
  const SearchRequest request = Route("LON", "NYC", kOut, std::nullopt);
  const auto parsed = ParseOffers(
      Get("originLocationCode=LON&destinationLocationCode=NYC&departureDate=2026-07-10&adults=1"
          "&max=5")
          .body,
      request);
  EXPECT_EQ(parsed->batch.offers.size(), 3u);
}

TEST_F(EmulatorTest, KnownLocationsWithoutFlightsAnswerEmptyData) {
  // Two airports so close that no aircraft flies between them and no connection helps.
  const net::WireResponse response =
      Get("originLocationCode=LHR&destinationLocationCode=LCY&departureDate=2026-07-10&adults=1");
  ASSERT_EQ(response.status, 200) << response.body.substr(0, 300);
  simdjson::dom::parser parser;
  simdjson::dom::element body = parser.parse(response.body).value();
  simdjson::dom::array data;
  ASSERT_EQ(body["data"].get_array().get(data), simdjson::SUCCESS);
  EXPECT_EQ(data.size(), 0u);
  EXPECT_EQ(body["meta"]["count"].get_int64().value(), 0);
}

TEST_F(EmulatorTest, ConcurrentCallersGetConsistentAnswers) {
  const std::string query = SearchCases()[0].query;
  const std::string expected = Get(query).body;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i) {
        Call token_call;
        token_call.method = "POST";
        token_call.path = "/v1/security/oauth2/token";
        token_call.body =
            "grant_type=client_credentials&client_id=fareflow-client&client_secret=fareflow-secret";
        const net::WireResponse token = Send(*emulator_, token_call);
        Call call;
        call.query = query;
        call.headers = {{"Authorization", "Bearer " + token_}};
        const net::WireResponse response = Send(*emulator_, call);
        if (token.status != 200 || response.body != expected) ++failures;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace fareflow::emulators::testing
