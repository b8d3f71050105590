#include "suppliers/amadeus/offers_parser.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <initializer_list>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>

#include "core/datetime.h"
#include "enrich/enricher.h"
#include "model/search_request.h"
#include "refdata/fx_rates.h"

namespace fareflow::amadeus {
namespace {

std::string ReadTestData(std::string_view name) {
  const std::string path =
      std::string(FAREFLOW_SOURCE_DIR) + "/tests/suppliers/amadeus/testdata/" + std::string(name);
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Minutes Local(int y, int mo, int d, int h, int mi) {
  return Minutes{DaysFromCivil(y, mo, d)} * 1440 + h * 60 + mi;
}

// Replaces the first occurrence of `from` in `s` (which must occur) by `to`.
std::string Replace(std::string s, std::string_view from, std::string_view to) {
  const std::size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

// A small valid one-way offer (LHR-DUB, one adult) to derive broken variants from.
std::string MinimalOffer(std::string_view id) {
  std::string offer = R"({"type":"flight-offer","id":"ID","source":"GDS",
    "itineraries":[{"duration":"PT1H25M","segments":[{
      "departure":{"iataCode":"LHR","terminal":"5","at":"2025-03-10T08:00:00"},
      "arrival":{"iataCode":"DUB","terminal":"2","at":"2025-03-10T09:25:00"},
      "carrierCode":"EI","number":"151","aircraft":{"code":"320"},"duration":"PT1H25M",
      "id":"1","numberOfStops":0}]}],
    "price":{"currency":"EUR","total":"99.99","base":"50.00","grandTotal":"99.99"},
    "validatingAirlineCodes":["EI"],
    "travelerPricings":[{"travelerId":"1","fareOption":"STANDARD","travelerType":"ADULT",
      "price":{"currency":"EUR","total":"99.99","base":"50.00"},
      "fareDetailsBySegment":[{"segmentId":"1","cabin":"ECONOMY","fareBasis":"ABC",
        "class":"A","includedCheckedBags":{"quantity":1}}]}]})";
  std::string quoted = "\"";
  quoted.append(id).append("\"");
  return Replace(offer, "\"ID\"", quoted);
}

std::string Payload(std::initializer_list<std::string> offers) {
  std::string out = R"({"meta":{"count":)" + std::to_string(offers.size()) + R"(},"data":[)";
  bool first = true;
  for (const std::string& o : offers) {
    if (!first) out += ',';
    first = false;
    out += o;
  }
  out += "]}";
  return out;
}

int Dropped(const OfferBatch& batch, DropReason r) {
  return batch.dropped[static_cast<std::size_t>(r)];
}

class FlightOffersParserTest : public ::testing::Test {
 protected:
  FlightOffersParserTest() : enricher_(MakeRequest(), refdata::FxRates::Builtin()) {}

  static SearchRequest MakeRequest() {
    SearchRequest request;  // no slices: the route is not checked
    request.currency = CurrencyCode::Parse("EUR");
    return request;
  }

  // Parses `json` into a fresh batch; the payload copy lives as long as the fixture.
  Result<void> Parse(std::string_view json) {
    payloads_.push_back(std::make_unique<simdjson::padded_string>(json));
    batch_ = std::make_unique<OfferBatch>(arena_.resource());
    return ParseFlightOffers(*payloads_.back(), parser_, enricher_, arena_, 3, *batch_);
  }

  const Offer* Find(std::string_view id) const {
    for (const Offer& o : batch_->offers) {
      if (o.supplier_offer_id == id) return &o;
    }
    return nullptr;
  }

