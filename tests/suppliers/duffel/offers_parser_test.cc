#include "suppliers/duffel/offers_parser.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "core/datetime.h"
#include "model/search_request.h"
#include "refdata/fx_rates.h"
#include "refdata/time_zones.h"

namespace fareflow::duffel {
namespace {

std::string ReadSpec(const std::string& relative) {
  const std::string path = std::string(FAREFLOW_SOURCE_DIR) + "/tests/fixtures/duffel/" + relative;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot open " << path;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Replaces every occurrence of `from` (which must occur) with `to`.
std::string Replace(std::string text, std::string_view from, std::string_view to) {
  std::size_t pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << "not found: " << from;
  while (pos != std::string::npos) {
    text.replace(pos, from.size(), to);
    pos = text.find(from, pos + to.size());
  }
  return text;
}

Minutes LocalTime(const char* text) { return *ParseLocalDateTime(text); }
Money Amount(int64_t minor, const char* currency) {
  return Money{minor, CurrencyCode::Parse(currency)};
}
int Dropped(const OfferBatch& batch, DropReason reason) {
  return batch.dropped[static_cast<std::size_t>(reason)];
}
uint16_t ZoneIndex(const char* name) {
  std::optional<uint16_t> zone = refdata::FindTimeZone(name);
  EXPECT_TRUE(zone.has_value()) << name;
  return zone.value_or(kNoTimeZone);
}

// A v2 offer with every field the parser reads: a return trip LHR-AMS-JFK / JFK-LHR for two
// adults, a child and an infant on a lap, with a codeshare, a technical stop and bags that differ
// per segment. One field per line, so tests can swap single values.
constexpr std::string_view kSyntheticOffer = R"json({
  "id": "off_SYN",
  "live_mode": false,
  "total_currency": "EUR",
  "total_amount": "1234.56",
  "base_currency": "EUR",
  "base_amount": "1000.00",
  "tax_amount": "234.56",
  "tax_currency": "EUR",
  "total_emissions_kg": "1234",
  "owner": {"id": "aln_kl", "name": "KLM", "iata_code": "KL"},
  "partial": false,
  "comparison_key": "abc==",
  "passengers": [
    {"id": "pas_1", "type": "adult", "age": null, "fare_type": null},
    {"id": "pas_2", "type": "adult"},
    {"id": "pas_3", "type": "child", "age": 9},
    {"id": "pas_4", "type": "infant_without_seat", "age": 1}
  ],
  "conditions": {
    "refund_before_departure": null,
    "change_before_departure": {"allowed": false, "penalty_amount": null, "penalty_currency": null}
  },
  "slices": [
    {
      "id": "sli_1",
      "fare_brand_name": "Light",
      "duration": "PT11H00M",
      "ngs_shelf": 1,
      "segments": [
        {
          "id": "seg_A",
          "origin": {"iata_code": "LHR", "time_zone": "Europe/London", "city": {"iata_code": "LON"}},
          "destination": {"iata_code": "AMS", "time_zone": "Europe/Amsterdam"},
          "origin_terminal": "4",
          "destination_terminal": null,
          "departing_at": "2024-05-01T08:00:00",
          "arriving_at": "2024-05-01T10:20:00",
          "duration": "PT01H20M",
          "marketing_carrier": {"iata_code": "KL", "name": "KLM"},
          "marketing_carrier_flight_number": "1000",
          "operating_carrier": {"iata_code": "KL"},
          "operating_carrier_flight_number": "1000",
          "aircraft": {"iata_code": "73H", "name": "Boeing 737-800"},
          "stops": [],
          "distance": "370.1",
          "passengers": [
            {"passenger_id": "pas_1", "cabin_class": "economy", "fare_basis_code": "VLOWGB",
             "baggages": [{"type": "checked", "quantity": 1}, {"type": "carry_on", "quantity": 1}]},
            {"passenger_id": "pas_2", "cabin_class": "economy", "fare_basis_code": "VLOWGB",
             "baggages": []}
          ]
        },
        {
          "id": "seg_B",
          "origin": {"iata_code": "AMS", "time_zone": "Europe/Amsterdam"},
          "destination": {"iata_code": "JFK", "time_zone": "America/New_York"},
          "origin_terminal": null,
          "destination_terminal": "4",
          "departing_at": "2024-05-01T12:00:00",
          "arriving_at": "2024-05-01T14:00:00",
          "duration": "PT08H00M",
          "marketing_carrier": {"iata_code": "KL"},
          "marketing_carrier_flight_number": "6055",
          "operating_carrier": {"iata_code": "DL"},
          "operating_carrier_flight_number": "49",
          "aircraft": {"iata_code": "359"},
          "stops": [],
          "passengers": [
            {"passenger_id": "pas_1", "cabin_class": "premium_economy", "fare_basis_code": "WLOW",
             "baggages": [{"type": "checked", "quantity": 2}, {"type": "carry_on", "quantity": 1}]}
          ]
        }
      ]
    },
    {
      "id": "sli_2",
      "fare_brand_name": "Standard",
      "duration": "PT07H10M",
      "segments": [
        {
          "id": "seg_C",
          "origin": {"iata_code": "JFK", "time_zone": "America/New_York"},
          "destination": {"iata_code": "LHR", "time_zone": "Europe/London"},
          "origin_terminal": "7",
          "destination_terminal": "5",
          "departing_at": "2024-05-08T18:00:00",
          "arriving_at": "2024-05-09T06:10:00",
          "duration": "PT07H10M",
          "marketing_carrier": {"iata_code": "BA"},
          "marketing_carrier_flight_number": "112",
          "operating_carrier": {"iata_code": "BA"},
          "operating_carrier_flight_number": "112",
          "aircraft": {"iata_code": "777"},
          "stops": [{"id": "sto_1", "airport": {"iata_code": "SNN"}, "departing_at": "2024-05-08T23:00:00", "arriving_at": "2024-05-08T22:00:00", "duration": "PT1H"}],
          "passengers": [
            {"passenger_id": "pas_1", "cabin_class": "economy", "fare_basis_code": "OLOW",
             "cabin": {"name": "economy", "marketing_name": "Economy", "amenities": {"wifi": null}},
             "baggages": [{"type": "checked", "quantity": 1}]}
          ]
        }
      ]
    }
  ],
  "available_services": [{"id": "ase_1", "type": "baggage", "total_amount": "20.00"}],
  "private_fares": [],
  "supported_loyalty_programmes": [],
  "payment_requirements": {"requires_instant_payment": false}
})json";

std::string Synthetic(std::string_view id = "off_SYN") {
  std::string quoted(1, '"');
  quoted.append(id).push_back('"');
  return Replace(std::string(kSyntheticOffer), "\"off_SYN\"", quoted);
}

// A single-offer response (`GET /air/offers/{id}`).
std::string Single(const std::string& offer) { return R"({"data":)" + offer + "}"; }

std::string ListPage(const std::vector<std::string>& offers, std::string_view after = "null") {
  std::string json = R"({"meta":{"limit":50,"after":)" + std::string(after) + R"(},"data":[)";
  for (std::size_t i = 0; i < offers.size(); ++i) {
    if (i) json += ',';
    json += offers[i];
  }
  return json + "]}";
}

// Rewrites JSON through simdjson's DOM: keys reversed when `reverse`, and an unknown field with
// nested content added to every object when `inject`. Scalars keep their exact text.
void Rewrite(simdjson::dom::element element, bool reverse, bool inject, std::string& out) {
  if (element.is_object()) {
    std::vector<std::pair<std::string_view, simdjson::dom::element>> fields;
    for (simdjson::dom::key_value_pair field : element.get_object()) {
      fields.emplace_back(field.key, field.value);
    }
    if (reverse) std::reverse(fields.begin(), fields.end());
    out += '{';
    bool first = true;
    if (inject) {
      out += R"("x_unknown":{"a":[1,2.5e3,"s\"q",null,true,{"b":[]}],"id":"not_this"})";
      first = false;
    }
    for (const auto& [key, value] : fields) {
      if (!first) out += ',';
      first = false;
      out += '"';
      out += key;
      out += "\":";
      Rewrite(value, reverse, inject, out);
    }
    out += '}';
  } else if (element.is_array()) {
    out += '[';
    bool first = true;
    for (simdjson::dom::element item : element.get_array()) {
      if (!first) out += ',';
      first = false;
      Rewrite(item, reverse, inject, out);
    }
    out += ']';
  } else {
    out += simdjson::minify(element);
  }
}

