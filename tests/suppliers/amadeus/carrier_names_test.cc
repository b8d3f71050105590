// Carrier names in answers to Amadeus payloads: `dictionaries.carriers` wins over the reference
// data (suppliers/carrier_names.h).
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api/offer_json.h"
#include "core/json_writer.h"
#include "enrich/enricher.h"
#include "model/search_request.h"
#include "refdata/fx_rates.h"
#include "suppliers/amadeus/offers_parser.h"
#include "support/payload_fixture.h"

namespace fareflow::amadeus {
namespace {

// A one-way FRA-JFK offer marketed by Hahn Air (HR) and operated by Lufthansa (LH). The
// reference data names HR "China United Airlines" (a defunct airline OpenFlights marks active).
constexpr std::string_view kOffer = R"({"type":"flight-offer","id":"1","source":"GDS",
  "itineraries":[{"duration":"PT8H50M","segments":[{
    "departure":{"iataCode":"FRA","at":"2025-03-10T10:00:00"},
    "arrival":{"iataCode":"JFK","at":"2025-03-10T12:50:00"},
    "carrierCode":"HR","number":"6400","operating":{"carrierCode":"LH"},
    "aircraft":{"code":"744"},"duration":"PT8H50M","id":"1","numberOfStops":0}]}],
  "price":{"currency":"EUR","total":"500.00","grandTotal":"500.00"},
  "validatingAirlineCodes":["HR"],
  "travelerPricings":[{"travelerId":"1","travelerType":"ADULT",
    "price":{"currency":"EUR","total":"500.00"},
    "fareDetailsBySegment":[{"segmentId":"1","cabin":"ECONOMY","class":"Y"}]}]})";

class AmadeusCarrierNamesTest : public testing_support::PayloadFixture {
 protected:
  // Parses a payload of kOffer followed by `dictionaries` and answers the offer as JSON.
  std::string Answer(std::string_view dictionaries) {
    std::string json = R"({"data":[)" + std::string(kOffer) + "]";
    if (!dictionaries.empty()) json += R"(,"dictionaries":)" + std::string(dictionaries);
    json += "}";
    const simdjson::padded_string& payload = NewPayload(json);
    EXPECT_TRUE(ParseFlightOffers(payload, parser_, enricher_, arena_, 0, *batch_));
    EXPECT_EQ(batch_->offers.size(), 1u) << batch_->first_drop_detail;
    if (batch_->offers.empty()) return {};
    std::string out;
    JsonWriter w(out);
    WriteOfferJson(batch_->offers.front(), {}, w);
    w.Finish();
    return out;
  }
};

TEST_F(AmadeusCarrierNamesTest, DictionaryNameWinsOverTheReferenceData) {
  const std::string json = Answer(
      R"({"locations":{"FRA":{"cityCode":"FRA","countryCode":"DE"}},
          "carriers":{"HR":"Hahn Air","LH":"LUFTHANSA"},"aircraft":{"744":"BOEING 747-400"}})");
  EXPECT_NE(json.find(R"("marketing_carrier":{"code":"HR","name":"Hahn Air"})"), std::string::npos)
      << json;
  EXPECT_NE(json.find(R"("validating_carrier":{"code":"HR","name":"Hahn Air"})"), std::string::npos)
      << json;
  EXPECT_EQ(json.find("China United"), std::string::npos) << json;
  // The reference data spells LH the same but for case: its spelling, and its alliance, stay.
  EXPECT_NE(json.find(R"("operating_carrier":{"code":"LH","name":"Lufthansa","alliance")"),
            std::string::npos)
      << json;
}

TEST_F(AmadeusCarrierNamesTest, EscapedDictionaryNameIsUnescaped) {
  const std::string json = Answer(R"({"carriers":{"HR":"Hahn \"Air\""}})");
  EXPECT_NE(json.find(R"("marketing_carrier":{"code":"HR","name":"Hahn \"Air\""})"),
            std::string::npos)
      << json;
}

TEST_F(AmadeusCarrierNamesTest, WithoutADictionaryNameTheReferenceDataNamesTheCarrier) {
  for (std::string_view dictionaries :
       {std::string_view(), std::string_view(R"({"carriers":{"LH":"LUFTHANSA"}})"),
        std::string_view(R"({"carriers":{"HR":null,"LH":7}})")}) {
    const std::string json = Answer(dictionaries);
    EXPECT_NE(json.find(R"("marketing_carrier":{"code":"HR","name":"China United Airlines"})"),
              std::string::npos)
        << json;
  }
}

TEST_F(AmadeusCarrierNamesTest, MalformedDictionariesStillFailThePayload) {
  const std::string json =
      R"({"data":[)" + std::string(kOffer) + R"(],"dictionaries":{"carriers":{"HR":"Hahn Air",}}})";
  payloads_.push_back(std::make_unique<simdjson::padded_string>(json));
  batch_ = std::make_unique<OfferBatch>(arena_.resource());
  EXPECT_FALSE(ParseFlightOffers(*payloads_.back(), parser_, enricher_, arena_, 0, *batch_));
  EXPECT_TRUE(batch_->offers.empty());
}

}  // namespace
}  // namespace fareflow::amadeus