  Enricher enricher_;
  Arena arena_;
  simdjson::ondemand::parser parser_;
  std::vector<std::unique_ptr<simdjson::padded_string>> payloads_;
  std::unique_ptr<OfferBatch> batch_;
};

TEST_F(FlightOffersParserTest, RoundTripEveryCanonicalField) {
  ASSERT_TRUE(Parse(ReadTestData("round_trip.json")).has_value());
  EXPECT_EQ(batch_->received, 2);
  EXPECT_EQ(batch_->dropped_total(), 0) << batch_->first_drop_detail;
  ASSERT_EQ(batch_->offers.size(), 2u);

  const Offer* o = Find("1");
  ASSERT_NE(o, nullptr);
  const CurrencyCode eur = CurrencyCode::Parse("EUR");
  EXPECT_EQ(o->supplier, 3);
  EXPECT_EQ(o->validating_carrier, AirlineCode::Parse("BA"));
  EXPECT_EQ(o->total, (Money{123456, eur}));
  EXPECT_EQ(o->base, (Money{80000, eur}));
  EXPECT_EQ(o->seats_available, 4);
  EXPECT_EQ(o->cabin, Cabin::kPremiumEconomy);  // DUB-JFK is the longest segment
  EXPECT_EQ(o->fare_brand, "ECONOMY BASIC");    // the label wins over the code
  EXPECT_EQ(o->supplier_co2_grams, (65 + 410 + 380) * 1000);
  EXPECT_EQ(o->conditions.refundable, Tristate::kUnknown);
  EXPECT_EQ(o->conditions.changeable, Tristate::kUnknown);
  // First adult: 1 piece / 50 LB (23 kg) / 2 pieces checked, 1 / 2 / 1 cabin.
  EXPECT_EQ(o->bags.checked_pieces, 1);
  EXPECT_EQ(o->bags.checked_weight_kg, 23);
  EXPECT_EQ(o->bags.cabin_pieces, 1);

  ASSERT_EQ(o->passenger_prices.size(), 3u);
  EXPECT_EQ(o->passenger_prices[0].type, PassengerType::kAdult);
  EXPECT_EQ(o->passenger_prices[0].count, 2);
  EXPECT_EQ(o->passenger_prices[0].total_each, (Money{40000, eur}));
  EXPECT_EQ(o->passenger_prices[1].type, PassengerType::kChild);
  EXPECT_EQ(o->passenger_prices[1].count, 1);
  EXPECT_EQ(o->passenger_prices[1].total_each, (Money{30000, eur}));
  EXPECT_EQ(o->passenger_prices[2].type, PassengerType::kInfant);
  EXPECT_EQ(o->passenger_prices[2].count, 1);
  EXPECT_EQ(o->passenger_prices[2].total_each, (Money{13456, eur}));

  ASSERT_EQ(o->slices.size(), 2u);
  const Slice& out = o->slices[0];
  EXPECT_EQ(out.supplier_duration_minutes, 10 * 60 + 35);
  EXPECT_EQ(out.fare_brand, "ECONOMY BASIC");
  ASSERT_EQ(out.segments.size(), 2u);
  const Segment& s0 = out.segments[0];
  EXPECT_EQ(s0.supplier_segment_id, "1");
  EXPECT_EQ(s0.origin, LocationCode::Parse("LHR"));
  EXPECT_EQ(s0.destination, LocationCode::Parse("DUB"));
  EXPECT_EQ(s0.origin_terminal, "5");
  EXPECT_EQ(s0.destination_terminal, "2");
  EXPECT_EQ(s0.departure_local, Local(2025, 3, 10, 8, 0));
  EXPECT_EQ(s0.arrival_local, Local(2025, 3, 10, 9, 25));
  EXPECT_EQ(s0.marketing_carrier, AirlineCode::Parse("BA"));
  EXPECT_EQ(s0.operating_carrier, AirlineCode::Parse("EI"));
  EXPECT_TRUE(s0.codeshare);
  EXPECT_EQ(s0.marketing_flight_number, "8926");
  EXPECT_EQ(s0.operating_flight_number, "");
  EXPECT_EQ(s0.aircraft_code, "320");
  EXPECT_EQ(s0.cabin, Cabin::kEconomy);
  EXPECT_EQ(s0.booking_class, "O");
  EXPECT_EQ(s0.fare_basis, "OLN0S2L1");
  EXPECT_EQ(s0.technical_stops, 0);
  EXPECT_EQ(s0.supplier_duration_minutes, 85);
  const Segment& s1 = out.segments[1];
  EXPECT_EQ(s1.supplier_segment_id, "2");
  EXPECT_EQ(s1.origin, LocationCode::Parse("DUB"));
  EXPECT_EQ(s1.destination, LocationCode::Parse("JFK"));
  EXPECT_EQ(s1.arrival_local, Local(2025, 3, 10, 14, 35));
  EXPECT_EQ(s1.marketing_carrier, AirlineCode::Parse("EI"));
  EXPECT_EQ(s1.operating_carrier, AirlineCode::Parse("EI"));
  EXPECT_FALSE(s1.codeshare);
  EXPECT_EQ(s1.operating_flight_number, "105");
  EXPECT_EQ(s1.cabin, Cabin::kPremiumEconomy);
  EXPECT_EQ(s1.booking_class, "W");
  EXPECT_EQ(s1.supplier_duration_minutes, 455);

  const Slice& back = o->slices[1];
  EXPECT_EQ(back.fare_brand, "STANDARD");
  EXPECT_EQ(back.supplier_duration_minutes, 430);
  ASSERT_EQ(back.segments.size(), 1u);
  const Segment& s2 = back.segments[0];
  EXPECT_EQ(s2.origin, LocationCode::Parse("JFK"));
  EXPECT_EQ(s2.destination, LocationCode::Parse("LHR"));
  EXPECT_EQ(s2.origin_terminal, "7");
  EXPECT_EQ(s2.departure_local, Local(2025, 3, 17, 18, 30));
  EXPECT_EQ(s2.arrival_local, Local(2025, 3, 18, 5, 40));
  EXPECT_EQ(s2.operating_carrier, AirlineCode::Parse("BA"));  // no operating block
  EXPECT_EQ(s2.operating_flight_number, "112");
  EXPECT_EQ(s2.aircraft_code, "77W");
  EXPECT_EQ(s2.fare_basis, "QLN0S2L1");

  const Offer* v = Find("2");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->total, (Money{201000, eur}));  // grandTotal wins over total
  EXPECT_EQ(v->validating_carrier, AirlineCode::Parse("VS"));
  EXPECT_EQ(v->conditions.refundable, Tristate::kYes);
  EXPECT_EQ(v->seats_available, 9);
  EXPECT_EQ(v->cabin, Cabin::kBusiness);
  EXPECT_EQ(v->fare_brand, "");
  EXPECT_EQ(v->supplier_co2_grams, -1);  // no segment gave a figure
  EXPECT_EQ(v->bags.checked_pieces, 2);
  EXPECT_EQ(v->bags.checked_weight_kg, kUnknownCount);
  EXPECT_EQ(v->bags.cabin_pieces, kUnknownCount);
  // ADULT and SENIOR are both adults but pay differently: two groups.
  ASSERT_EQ(v->passenger_prices.size(), 4u);
  EXPECT_EQ(v->passenger_prices[0].type, PassengerType::kAdult);
  EXPECT_EQ(v->passenger_prices[0].total_each.minor, 60000);
  EXPECT_EQ(v->passenger_prices[1].type, PassengerType::kAdult);
  EXPECT_EQ(v->passenger_prices[1].total_each.minor, 56000);
  EXPECT_EQ(v->passenger_prices[2].type, PassengerType::kChild);
  EXPECT_EQ(v->passenger_prices[3].type, PassengerType::kInfant);
}

TEST_F(FlightOffersParserTest, StringsPointIntoThePayload) {
  ASSERT_TRUE(Parse(Payload({MinimalOffer("abc")})).has_value());
  ASSERT_EQ(batch_->offers.size(), 1u);
  const std::string_view id = batch_->offers[0].supplier_offer_id;
  const simdjson::padded_string& payload = *payloads_.back();
  EXPECT_GE(id.data(), payload.data());
  EXPECT_LT(id.data(), payload.data() + payload.size());
}

TEST_F(FlightOffersParserTest, EscapedStringsAreUnescaped) {
  std::string offer = Replace(MinimalOffer("e1"), R"("fareBasis":"ABC")",
                              R"("fareBasis":"A\u0042C","brandedFareLabel":"Light \"Plus\"")");
  ASSERT_TRUE(Parse(Payload({offer})).has_value());
  ASSERT_EQ(batch_->offers.size(), 1u);
  EXPECT_EQ(batch_->offers[0].slices[0].segments[0].fare_basis, "ABC");
  EXPECT_EQ(batch_->offers[0].fare_brand, "Light \"Plus\"");
}

TEST_F(FlightOffersParserTest, ZeroAndThreeDecimalCurrencies) {
  std::string jpy = MinimalOffer("jpy");
  jpy = Replace(jpy, R"({"currency":"EUR","total":"99.99","base":"50.00","grandTotal":"99.99"})",
                R"({"currency":"JPY","total":"123456","base":"100000","grandTotal":"123456"})");
  jpy = Replace(jpy, R"({"currency":"EUR","total":"99.99","base":"50.00"})",
                R"({"currency":"JPY","total":"123456"})");
  std::string kwd = MinimalOffer("kwd");
  kwd = Replace(kwd, R"({"currency":"EUR","total":"99.99","base":"50.00","grandTotal":"99.99"})",
                R"({"currency":"KWD","total":"45.125","base":"30.5","grandTotal":"45.125"})");
  kwd = Replace(kwd, R"({"currency":"EUR","total":"99.99","base":"50.00"})",
                R"({"total":"45.125"})");  // the traveler's currency defaults to the offer's
  ASSERT_TRUE(Parse(Payload({jpy, kwd})).has_value());
  EXPECT_EQ(batch_->dropped_total(), 0) << batch_->first_drop_detail;
  const Offer* j = Find("jpy");
  ASSERT_NE(j, nullptr);
  EXPECT_EQ(j->total, (Money{123456, CurrencyCode::Parse("JPY")}));
  EXPECT_EQ(j->base, (Money{100000, CurrencyCode::Parse("JPY")}));
  ASSERT_EQ(j->passenger_prices.size(), 1u);
  EXPECT_EQ(j->passenger_prices[0].total_each, (Money{123456, CurrencyCode::Parse("JPY")}));
  const Offer* k = Find("kwd");
  ASSERT_NE(k, nullptr);
  EXPECT_EQ(k->total, (Money{45125, CurrencyCode::Parse("KWD")}));
  EXPECT_EQ(k->base, (Money{30500, CurrencyCode::Parse("KWD")}));
  ASSERT_EQ(k->passenger_prices.size(), 1u);
  EXPECT_EQ(k->passenger_prices[0].total_each, (Money{45125, CurrencyCode::Parse("KWD")}));
}

TEST_F(FlightOffersParserTest, NullsInOptionalFieldsAreAbsent) {
  const std::string offer = R"({"type":"flight-offer","id":"n1","source":null,
    "numberOfBookableSeats":null,"lastTicketingDate":null,
    "itineraries":[{"duration":null,"segments":[{
      "departure":{"iataCode":"LHR","terminal":null,"at":"2025-03-10T08:00:00"},
      "arrival":{"iataCode":"DUB","terminal":null,"at":"2025-03-10T09:25:00"},
      "carrierCode":"EI","number":"151","aircraft":null,"operating":null,"duration":null,
      "id":"1","numberOfStops":null,"co2Emissions":null,"stops":null}]}],
    "price":{"currency":"EUR","total":"99.99","base":null,"grandTotal":null,"fees":null},
    "pricingOptions":null,"validatingAirlineCodes":null,
    "travelerPricings":[{"travelerId":"1","fareOption":null,"travelerType":"ADULT",
      "price":null,
      "fareDetailsBySegment":[{"segmentId":"1","cabin":null,"fareBasis":null,"class":null,
        "brandedFare":null,"brandedFareLabel":null,"includedCheckedBags":null,
        "includedCabinBags":null,"amenities":null}]}]})";
  ASSERT_TRUE(Parse(Payload({offer})).has_value());
  ASSERT_EQ(batch_->offers.size(), 1u) << batch_->first_drop_detail;
  const Offer& o = batch_->offers[0];
  EXPECT_EQ(o.total.minor, 9999);
  EXPECT_FALSE(o.base.currency.valid());
  EXPECT_EQ(o.seats_available, kUnknownCount);
  EXPECT_FALSE(o.validating_carrier.valid());
  EXPECT_TRUE(o.passenger_prices.empty());  // the traveler has no price
  EXPECT_EQ(o.bags.checked_pieces, kUnknownCount);
  EXPECT_EQ(o.cabin, Cabin::kUnknown);
  EXPECT_EQ(o.slices[0].supplier_duration_minutes, -1);
  const Segment& s = o.slices[0].segments[0];
  EXPECT_EQ(s.origin_terminal, "");
  EXPECT_EQ(s.aircraft_code, "");
  EXPECT_EQ(s.supplier_duration_minutes, -1);
  EXPECT_EQ(s.operating_carrier, AirlineCode::Parse("EI"));
}