std::string Rewritten(const std::string& json, bool reverse, bool inject) {
  simdjson::dom::parser parser;
  std::string out;
  Rewrite(parser.parse(json), reverse, inject, out);
  return out;
}

// Every canonical field of an offer as text, to compare parses of equivalent payloads.
std::string Describe(const Offer& o) {
  std::ostringstream s;
  auto money = [&s](const Money& m) { s << m.minor << ' ' << m.currency.str() << ' '; };
  s << o.supplier << ' ' << o.supplier_offer_id << ' ' << o.validating_carrier.str() << ' ';
  money(o.total);
  money(o.base);
  for (const PassengerPrice& p : o.passenger_prices) {
    s << static_cast<int>(p.type) << 'x' << p.count << ' ';
    money(p.total_each);
  }
  s << CabinName(o.cabin) << ' ' << o.fare_brand << " bags " << o.bags.checked_pieces << '/'
    << o.bags.checked_weight_kg << '/' << o.bags.cabin_pieces << " cond "
    << static_cast<int>(o.conditions.refundable) << static_cast<int>(o.conditions.changeable)
    << ' ';
  money(o.conditions.refund_penalty);
  money(o.conditions.change_penalty);
  s << "co2 " << o.supplier_co2_grams << ' ' << o.co2_grams << ' ' << o.dedupe_key << '\n';
  for (const Slice& slice : o.slices) {
    s << " slice " << slice.fare_brand << ' ' << slice.supplier_duration_minutes << ' '
      << slice.duration_minutes << ' ' << slice.stops << '\n';
    for (const Segment& g : slice.segments) {
      s << "  " << g.supplier_segment_id << ' ' << g.origin.str() << '-' << g.destination.str()
        << ' ' << g.origin_terminal << '/' << g.destination_terminal << ' ' << g.departure_local
        << ' ' << g.arrival_local << ' ' << g.marketing_carrier.str() << g.marketing_flight_number
        << ' ' << g.operating_carrier.str() << g.operating_flight_number << ' ' << g.aircraft_code
        << ' ' << CabinName(g.cabin) << ' ' << g.fare_basis << ' ' << g.technical_stops << ' '
        << g.supplier_duration_minutes << ' ' << g.supplier_origin_zone << ' '
        << g.supplier_destination_zone << ' ' << g.duration_minutes << '\n';
    }
  }
  return s.str();
}

SearchRequest AnyRouteRequest() {
  SearchRequest request;  // no slices: the route is not checked
  request.currency = CurrencyCode::Parse("GBP");
  return request;
}

class DuffelOffersParserTest : public ::testing::Test {
 public:
  // Parses `json` into a fresh batch; the payload is kept alive with the test.
  Result<void> Parse(std::string json, PageInfo* page = nullptr) {
    payloads_.push_back(std::make_unique<simdjson::padded_string>(json));
    batch_ = std::make_unique<OfferBatch>(arena_.resource());
    return ParseOffers(*payloads_.back(), parser_, enricher_, arena_, /*supplier=*/3, *batch_,
                       page);
  }
  const OfferBatch& batch() const { return *batch_; }
  const Offer& only_offer() const {
    EXPECT_EQ(batch_->offers.size(), 1u);
    return batch_->offers.front();
  }
  std::string DescribeAll() const {
    std::string text;
    for (const Offer& offer : batch_->offers) text += Describe(offer);
    return text;
  }

 protected:
  SearchRequest request_ = AnyRouteRequest();
  Enricher enricher_{request_, refdata::FxRates::Builtin()};
  Arena arena_;
  simdjson::ondemand::parser parser_;
  std::deque<std::unique_ptr<simdjson::padded_string>> payloads_;
  std::unique_ptr<OfferBatch> batch_;
};

// --- The published fixtures ---------------------------------------------------------------

TEST_F(DuffelOffersParserTest, MockV2OfferFillsEveryCanonicalField) {
  PageInfo page;
  ASSERT_TRUE(Parse(ReadSpec("js-client-mocks/offer.json"), &page));
  EXPECT_EQ(batch().received, 1);
  EXPECT_EQ(batch().dropped_total(), 0) << batch().first_drop_detail;
  // The mock departs and arrives at the same minute at the same airport: a zero-length flight.
  // The Enricher drops only arrivals before departures, so the offer is kept.
  const Offer& o = only_offer();
  EXPECT_EQ(page.offer_request_id, "");  // a single offer, not an offer request
  EXPECT_EQ(page.after, "");

  EXPECT_EQ(o.supplier, 3);
  EXPECT_EQ(o.supplier_offer_id, "off_00009htYpSCXrwaB9DnUm0");
  EXPECT_EQ(o.validating_carrier, AirlineCode::Parse("BA"));
  EXPECT_EQ(o.total, Amount(4500, "GBP"));
  EXPECT_EQ(o.base, Amount(3020, "GBP"));
  ASSERT_EQ(o.passenger_prices.size(), 1u);
  EXPECT_EQ(o.passenger_prices[0].type, PassengerType::kAdult);
  EXPECT_EQ(o.passenger_prices[0].count, 1);
  EXPECT_FALSE(o.passenger_prices[0].total_each.currency.valid());
  EXPECT_EQ(o.supplier_co2_grams, 460000);
  EXPECT_EQ(o.co2_grams, 460000);
  EXPECT_FALSE(o.co2_estimated);
  EXPECT_EQ(o.cabin, Cabin::kEconomy);
  EXPECT_EQ(o.fare_brand, "Basic");
  EXPECT_EQ(o.bags.checked_pieces, 1);
  EXPECT_EQ(o.bags.cabin_pieces, 0);  // the allowance lists no carry-on
  EXPECT_EQ(o.bags.checked_weight_kg, kUnknownCount);
  EXPECT_EQ(o.conditions.refundable, Tristate::kYes);
  EXPECT_EQ(o.conditions.changeable, Tristate::kYes);
  EXPECT_EQ(o.conditions.refund_penalty, Amount(10000, "GBP"));
  EXPECT_EQ(o.conditions.change_penalty, Amount(10000, "GBP"));
  EXPECT_EQ(o.seats_available, kUnknownCount);

  ASSERT_EQ(o.slices.size(), 1u);
  const Slice& slice = o.slices[0];
  EXPECT_EQ(slice.fare_brand, "Basic");
  EXPECT_EQ(slice.supplier_duration_minutes, 146);
  ASSERT_EQ(slice.segments.size(), 1u);
  const Segment& s = slice.segments[0];
  EXPECT_EQ(s.supplier_segment_id, "seg_00009htYpSCXrwaB9Dn456");
  EXPECT_EQ(s.origin, LocationCode::Parse("LHR"));
  EXPECT_EQ(s.destination, LocationCode::Parse("LHR"));
  EXPECT_EQ(s.origin_terminal, "B");
  EXPECT_EQ(s.destination_terminal, "5");
  EXPECT_EQ(s.departure_local, LocalTime("2020-06-13T16:38"));
  EXPECT_EQ(s.arrival_local, LocalTime("2020-06-13T16:38"));
  EXPECT_EQ(s.marketing_carrier, AirlineCode::Parse("BA"));
  EXPECT_EQ(s.marketing_flight_number, "1234");
  EXPECT_EQ(s.operating_carrier, AirlineCode::Parse("BA"));
  EXPECT_EQ(s.operating_flight_number, "4321");
  EXPECT_EQ(s.aircraft_code, "380");
  EXPECT_EQ(s.cabin, Cabin::kEconomy);
  EXPECT_EQ(s.booking_class, "");  // Duffel does not expose the RBD
  EXPECT_EQ(s.fare_basis, "KLWC10A");
  EXPECT_EQ(s.technical_stops, 0);
  EXPECT_EQ(s.supplier_duration_minutes, 146);
  EXPECT_EQ(s.supplier_origin_zone, ZoneIndex("Europe/London"));
  EXPECT_EQ(s.supplier_destination_zone, ZoneIndex("Europe/London"));
  // Derived by the Enricher: the mock leaves and lands at the same minute at LHR, but states
  // 2h26; a stated duration wins over the local times and our zones (the disagreement is counted).
  EXPECT_EQ(s.duration_minutes, 146);
  EXPECT_FALSE(s.codeshare);
  EXPECT_EQ(slice.origin, LocationCode::Parse("LHR"));
  EXPECT_EQ(o.total_requested, Amount(4500, "GBP"));
  EXPECT_EQ(o.per_adult_requested, Amount(4500, "GBP"));
}

TEST_F(DuffelOffersParserTest, CreateOfferRequestFixture) {
  PageInfo page;
  ASSERT_TRUE(Parse(ReadSpec("python-fixtures/create-offer-request.json"), &page));
  EXPECT_EQ(batch().received, 1);
  EXPECT_EQ(page.offer_request_id, "orq_00009hjdomFOCJyxHG7k7k");
  EXPECT_EQ(page.after, "");
  const Offer& o = only_offer();
  EXPECT_EQ(o.supplier_offer_id, "off_00009htYpSCXrwaB9DnUm0");
  EXPECT_EQ(o.total, Amount(4500, "GBP"));
  ASSERT_EQ(o.slices.size(), 1u);
  ASSERT_EQ(o.slices[0].segments.size(), 1u);
  const Segment& s = o.slices[0].segments[0];
  EXPECT_EQ(s.origin, LocationCode::Parse("LHR"));
  EXPECT_EQ(s.destination, LocationCode::Parse("JFK"));
  EXPECT_EQ(s.fare_basis, "OXZ0RO");
  EXPECT_EQ(s.supplier_destination_zone, ZoneIndex("America/New_York"));
  // 16:38 in London (BST) to 16:38 in New York (EDT) is five hours by our zones; the fixture
  // states 2h26, which wins, and LHR and JFK are counted as disputed.
  EXPECT_EQ(s.duration_minutes, 146);
  EXPECT_EQ(batch().zone_disagreements.total(), 2);
  EXPECT_EQ(o.conditions.refundable, Tristate::kYes);
}

TEST_F(DuffelOffersParserTest, GetOfferRequestByIdFixture) {
  PageInfo page;
  ASSERT_TRUE(Parse(ReadSpec("python-fixtures/get-offer-request-by-id.json"), &page));
  EXPECT_EQ(batch().received, 1);
  EXPECT_EQ(page.offer_request_id, "orq_00009hjdomFOCJyxHG7k7k");
  const Offer& o = only_offer();
  EXPECT_EQ(o.supplier_offer_id, "off_00009htYpSCXrwaB9DnUm0");
  EXPECT_EQ(o.validating_carrier, AirlineCode::Parse("BA"));
  EXPECT_EQ(o.supplier_co2_grams, 460000);
}