TEST_F(FlightOffersParserTest, FieldOrderAndUnknownFieldsDoNotMatter) {
  // travelerPricings before itineraries, keys reversed inside objects, unknown fields of every
  // JSON type at every level, segment ids as numbers.
  const std::string offer = R"({"zzz":{"a":[1,2,{"b":null}]},
    "travelerPricings":[{"fareDetailsBySegment":[{"extra":[true],"includedCheckedBags":
        {"weightUnit":"KG","weight":20,"x":1},"class":"Y","cabin":"FIRST","segmentId":7}],
      "price":{"total":"10.00","currency":"EUR","unknown":"x"},"travelerType":"ADULT","q":1.5}],
    "validatingAirlineCodes":["LH"],
    "price":{"grandTotal":"10.00","currency":"EUR","whatever":{"deep":[[[]]]}},
    "itineraries":[{"segments":[{"co2Emissions":[{"cabin":"FIRST","weightUnit":"KG",
        "weight":120}],"id":7,"number":"400","carrierCode":"LH","unknownArray":[{"a":"b"}],
        "arrival":{"at":"2025-03-10T13:00:00","iataCode":"JFK","u":false},
        "departure":{"at":"2025-03-10T10:00:00","foo":"bar","iataCode":"FRA"}}],
      "duration":"PT9H","other":"x"}],
    "id":"ord","type":"flight-offer","numberOfBookableSeats":"5"})";
  ASSERT_TRUE(Parse(R"({"warnings":[{"code":1}],"dictionaries":{"carriers":{"LH":"LUFTHANSA"}},)"
                    R"("data":[)" +
                    offer + R"(],"meta":{"count":1}})")
                  .has_value());
  ASSERT_EQ(batch_->offers.size(), 1u) << batch_->first_drop_detail;
  const Offer& o = batch_->offers[0];
  EXPECT_EQ(o.supplier_offer_id, "ord");
  EXPECT_EQ(o.total.minor, 1000);
  EXPECT_EQ(o.seats_available, 5);
  EXPECT_EQ(o.cabin, Cabin::kFirst);
  EXPECT_EQ(o.bags.checked_weight_kg, 20);
  EXPECT_EQ(o.bags.checked_pieces, kUnknownCount);
  EXPECT_EQ(o.supplier_co2_grams, 120000);
  EXPECT_EQ(o.slices[0].supplier_duration_minutes, 540);
  const Segment& s = o.slices[0].segments[0];
  EXPECT_EQ(s.supplier_segment_id, "7");
  EXPECT_EQ(s.origin, LocationCode::Parse("FRA"));
  EXPECT_EQ(s.destination, LocationCode::Parse("JFK"));
  EXPECT_EQ(s.booking_class, "Y");
  EXPECT_EQ(s.marketing_flight_number, "400");
}