TEST_F(DuffelOffersParserTest, GetOffersListPageFixtureWithCursor) {
  PageInfo page;
  ASSERT_TRUE(Parse(ReadSpec("python-fixtures/get-offers.json"), &page));
  EXPECT_EQ(page.after, "g2wAAAACbQAAABBBZXJvbWlzdC1LaGFya2l2bQAAAB=");
  EXPECT_EQ(page.offer_request_id, "");
  EXPECT_EQ(batch().received, 1);
  const Offer& o = only_offer();
  ASSERT_EQ(o.slices.size(), 2u);
  EXPECT_EQ(o.slices[1].segments[0].supplier_segment_id, "seg_0000AEfTff29Oo8LXf7FYG");
  EXPECT_EQ(o.slices[1].fare_brand, "Basic");
  EXPECT_EQ(o.base, Amount(3020, "GBP"));
}

TEST_F(DuffelOffersParserTest, GetOfferByIdFixture) {
  PageInfo page;
  ASSERT_TRUE(Parse(ReadSpec("python-fixtures/get-offer-by-id.json"), &page));
  EXPECT_EQ(page.offer_request_id, "");
  const Offer& o = only_offer();
  EXPECT_EQ(o.supplier_offer_id, "off_00009htYpSCXrwaB9DnUm0");
  EXPECT_EQ(o.slices[0].segments[0].marketing_flight_number, "1234");
  EXPECT_EQ(o.slices[0].segments[0].operating_flight_number, "4321");
}

TEST_F(DuffelOffersParserTest, WorksWithoutPageInfo) {
  ASSERT_TRUE(Parse(ReadSpec("python-fixtures/get-offers.json")));
  EXPECT_EQ(batch().offers.size(), 1u);
}

struct ErrorCase {
  const char* file;
  ErrorCode code;
  const char* message;
  const char* field;
};

TEST_F(DuffelOffersParserTest, ErrorEnvelopesBecomeErrors) {
  const ErrorCase cases[] = {
      {"airline_error", ErrorCode::kIo,
       "duffel airline_error airline_unknown: The airline responded with an unexpected error. "
       "Please contact us. (Unexpected Airline Error)",
       ""},
      {"api_error", ErrorCode::kIo, "duffel api_error internal_server_error: Something went wrong.",
       ""},
      {"authentication_error", ErrorCode::kUnsupported,
       "duffel authentication_error missing_authorization_header: The 'Authorization' header "
       "needs to be set and contain a valid API token. (Missing authorization header)",
       ""},
      {"invalid_request_error", ErrorCode::kInvalidArgument,
       "duffel invalid_request_error missing_version_header: The 'Duffel-Version' header needs "
       "to be set to a valid API version. (Missing version header)",
       ""},
      {"invalid_state_error", ErrorCode::kInvalidArgument,
       "duffel invalid_state_error invalid_order_create_type: The specified `type` was "
       "incorrect. (Invalid order create type)",
       ""},
      {"rate_limit_error", ErrorCode::kIo,
       "duffel rate_limit_error rate_limit_exceeded: Too many requests hit the API too quickly.",
       ""},
      {"validation_error", ErrorCode::kInvalidArgument,
       "duffel validation_error validation_required: Field 'slices' can't be blank (Required "
       "field)",
       "/slices"},
  };
  for (const ErrorCase& c : cases) {
    SCOPED_TRACE(c.file);
    PageInfo page;
    Result<void> result =
        Parse(ReadSpec(std::string("ruby-fixtures/errors/") + c.file + ".json"), &page);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, c.code);
    EXPECT_EQ(result.error().message.rfind(c.message, 0), 0u) << result.error().message;
    EXPECT_EQ(result.error().field, c.field);
    EXPECT_TRUE(batch().offers.empty());
  }
}

TEST_F(DuffelOffersParserTest, ErrorsAfterDataDiscardTheOffers) {
  std::string json = ListPage({Synthetic()});
  json.pop_back();  // the closing brace
  json += R"(,"errors":[{"type":"api_error","code":"x","message":"late"}]})";
  Result<void> result = Parse(json);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "duffel api_error x: late");
  EXPECT_TRUE(batch().offers.empty());
  EXPECT_EQ(batch().received, 0);
}

TEST_F(DuffelOffersParserTest, NullOrEmptyErrorsAreNotAnError) {
  ASSERT_TRUE(Parse(R"({"errors":null,"data":[]})"));
  ASSERT_TRUE(Parse(R"({"data":[],"errors":[]})"));
}

// --- The synthetic offer: every field, nulls, order, unknown fields -----------------------

TEST_F(DuffelOffersParserTest, SyntheticOfferEveryField) {
  ASSERT_TRUE(Parse(ListPage({Synthetic()}, R"("cursor_2")")));
  const Offer& o = only_offer();
  EXPECT_EQ(o.validating_carrier, AirlineCode::Parse("KL"));
  EXPECT_EQ(o.total, Amount(123456, "EUR"));
  EXPECT_EQ(o.base, Amount(100000, "EUR"));
  ASSERT_EQ(o.passenger_prices.size(), 3u);
  EXPECT_EQ(o.passenger_prices[0].type, PassengerType::kAdult);
  EXPECT_EQ(o.passenger_prices[0].count, 2);
  EXPECT_EQ(o.passenger_prices[1].type, PassengerType::kChild);
  EXPECT_EQ(o.passenger_prices[1].count, 1);
  EXPECT_EQ(o.passenger_prices[2].type, PassengerType::kInfant);
  EXPECT_EQ(o.passenger_prices[2].count, 1);
  // 1234 kg over three seats; the infant on a lap takes no share.
  EXPECT_EQ(o.supplier_co2_grams, 411333);
  EXPECT_EQ(o.cabin, Cabin::kPremiumEconomy);  // the longest segment, AMS-JFK
  EXPECT_EQ(o.fare_brand, "Light");
  EXPECT_EQ(o.bags.checked_pieces, 1);  // least generous: 1, 2, 1
  EXPECT_EQ(o.bags.cabin_pieces, 0);    // 1, 1, none listed
  EXPECT_EQ(o.conditions.refundable, Tristate::kUnknown);
  EXPECT_EQ(o.conditions.changeable, Tristate::kNo);
  EXPECT_FALSE(o.conditions.change_penalty.currency.valid());

  ASSERT_EQ(o.slices.size(), 2u);
  EXPECT_EQ(o.slices[0].fare_brand, "Light");
  EXPECT_EQ(o.slices[0].supplier_duration_minutes, 660);
  EXPECT_EQ(o.slices[1].fare_brand, "Standard");
  ASSERT_EQ(o.slices[0].segments.size(), 2u);
  const Segment& a = o.slices[0].segments[0];
  const Segment& b = o.slices[0].segments[1];
  const Segment& c = o.slices[1].segments[0];
  EXPECT_EQ(a.destination_terminal, "");
  EXPECT_EQ(b.origin_terminal, "");
  EXPECT_EQ(b.marketing_carrier, AirlineCode::Parse("KL"));
  EXPECT_EQ(b.marketing_flight_number, "6055");
  EXPECT_EQ(b.operating_carrier, AirlineCode::Parse("DL"));
  EXPECT_EQ(b.operating_flight_number, "49");
  EXPECT_TRUE(b.codeshare);
  EXPECT_EQ(b.cabin, Cabin::kPremiumEconomy);
  EXPECT_EQ(b.fare_basis, "WLOW");
  EXPECT_EQ(b.duration_minutes, 480);
  EXPECT_EQ(c.technical_stops, 1);
  EXPECT_EQ(c.aircraft_code, "777");
  EXPECT_EQ(c.arrival_local, LocalTime("2024-05-09T06:10"));
  EXPECT_EQ(c.duration_minutes, 430);
  EXPECT_EQ(o.slices[0].stops, 1);
  EXPECT_EQ(o.slices[1].stops, 1);  // the technical stop
  ASSERT_EQ(o.slices[0].layovers.size(), 1u);
  EXPECT_EQ(o.slices[0].layovers[0].minutes, 100);
}