TEST_F(FlightOffersParserTest, LeastGenerousBagsAndPoundConversion) {
  std::string offer = Payload({MinimalOffer("x")});
  // Two segments: 2 pieces, then 0 pieces; and cabin bags 1 then unknown.
  std::string two = R"({"id":"bags","itineraries":[{"segments":[
      {"id":"1","departure":{"iataCode":"LHR","at":"2025-03-10T08:00:00"},
       "arrival":{"iataCode":"DUB","at":"2025-03-10T09:00:00"},"carrierCode":"EI","number":"1"},
      {"id":"2","departure":{"iataCode":"DUB","at":"2025-03-10T10:00:00"},
       "arrival":{"iataCode":"CDG","at":"2025-03-10T13:00:00"},"carrierCode":"EI","number":"2"}]}],
    "price":{"currency":"EUR","total":"1.00"},
    "travelerPricings":[{"travelerType":"CHILD","fareDetailsBySegment":[
        {"segmentId":"1","includedCheckedBags":{"quantity":3}},
        {"segmentId":"2","includedCheckedBags":{"quantity":3}}]},
      {"travelerType":"ADULT","fareDetailsBySegment":[
        {"segmentId":"1","includedCheckedBags":{"quantity":2},"includedCabinBags":{"quantity":1}},
        {"segmentId":"2","includedCheckedBags":{"quantity":0}}]}]})";
  std::string lb = Replace(two, R"("id":"bags")", R"("id":"lb")");
  lb = Replace(lb, R"({"quantity":2})", R"({"weight":44,"weightUnit":"LB"})");
  lb = Replace(lb, R"({"quantity":0})", R"({"weight":23,"weightUnit":"KG"})");
  ASSERT_TRUE(Parse(Payload({two, lb})).has_value());
  ASSERT_EQ(batch_->offers.size(), 2u) << batch_->first_drop_detail;
  const Offer* b = Find("bags");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->bags.checked_pieces, 0);  // the adult's second segment includes none
  EXPECT_FALSE(b->bags.IncludesChecked());
  EXPECT_EQ(b->bags.cabin_pieces, kUnknownCount);
  EXPECT_TRUE(b->passenger_prices.empty());
  const Offer* l = Find("lb");
  ASSERT_NE(l, nullptr);
  EXPECT_EQ(l->bags.checked_weight_kg, 20);  // 44 LB = 19.96 kg < 23 kg
  EXPECT_EQ(l->bags.checked_pieces, kUnknownCount);
}