TEST_F(DuffelOffersParserTest, NullInEveryNullableField) {
  std::string json = Synthetic();
  json = Replace(json, R"("base_amount": "1000.00")", R"("base_amount": null)");
  json = Replace(json, R"("base_currency": "EUR")", R"("base_currency": null)");
  json = Replace(json, R"("total_emissions_kg": "1234")", R"("total_emissions_kg": null)");
  json = Replace(json, R"("owner": {"id": "aln_kl", "name": "KLM", "iata_code": "KL"})",
                 R"("owner": null)");
  json = Replace(
      json,
      R"("change_before_departure": {"allowed": false, "penalty_amount": null, "penalty_currency": null})",
      R"("change_before_departure": null)");
  json = Replace(json, R"("fare_brand_name": "Light")", R"("fare_brand_name": null)");
  json = Replace(json, R"("duration": "PT11H00M")", R"("duration": null)");
  json = Replace(json, R"("duration": "PT01H20M")", R"("duration": null)");
  json = Replace(json, R"("origin_terminal": "4")", R"("origin_terminal": null)");
  json =
      Replace(json, R"("operating_carrier": {"iata_code": "DL"})", R"("operating_carrier": null)");
  json = Replace(json, R"("operating_carrier_flight_number": "49")",
                 R"("operating_carrier_flight_number": null)");
  json = Replace(json, R"("aircraft": {"iata_code": "359"})", R"("aircraft": null)");
  json = Replace(json, R"("aircraft": {"iata_code": "777"})", R"("aircraft": {"iata_code": null})");
  json = Replace(json, R"("stops": [])", R"("stops": null)");
  json = Replace(json, R"("fare_basis_code": "OLOW")", R"("fare_basis_code": null)");
  json = Replace(json, R"("cabin_class": "premium_economy")", R"("cabin_class": null)");
  json = Replace(
      json,
      R"("baggages": [{"type": "checked", "quantity": 2}, {"type": "carry_on", "quantity": 1}])",
      R"("baggages": null)");
  json = Replace(json, R"("time_zone": "America/New_York")", R"("time_zone": null)");
  ASSERT_TRUE(Parse(Single(json)));
  ASSERT_EQ(batch().offers.size(), 1u) << batch().first_drop_detail;
  const Offer& o = only_offer();
  EXPECT_FALSE(o.validating_carrier.valid());
  EXPECT_FALSE(o.base.currency.valid());
  EXPECT_EQ(o.supplier_co2_grams, -1);
  EXPECT_TRUE(o.co2_estimated);
  EXPECT_EQ(o.conditions.changeable, Tristate::kUnknown);
  EXPECT_EQ(o.fare_brand, "");
  EXPECT_EQ(o.slices[0].supplier_duration_minutes, -1);
  EXPECT_EQ(o.bags.checked_pieces, kUnknownCount);  // AMS-JFK says nothing
  const Segment& a = o.slices[0].segments[0];
  const Segment& b = o.slices[0].segments[1];
  const Segment& c = o.slices[1].segments[0];
  EXPECT_EQ(a.origin_terminal, "");
  EXPECT_EQ(a.supplier_duration_minutes, -1);
  EXPECT_EQ(a.technical_stops, 0);
  EXPECT_EQ(b.operating_carrier, AirlineCode::Parse("KL"));  // no operating carrier: not shared
  EXPECT_FALSE(b.codeshare);
  EXPECT_EQ(b.operating_flight_number, "");
  EXPECT_EQ(b.aircraft_code, "");
  EXPECT_EQ(b.cabin, Cabin::kUnknown);
  EXPECT_EQ(b.supplier_destination_zone, kNoTimeZone);
  EXPECT_EQ(c.aircraft_code, "");
  EXPECT_EQ(c.fare_basis, "");
  EXPECT_EQ(c.cabin, Cabin::kEconomy);
  EXPECT_EQ(c.supplier_origin_zone, kNoTimeZone);
}

TEST_F(DuffelOffersParserTest, CabinFromCabinObjectWhenNoCabinClass) {
  std::string json = Replace(Synthetic(), R"("cabin_class": "economy", "fare_basis_code": "OLOW")",
                             R"("fare_basis_code": "OLOW")");
  json = Replace(json, R"({"name": "economy", "marketing_name": "Economy")",
                 R"({"name": "business", "marketing_name": "Club")");
  ASSERT_TRUE(Parse(Single(json)));
  EXPECT_EQ(only_offer().slices[1].segments[0].cabin, Cabin::kBusiness);
}

TEST_F(DuffelOffersParserTest, PassengersWithAgeOnly) {
  std::string json =
      Replace(Synthetic(), R"("type": "adult", "age": null, "fare_type": null)", R"("age": 30)");
  json = Replace(json, R"({"id": "pas_2", "type": "adult"})", R"({"id": "pas_2", "age": 16})");
  json = Replace(json, R"("type": "child", "age": 9)", R"("type": null, "age": 1)");
  json = Replace(json, R"("type": "infant_without_seat", "age": 1)", R"("type": "senior")");
  ASSERT_TRUE(Parse(Single(json)));
  const Offer& o = only_offer();
  ASSERT_EQ(o.passenger_prices.size(), 3u);
  EXPECT_EQ(o.passenger_prices[0].count, 2);  // 30, and "senior" without age
  EXPECT_EQ(o.passenger_prices[1].count, 1);  // 16
  EXPECT_EQ(o.passenger_prices[2].count, 1);  // 1
  EXPECT_EQ(o.supplier_co2_grams, 411333);
}