struct DropCase {
  const char* name;
  std::string_view from;
  std::string_view to;
  DropReason reason;
  const char* path;
};

TEST_F(FlightOffersParserTest, EachDropReasonIsCountedAndSiblingsSurvive) {
  const DropCase cases[] = {
      {"missing_at", R"(,"at":"2025-03-10T08:00:00")", "", DropReason::kMissingField,
       "/itineraries/0/segments/0/departure/at"},
      {"null_at", R"("at":"2025-03-10T09:25:00")", R"("at":null)", DropReason::kMissingField,
       "/itineraries/0/segments/0/arrival/at"},
      {"bad_date", "2025-03-10T08:00:00", "2025-02-30T08:00:00", DropReason::kBadValue,
       "/itineraries/0/segments/0/departure/at"},
      {"zoned_date", "2025-03-10T08:00:00", "2025-03-10T08:00:00Z", DropReason::kBadValue,
       "/itineraries/0/segments/0/departure/at"},
      {"price_not_object",
       R"({"currency":"EUR","total":"99.99","base":"50.00","grandTotal":"99.99"})", R"("99.99")",
       DropReason::kWrongType, "/price"},
      {"total_number", R"("grandTotal":"99.99")", R"("grandTotal":99.99)", DropReason::kWrongType,
       "/price/grandTotal"},
      {"bad_amount", R"("grandTotal":"99.99")", R"("grandTotal":"9x.99")", DropReason::kBadValue,
       "/price/grandTotal"},
      {"no_currency", R"("currency":"EUR","total":"99.99","base":"50.00","grandTotal")",
       R"("total":"99.99","base":"50.00","grandTotal")", DropReason::kMissingField,
       "/price/currency"},
      {"unknown_segment", R"("segmentId":"1")", R"("segmentId":"9")",
       DropReason::kUnknownSegmentRef, "/travelerPricings/0/fareDetailsBySegment/0/segmentId"},
      {"bad_iata", R"("iataCode":"DUB")", R"("iataCode":"DU1")", DropReason::kBadValue,
       "/itineraries/0/segments/0/arrival/iataCode"},
      {"missing_iata", R"("iataCode":"LHR",)", "", DropReason::kMissingField,
       "/itineraries/0/segments/0/departure/iataCode"},
      {"bad_carrier", R"("carrierCode":"EI")", R"("carrierCode":"E")", DropReason::kBadValue,
       "/itineraries/0/segments/0/carrierCode"},
      {"missing_number", R"("number":"151",)", "", DropReason::kMissingField,
       "/itineraries/0/segments/0/number"},
      {"segments_not_array", R"("segments":[{)", R"("segments":"x","y":[{)", DropReason::kWrongType,
       "/itineraries/0/segments"},
      {"empty_segments", R"("segments":[{)", R"("segments":[],"x":[{)", DropReason::kInconsistent,
       "/itineraries/0/segments (empty)"},
      {"bad_traveler_type", R"("travelerType":"ADULT")", R"("travelerType":"ALIEN")",
       DropReason::kBadValue, "/travelerPricings/0/travelerType"},
      {"seats_wrong_type", R"("source":"GDS")", R"("numberOfBookableSeats":[1])",
       DropReason::kWrongType, "/numberOfBookableSeats"},
  };
  for (const DropCase& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string bad = Replace(MinimalOffer(c.name), c.from, c.to);
    ASSERT_TRUE(Parse(Payload({MinimalOffer("before"), bad, MinimalOffer("after")})).has_value());
    EXPECT_EQ(batch_->received, 3);
    EXPECT_EQ(batch_->dropped_total(), 1);
    EXPECT_EQ(Dropped(*batch_, c.reason), 1) << batch_->first_drop_detail;
    ASSERT_EQ(batch_->offers.size(), 2u);
    EXPECT_NE(Find("before"), nullptr);
    EXPECT_NE(Find("after"), nullptr);
    EXPECT_EQ(batch_->first_drop_detail,
              std::string(DropReasonName(c.reason)) + ": offer " + c.name + ": " + c.path);
  }
}

TEST_F(FlightOffersParserTest, DropDetailNamesTheIdEvenWhenItComesLast) {
  std::string bad = Replace(MinimalOffer("late"), R"("id":"late",)", "");
  bad = Replace(bad, R"("iataCode":"DUB")", R"("iataCode":"D")");
  bad.insert(bad.size() - 1, R"(,"id":"late")");
  ASSERT_TRUE(Parse(Payload({bad, "null", "[1,2]", MinimalOffer("ok")})).has_value());
  EXPECT_EQ(batch_->received, 4);
  EXPECT_EQ(Dropped(*batch_, DropReason::kBadValue), 1);
  EXPECT_EQ(Dropped(*batch_, DropReason::kWrongType), 2);
  EXPECT_EQ(batch_->first_drop_detail,
            "bad_value: offer late: /itineraries/0/segments/0/arrival/iataCode");
  ASSERT_EQ(batch_->offers.size(), 1u);

  ASSERT_TRUE(Parse(Payload({Replace(MinimalOffer("x"), R"("id":"x",)", "")})).has_value());
  EXPECT_EQ(batch_->first_drop_detail, "missing_field: offer #0: /id");
}

std::string Itineraries(int count, int segments_each) {
  std::string out;
  int id = 0;
  for (int i = 0; i < count; ++i) {
    if (i) out += ',';
    out += R"({"segments":[)";
    for (int s = 0; s < segments_each; ++s) {
      if (s) out += ',';
      // Segment s leaves at 01:00 + 2s h and lands an hour later, alternating LHR and DUB.
      const bool even = s % 2 == 0;
      char seg[320];
      std::snprintf(seg, sizeof(seg),
                    R"({"departure":{"iataCode":"%s","at":"2025-03-10T%02d:00:00"},)"
                    R"("arrival":{"iataCode":"%s","at":"2025-03-10T%02d:00:00"},)"
                    R"("carrierCode":"EI","number":"1","id":"%d"})",
                    even ? "LHR" : "DUB", 1 + 2 * s, even ? "DUB" : "LHR", 2 + 2 * s, ++id);
      out += seg;
    }
    out += "]}";
  }
  return out;
}