TEST_F(DuffelOffersParserTest, EmissionsAsNumberAndDecimal) {
  ASSERT_TRUE(Parse(Single(Replace(Synthetic(), R"("total_emissions_kg": "1234")",
                                   R"("total_emissions_kg": 1234.5 )"))));
  EXPECT_EQ(only_offer().supplier_co2_grams, 411500);
}

TEST_F(DuffelOffersParserTest, TimesWithFractionsAndZoneDesignators) {
  std::string json =
      Replace(Synthetic(), R"("2024-05-01T08:00:00")", R"("2024-05-01T08:00:00.000")");
  json = Replace(json, R"("2024-05-01T10:20:00")", R"("2024-05-01T10:20:00Z")");
  json = Replace(json, R"("2024-05-01T12:00:00")", R"("2024-05-01T12:00:00+02:00")");
  json = Replace(json, R"("2024-05-01T14:00:00")", R"("2024-05-01T14:00:00.5-0400")");
  ASSERT_TRUE(Parse(Single(json)));
  const Slice& s = only_offer().slices[0];
  EXPECT_EQ(s.segments[0].departure_local, LocalTime("2024-05-01T08:00"));
  EXPECT_EQ(s.segments[0].arrival_local, LocalTime("2024-05-01T10:20"));
  EXPECT_EQ(s.segments[1].departure_local, LocalTime("2024-05-01T12:00"));
  EXPECT_EQ(s.segments[1].arrival_local, LocalTime("2024-05-01T14:00"));
}

TEST_F(DuffelOffersParserTest, FieldOrderAndUnknownFieldsDoNotMatter) {
  const std::string files[] = {
      ReadSpec("js-client-mocks/offer.json"),
      ReadSpec("python-fixtures/create-offer-request.json"),
      ReadSpec("python-fixtures/get-offer-request-by-id.json"),
      ReadSpec("python-fixtures/get-offers.json"),
      ReadSpec("python-fixtures/get-offer-by-id.json"),
      ListPage({Synthetic("off_1"), Synthetic("off_2")}, R"("next")"),
      Single(Synthetic()),
  };
  for (const std::string& json : files) {
    PageInfo page;
    ASSERT_TRUE(Parse(json, &page));
    ASSERT_EQ(batch().offers.size(), static_cast<std::size_t>(batch().received));
    const std::string expected = DescribeAll();
    const PageInfo expected_page = page;
    for (bool reverse : {false, true}) {
      for (bool inject : {false, true}) {
        SCOPED_TRACE(std::string(reverse ? "reversed " : "") + (inject ? "unknown fields " : "") +
                     json.substr(0, 60));
        ASSERT_TRUE(Parse(Rewritten(json, reverse, inject), &page));
        EXPECT_EQ(DescribeAll(), expected);
        EXPECT_EQ(page.after, expected_page.after);
        EXPECT_EQ(page.offer_request_id, expected_page.offer_request_id);
      }
    }
  }
}

TEST_F(DuffelOffersParserTest, OffersBeforeOrAfterTheRequestId) {
  const std::string request_slices =
      R"("slices":[{"origin":{"iata_code":"LHR","type":"airport"},"destination":{"iata_code":"JFK"},"departure_date":"2024-05-01"}],"passengers":[{"id":"pas_1","type":"adult"}])";
  const std::string offers = R"("offers":[)" + Synthetic("off_1") + "," + Synthetic("off_2") + "]";
  const std::string shapes[] = {
      R"({"data":{"id":"orq_1",)" + request_slices + "," + offers + "}}",
      R"({"data":{)" + offers + R"(,"id":"orq_1",)" + request_slices + "}}",
      R"({"data":{)" + request_slices + "," + offers + R"(,"id":"orq_1"}})",
      R"({"meta":null,"data":{)" + request_slices + R"(,"id":"orq_1",)" + offers + "}}",
  };
  for (const std::string& json : shapes) {
    PageInfo page;
    ASSERT_TRUE(Parse(json, &page)) << json.substr(0, 200);
    EXPECT_EQ(page.offer_request_id, "orq_1");
    ASSERT_EQ(batch().offers.size(), 2u) << batch().first_drop_detail;
    EXPECT_EQ(batch().offers[1].supplier_offer_id, "off_2");
  }
}

TEST_F(DuffelOffersParserTest, OfferRequestWithoutOffersYet) {
  PageInfo page;
  ASSERT_TRUE(Parse(R"({"data":{"id":"orq_2","offers":null,"slices":[]}})", &page));
  EXPECT_EQ(page.offer_request_id, "orq_2");
  EXPECT_EQ(batch().received, 0);
  ASSERT_TRUE(Parse(R"({"data":{"slices":[],"id":"orq_3","offers":[]}})", &page));
  EXPECT_EQ(page.offer_request_id, "orq_3");
}

TEST_F(DuffelOffersParserTest, EscapedStringsAreUnescapedIntoTheArena) {
  std::string json = Replace(Synthetic(), R"("id": "off_SYN")", R"("id": "off_\u0041B")");
  json = Replace(json, R"("fare_brand_name": "Light")", R"("fare_brand_name": "Light \"Saver\"")");
  ASSERT_TRUE(Parse(Single(json)));
  EXPECT_EQ(only_offer().supplier_offer_id, "off_AB");
  EXPECT_EQ(only_offer().fare_brand, "Light \"Saver\"");
}

// Offers as Duffel sends them are read from simdjson's token index; an offer with anything else
// (here an escaped string and a quantity sent as a string, after most of the offer) is read again
// by the On-Demand reader, and must come out the same as its plain twin, in a list page between
// plain offers.
TEST_F(DuffelOffersParserTest, AnOfferReadAgainAfterAnUnusualValueComesOutTheSame) {
  std::string unusual = Synthetic("off_2");
  unusual = Replace(unusual, R"("fare_basis_code": "OLOW")", R"("fare_basis_code": "O\u004cOW")");
  unusual = Replace(unusual, R"("baggages": [{"type": "checked", "quantity": 1}]})",
                    R"("baggages": [{"type": "checked", "quantity": "1"}]})");
  ASSERT_TRUE(Parse(ListPage({Synthetic("off_1"), unusual, Synthetic("off_3")})));
  ASSERT_EQ(batch().offers.size(), 3u);
  const std::string plain = Describe(batch().offers[0]);
  std::string second = Describe(batch().offers[1]);
  std::string third = Describe(batch().offers[2]);
  second = Replace(second, "off_2", "off_1");
  third = Replace(third, "off_3", "off_1");
  EXPECT_EQ(second, plain);
  EXPECT_EQ(third, plain);
  EXPECT_EQ(batch().offers[1].slices[1].segments[0].fare_basis, "OLOW");
}