std::string OfferWith(std::string_view id, int itineraries, int segments_each) {
  return R"({"id":")" + std::string(id) + R"(","itineraries":[)" +
         Itineraries(itineraries, segments_each) +
         R"(],"price":{"currency":"EUR","total":"1.00"},"travelerPricings":[{"travelerType":)"
         R"("ADULT","fareDetailsBySegment":[{"segmentId":")" +
         std::to_string(itineraries * segments_each) + R"("}]}]})";
}

TEST_F(FlightOffersParserTest, ItineraryAndSegmentLimits) {
  ASSERT_TRUE(Parse(Payload({OfferWith("250", 250, 1), OfferWith("251", 251, 1),
                             OfferWith("nine", 1, 9), OfferWith("ten", 1, 10)}))
                  .has_value());
  EXPECT_EQ(batch_->received, 4);
  EXPECT_EQ(Dropped(*batch_, DropReason::kBadValue), 2) << batch_->first_drop_detail;
  ASSERT_NE(Find("250"), nullptr);
  EXPECT_EQ(Find("250")->slices.size(), 250u);
  EXPECT_EQ(Find("250")->slices[249].segments[0].supplier_segment_id, "250");
  ASSERT_NE(Find("nine"), nullptr);
  EXPECT_EQ(Find("nine")->slices[0].segments.size(), 9u);
  EXPECT_EQ(Find("251"), nullptr);
  EXPECT_EQ(Find("ten"), nullptr);
}

TEST_F(FlightOffersParserTest, ManyOffersReuseScratchSpace) {
  std::string payload = R"({"data":[)";
  for (int i = 0; i < 300; ++i) {
    if (i) payload += ',';
    std::string id = "m";
    id.append(std::to_string(i));
    payload += OfferWith(id, 1 + i % 4, 1 + i % 3);
  }
  payload += "]}";
  ASSERT_TRUE(Parse(payload).has_value());
  EXPECT_EQ(batch_->offers.size(), 300u) << batch_->first_drop_detail;
  for (int i = 0; i < 300; ++i) {
    const Offer& o = batch_->offers[i];
    ASSERT_EQ(o.slices.size(), static_cast<std::size_t>(1 + i % 4));
    for (const Slice& s : o.slices)
      EXPECT_EQ(s.segments.size(), static_cast<std::size_t>(1 + i % 3));
  }
}

TEST_F(FlightOffersParserTest, ErrorEnvelope) {
  Result<void> r = Parse(R"({"errors":[{"status":400,"code":477,"title":"INVALID FORMAT",)"
                         R"("detail":"invalid query parameter format",)"
                         R"("source":{"parameter":"airport","example":"CDG"}}]})");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().message, "amadeus error 477 INVALID FORMAT: invalid query parameter format");
  EXPECT_EQ(r.error().field, "airport");
  EXPECT_TRUE(batch_->offers.empty());

  r = Parse(R"({"errors":[{"status":500,"code":141,"title":"SYSTEM ERROR HAS OCCURRED"}]})");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kUnsupported);
  EXPECT_NE(r.error().message.find("141 SYSTEM ERROR HAS OCCURRED"), std::string::npos);

  // An envelope next to data still wins, and leaves no offers behind.
  r = Parse(R"({"data":[)" + MinimalOffer("1") +
            R"(],"errors":[{"status":429,"code":38194,)"
            R"("title":"Too many requests","detail":"slow down"}]})");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(batch_->offers.empty());
  EXPECT_EQ(batch_->received, 0);
}

TEST_F(FlightOffersParserTest, PayloadLevelErrors) {
  const char* bad[] = {
      "",
      "   ",
      "[]",
      R"([{"data":[]}])",
      "42",
      R"("data")",
      "{}",
      R"({"meta":{"count":0}})",
      R"({"data":null})",
      R"({"data":{}})",
      R"({"data":[}})",
      R"({"data":[{"id":"1",}]})",
      R"({"data":[] x})",
      R"({"data":[]} x)",
      R"({"data":[]}})",
      R"({"data":[{"id":"1"]})",
      R"({"data":[{"id":"1}]})",
      R"({"data":[], "dictionaries":{"carriers":{"LH":}}})",
  };
  for (const char* json : bad) {
    SCOPED_TRACE(json);
    Result<void> r = Parse(json);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::kMalformed);
    EXPECT_TRUE(batch_->offers.empty());
  }
}

TEST_F(FlightOffersParserTest, EmptyDataIsFine) {
  ASSERT_TRUE(Parse(R"({"meta":{"count":0},"data":[]})").has_value());
  EXPECT_EQ(batch_->received, 0);
  EXPECT_TRUE(batch_->offers.empty());
}

TEST_F(FlightOffersParserTest, InvalidJsonInsideAnOfferFailsThePayload) {
  std::string broken = Replace(MinimalOffer("b"), R"("number":"151")", R"("number":"151" "x")");
  Result<void> r = Parse(Payload({MinimalOffer("a"), broken, MinimalOffer("c")}));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kMalformed);
  EXPECT_NE(r.error().message.find("near byte"), std::string::npos) << r.error().message;
  EXPECT_TRUE(batch_->offers.empty());
}

TEST_F(FlightOffersParserTest, TruncatedPayloadsAlwaysFail) {
  const std::string full = ReadTestData("round_trip.json");
  ASSERT_GT(full.size(), 5000u);
  std::vector<std::size_t> cuts;
  for (std::size_t n = 0; n < full.size(); n += 997) cuts.push_back(n);
  for (std::size_t n = full.size() > 300 ? full.size() - 300 : 0; n < full.size(); ++n) {
    cuts.push_back(n);
  }
  for (std::size_t n : cuts) {
    // Trailing white space keeps the document complete; every other cut must fail.
    if (full.find_first_not_of(" \n\r\t", n) == std::string::npos) continue;
    SCOPED_TRACE(n);
    Result<void> r = Parse(std::string_view(full).substr(0, n));
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::kMalformed);
    EXPECT_TRUE(batch_->offers.empty());
    EXPECT_EQ(batch_->received, 0);
  }
}

TEST_F(FlightOffersParserTest, TruncatedViewsOfALargerBufferAlwaysFail) {
  // The bytes after the cut are the rest of the document (a '}' among them), not zeros: the
  // parser must not read past the view's end.
  std::string full = ReadTestData("round_trip.json");
  full.append(simdjson::SIMDJSON_PADDING, ' ');
  const std::size_t length = full.size() - simdjson::SIMDJSON_PADDING;
  for (std::size_t n = 1; n < length; n += 97) {
    if (full.find_first_not_of(" \n\r\t", n) >= length) continue;
    SCOPED_TRACE(n);
    batch_ = std::make_unique<OfferBatch>(arena_.resource());
    Result<void> r = ParseFlightOffers(simdjson::padded_string_view(full.data(), n, full.size()),
                                       parser_, enricher_, arena_, 0, *batch_);
    ASSERT_FALSE(r.has_value());
    EXPECT_TRUE(batch_->offers.empty());
  }
}

TEST_F(FlightOffersParserTest, FailureRestoresTheBatch) {
  batch_ = std::make_unique<OfferBatch>(arena_.resource());
  payloads_.push_back(std::make_unique<simdjson::padded_string>(Payload({MinimalOffer("1")})));
  ASSERT_TRUE(ParseFlightOffers(*payloads_.back(), parser_, enricher_, arena_, 0, *batch_));
  ASSERT_EQ(batch_->offers.size(), 1u);
  payloads_.push_back(std::make_unique<simdjson::padded_string>(
      Payload({MinimalOffer("2"), Replace(MinimalOffer("3"), "\"id\":\"3\"", "\"id\":3")})
          .substr(0, 200)));
  EXPECT_FALSE(ParseFlightOffers(*payloads_.back(), parser_, enricher_, arena_, 0, *batch_));
  ASSERT_EQ(batch_->offers.size(), 1u);  // the first payload's offer, and nothing of the second
  EXPECT_EQ(batch_->offers[0].supplier_offer_id, "1");
  EXPECT_EQ(batch_->received, 1);
  EXPECT_EQ(batch_->dropped_total(), 0);
}

TEST_F(FlightOffersParserTest, EnrichmentDropsAreCounted) {
  // A currency fareflow has no rate for: parsed fine, dropped by the enricher.
  std::string offer = Replace(MinimalOffer("xts"), R"("currency":"EUR","total":"99.99","base")",
                              R"("currency":"XTS","total":"99.99","base")");
  ASSERT_TRUE(Parse(Payload({offer, MinimalOffer("ok")})).has_value());
  EXPECT_EQ(batch_->received, 2);
  EXPECT_EQ(batch_->dropped_total(), 1);
  EXPECT_NE(batch_->first_drop_detail.find("offer xts"), std::string::npos)
      << batch_->first_drop_detail;
  EXPECT_NE(Find("ok"), nullptr);
}

}  // namespace
}  // namespace fareflow::amadeus