// Airports and carriers repeat from offer to offer, and one read before is not read again when
// its text repeats to the byte. One that differs only in its code, at the same length, is read
// anew, and the first comes back unchanged after it.
TEST_F(DuffelOffersParserTest, APlaceOrCarrierThatRepeatsIsReadAsTheFirstTime) {
  std::string other = Synthetic("off_2");
  other = Replace(other, R"("origin": {"iata_code": "LHR", "time_zone": "Europe/London")",
                  R"("origin": {"iata_code": "LGW", "time_zone": "Europe/Berlin")");
  other = Replace(other, R"("marketing_carrier": {"iata_code": "KL", "name": "KLM"})",
                  R"("marketing_carrier": {"iata_code": "KQ", "name": "KQA"})");
  ASSERT_TRUE(Parse(ListPage({Synthetic("off_1"), other, Synthetic("off_3")})));
  ASSERT_EQ(batch().offers.size(), 3u);
  const Segment& first = batch().offers[0].slices[0].segments[0];
  const Segment& changed = batch().offers[1].slices[0].segments[0];
  EXPECT_EQ(first.origin, LocationCode::Parse("LHR"));
  EXPECT_EQ(first.supplier_origin_zone, ZoneIndex("Europe/London"));
  EXPECT_EQ(first.marketing_carrier, AirlineCode::Parse("KL"));
  EXPECT_EQ(first.marketing_carrier_name, "KLM");
  EXPECT_EQ(changed.origin, LocationCode::Parse("LGW"));
  EXPECT_EQ(changed.supplier_origin_zone, ZoneIndex("Europe/Berlin"));
  EXPECT_EQ(changed.marketing_carrier, AirlineCode::Parse("KQ"));
  EXPECT_EQ(changed.marketing_carrier_name, "KQA");
  std::string third = Describe(batch().offers[2]);
  third = Replace(third, "off_3", "off_1");
  EXPECT_EQ(third, Describe(batch().offers[0]));
}

// --- Drops: each counted, siblings survive -------------------------------------------------

TEST_F(DuffelOffersParserTest, EachDropReasonCountedAndSiblingsSurvive) {
  const std::string good = Synthetic("off_good1");
  ASSERT_FALSE(refdata::FxRates::Builtin().PerEur(CurrencyCode::Parse("XYZ")).has_value());
  const std::vector<std::string> offers = {
      good,
      Replace(Synthetic(), R"("id": "off_SYN",)", ""),  // missing
      Replace(Synthetic(), R"("total_amount": "1234.56")", R"("total_amount": 1234.56)"),  // type
      Replace(Synthetic(), R"("2024-05-01T12:00:00")", R"("2024-05-01 noon")"),            // bad
      Replace(Synthetic(), R"("id": "seg_C",)", R"("id": "seg_C", "x": [{"y": 1}],)"),     // fine
      R"({"id":"off_empty","total_amount":"1.00","total_currency":"EUR","slices":[]})",   // incons.
      Replace(Synthetic(), R"("marketing_carrier_flight_number": "6055",)", ""),          // missing
      Replace(Synthetic(), R"("total_currency": "EUR")", R"("total_currency": "EURO")"),  // bad
      Replace(Synthetic(), R"("2024-05-09T06:10:00")", R"("2024-05-08T06:10:00")"),       // enrich
      Replace(Synthetic(), R"("total_currency": "EUR")", R"("total_currency": "XYZ")"),   // no fx
      R"("not an offer")",                                                                // type
      "null",                                                                             // missing
      Replace(Synthetic(), R"("origin": {"iata_code": "AMS", "time_zone": "Europe/Amsterdam"})",
              R"("origin": "AMS")"),  // type
      Synthetic("off_good2"),
      Replace(Synthetic(), R"("iata_code": "LHR", "time_zone")",
              R"("iata_code": "L1R", "time_zone")"),
      Replace(Synthetic(), R"("marketing_carrier": {"iata_code": "BA"})",
              R"("marketing_carrier": null)"),  // missing
  };
  const std::vector<std::string>& payload = offers;
  ASSERT_TRUE(Parse(ListPage(payload)));
  EXPECT_EQ(batch().received, static_cast<int>(payload.size()));
  ASSERT_EQ(batch().offers.size(), 3u) << batch().first_drop_detail;
  EXPECT_EQ(batch().offers[0].supplier_offer_id, "off_good1");
  EXPECT_EQ(batch().offers[1].supplier_offer_id, "off_SYN");
  EXPECT_EQ(batch().offers[2].supplier_offer_id, "off_good2");
  EXPECT_EQ(Dropped(batch(), DropReason::kMissingField), 4);
  EXPECT_EQ(Dropped(batch(), DropReason::kWrongType), 3);
  EXPECT_EQ(Dropped(batch(), DropReason::kBadValue), 4);  // date, currency x2, airport code
  EXPECT_EQ(Dropped(batch(), DropReason::kInconsistent), 2);
  EXPECT_EQ(batch().dropped_total(), batch().received - 3);
  EXPECT_EQ(batch().first_drop_detail, "missing_field: offer (no id) (#1): /id");
}

TEST_F(DuffelOffersParserTest, DropDetailNamesOfferAndPath) {
  const std::string cases[][2] = {
      {Replace(Synthetic(), R"("2024-05-01T12:00:00")", R"("noon")"),
       "bad_value: offer off_SYN (#0): /slices/0/segments/1/departing_at"},
      {Replace(Synthetic(), R"("origin": {"iata_code": "JFK", "time_zone": "America/New_York"})",
               R"("origin": {"time_zone": "America/New_York"})"),
       "missing_field: offer off_SYN (#0): /slices/1/segments/0/origin/iata_code"},
      {R"({"id":"off_e","total_amount":"1.00","total_currency":"EUR","slices":[{"segments":[]}]})",
       "inconsistent: offer off_e (#0): /slices/0/segments"},
      {R"({"id":"off_e","total_amount":"1.00","total_currency":"EUR","slices":[]})",
       "inconsistent: offer off_e (#0): /slices"},
      {R"({"id":"off_e","total_amount":"1.00","total_currency":"EUR"})",
       "missing_field: offer off_e (#0): /slices"},
      {Replace(Synthetic(), R"("total_currency": "EUR")", R"("total_currency": ["EUR"])"),
       "wrong_type: offer off_SYN (#0): /total_currency"},
      {Replace(Synthetic(), R"("marketing_carrier_flight_number": "112")",
               R"("marketing_carrier_flight_number": 112)"),
       "wrong_type: offer off_SYN (#0): /slices/1/segments/0/marketing_carrier_flight_number"},
      {Replace(Synthetic(), R"("id": "off_SYN")", R"("id": 7)"),
       "wrong_type: offer (no id) (#0): /id"},
  };
  for (const auto& [json, detail] : cases) {
    ASSERT_TRUE(Parse(ListPage({json})));
    EXPECT_EQ(batch().received, 1);
    EXPECT_TRUE(batch().offers.empty());
    EXPECT_EQ(batch().first_drop_detail, detail);
  }
}

TEST_F(DuffelOffersParserTest, DroppedSingleOfferIsCounted) {
  ASSERT_TRUE(Parse(R"({"data":{"id":"off_x","owner":null}})"));
  EXPECT_EQ(batch().received, 1);
  EXPECT_EQ(Dropped(batch(), DropReason::kMissingField), 1);
  ASSERT_TRUE(Parse(R"({"data":{}})"));
  EXPECT_EQ(Dropped(batch(), DropReason::kMissingField), 1);
}

TEST(DuffelOffersParserRouteTest, RouteMismatchIsCounted) {
  SearchRequest request;
  request.currency = CurrencyCode::Parse("EUR");
  request.slices.push_back({LocationCode::Parse("LHR"), LocationCode::Parse("CDG"), 0});
  Enricher enricher(request, refdata::FxRates::Builtin());
  Arena arena;
  OfferBatch batch(arena.resource());
  simdjson::ondemand::parser parser;
  simdjson::padded_string json(ReadSpec("python-fixtures/create-offer-request.json"));
  ASSERT_TRUE(ParseOffers(json, parser, enricher, arena, 0, batch));
  EXPECT_EQ(batch.received, 1);
  EXPECT_EQ(batch.dropped[static_cast<std::size_t>(DropReason::kRouteMismatch)], 1);
  EXPECT_NE(batch.first_drop_detail.find("off_00009htYpSCXrwaB9DnUm0"), std::string::npos);
}

// --- Broken payloads -----------------------------------------------------------------------

TEST_F(DuffelOffersParserTest, InvalidJsonAndWrongShapes) {
  const char* malformed[] = {
      "",
      "   ",
      "not json",
      R"({"data":[{]})",
      R"({"data":[1,2,,]})",
      R"({"data":[)",
      R"({"data":[]} trailing)",
      R"({"data":[]}})",
      R"({"data" [] })",
      "[]",
      R"("a string")",
      "42",
      "null",
      "{}",
      R"({"meta":{"after":null}})",
      R"({"data":null})",
      R"({"data":"offers"})",
      R"({"data":{"offers":"none"}})",
  };
  for (const char* json : malformed) {
    SCOPED_TRACE(json);
    PageInfo page;
    Result<void> result = Parse(json, &page);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::kMalformed);
    EXPECT_FALSE(result.error().message.empty());
    EXPECT_TRUE(batch().offers.empty());
    EXPECT_EQ(batch().received, 0);
  }
}

TEST_F(DuffelOffersParserTest, BrokenPayloadLeavesEarlierOffersOfTheBatchAlone) {
  ASSERT_TRUE(Parse(ListPage({Synthetic()})));
  simdjson::padded_string broken(std::string_view(R"({"data":[)" + Synthetic() + ","));
  ASSERT_FALSE(ParseOffers(broken, parser_, enricher_, arena_, 0, *batch_));
  EXPECT_EQ(batch().offers.size(), 1u);
  EXPECT_EQ(batch().received, 1);
}

// Cuts `json` at many offsets: each prefix must be reported as malformed, with no offers kept
// and no crash (run under ASan as well).
void ExpectEveryTruncationFails(DuffelOffersParserTest& test, const std::string& json,
                                std::size_t step) {
  const std::size_t end = json.find_last_of('}');
  ASSERT_NE(end, std::string::npos);
  for (std::size_t cut = 0; cut <= end; cut += step) {
    Result<void> result = test.Parse(json.substr(0, cut));
    ASSERT_FALSE(result) << "prefix of " << cut << " bytes accepted";
    EXPECT_EQ(result.error().code, ErrorCode::kMalformed) << cut;
    EXPECT_TRUE(test.batch().offers.empty()) << cut;
    EXPECT_EQ(test.batch().received, 0) << cut;
  }
}

TEST_F(DuffelOffersParserTest, TruncatedMockOfferAtEveryOffset) {
  ExpectEveryTruncationFails(*this, ReadSpec("js-client-mocks/offer.json"), 1);
}

TEST_F(DuffelOffersParserTest, TruncatedFixturesEvery211Bytes) {
  ExpectEveryTruncationFails(*this, ReadSpec("python-fixtures/create-offer-request.json"), 211);
  ExpectEveryTruncationFails(*this, ReadSpec("python-fixtures/get-offers.json"), 211);
}

TEST_F(DuffelOffersParserTest, TruncatedLargeSyntheticPageEvery211Bytes) {
  std::vector<std::string> offers;
  for (int i = 0; i < 60; ++i) offers.push_back(Synthetic("off_" + std::to_string(i)));
  const std::string json = ListPage(offers, R"("next")");
  ASSERT_TRUE(Parse(json));
  ASSERT_EQ(batch().offers.size(), 60u);
  ExpectEveryTruncationFails(*this, json, 211);
  ExpectEveryTruncationFails(*this, Rewritten(json, true, false), 211);
}

// Overwrites single bytes with structural characters: whatever the outcome, no crash, and either
// an error with no offers or a consistent batch.
TEST_F(DuffelOffersParserTest, CorruptedBytesNeverCrash) {
  const std::string json = ReadSpec("js-client-mocks/offer.json");
  const char replacements[] = {'"', '{', '}', '[', ']', ',', ':', '\\', 'x', '0', 'n', '\0'};
  for (std::size_t i = 0; i < json.size(); ++i) {
    for (char c : replacements) {
      std::string corrupted = json;
      corrupted[i] = c;
      Result<void> result = Parse(corrupted);
      if (!result) {
        ASSERT_TRUE(batch().offers.empty());
      } else {
        ASSERT_EQ(batch().offers.size() + static_cast<std::size_t>(batch().dropped_total()),
                  static_cast<std::size_t>(batch().received));
      }
    }
  }
}

}  // namespace
}  // namespace fareflow::duffel
