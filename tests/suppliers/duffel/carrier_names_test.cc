// Carrier names in answers to Duffel payloads: the carrier objects' `name` wins over the
// reference data, and is held once per payload (suppliers/carrier_names.h).
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api/offer_json.h"
#include "api/search_response.h"
#include "core/json_writer.h"
#include "engine/run_pipeline.h"
#include "enrich/enricher.h"
#include "model/search_request.h"
#include "refdata/fx_rates.h"
#include "suppliers/duffel/offers_parser.h"
#include "support/payload_fixture.h"

namespace fareflow::duffel {
namespace {

// A one-way FRA-JFK offer marketed by Hahn Air (HR) and operated by Lufthansa (LH); NAME is the
// name given for HR (a JSON value). The reference data names HR "China United Airlines" (a
// defunct airline OpenFlights marks active).
constexpr std::string_view kOffer = R"({"id":"ID","total_amount":"500.00","total_currency":"EUR",
  "owner":{"name":NAME,"iata_code":"HR","id":"arl_hr"},
  "slices":[{"segments":[{
    "origin":{"iata_code":"FRA","time_zone":"Europe/Berlin"},
    "destination":{"iata_code":"JFK","time_zone":"America/New_York"},
    "departing_at":"2025-03-10T10:00:00","arriving_at":"2025-03-10T12:50:00",
    "marketing_carrier":{"iata_code":"HR","name":NAME,"logo_symbol_url":null},
    "marketing_carrier_flight_number":"6400",
    "operating_carrier":{"name":"Lufthansa","iata_code":"LH"},
    "operating_carrier_flight_number":"400"}]}]})";

std::string OfferJson(std::string_view id, std::string_view name) {
  std::string offer(kOffer);
  offer.replace(offer.find("ID"), 2, id);
  for (std::size_t at; (at = offer.find("NAME")) != std::string::npos;) offer.replace(at, 4, name);
  return offer;
}

class DuffelCarrierNamesTest : public testing_support::PayloadFixture {
 protected:
  // Parses a payload of `offers` into batch_.
  void Parse(const std::vector<std::string>& offers) {
    std::string json = R"({"data":{"offers":[)";
    for (std::size_t i = 0; i < offers.size(); ++i) json += (i > 0 ? "," : "") + offers[i];
    json += "]}}";
    const simdjson::padded_string& payload = NewPayload(json);
    EXPECT_TRUE(ParseOffers(payload, parser_, enricher_, arena_, 0, *batch_, nullptr));
    EXPECT_EQ(batch_->offers.size(), offers.size()) << batch_->first_drop_detail;
  }

  std::string Answer(std::size_t index) const {
    std::string out;
    JsonWriter w(out);
    WriteOfferJson(batch_->offers.at(index), {}, w);
    w.Finish();
    return out;
  }

  // The whole answer to a search whose offers are the batch's, as the pipeline and the writer
  // make it (no timings).
  std::string SearchAnswer() const {
    SearchResult result;
    for (const fareflow::Offer& offer : batch_->offers) {
      result.offers.push_back(const_cast<fareflow::Offer*>(&offer));
    }
    StageTimings timings;
    EXPECT_TRUE(RunQuery(request_, "", timings, result));
    std::string out;
    WriteSearchResponse(result, request_, timings, {.include_timings = false}, out);
    return out;
  }
};

TEST_F(DuffelCarrierNamesTest, SupplierNameWinsOverTheReferenceData) {
  Parse({OfferJson("off_1", R"("Hahn Air")")});
  const std::string json = Answer(0);
  EXPECT_NE(json.find(R"("marketing_carrier":{"code":"HR","name":"Hahn Air"})"), std::string::npos)
      << json;
  EXPECT_NE(json.find(R"("validating_carrier":{"code":"HR","name":"Hahn Air"})"), std::string::npos)
      << json;
  EXPECT_EQ(json.find("China United"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("operating_carrier":{"code":"LH","name":"Lufthansa","alliance")"),
            std::string::npos)
      << json;
}

TEST_F(DuffelCarrierNamesTest, WithoutASupplierNameTheReferenceDataNamesTheCarrier) {
  Parse({OfferJson("off_1", "null"), OfferJson("off_2", R"("")")});
  for (std::size_t i = 0; i < 2; ++i) {
    const std::string json = Answer(i);
    EXPECT_NE(json.find(R"("marketing_carrier":{"code":"HR","name":"China United Airlines"})"),
              std::string::npos)
        << json;
  }
}

TEST_F(DuffelCarrierNamesTest, OneNamePerPayloadSharedByEveryOffer) {
  // Escaped, so each occurrence would otherwise be unescaped into the arena again.
  Parse({OfferJson("off_1", R"("Hahn \u0041ir")"), OfferJson("off_2", R"("Hahn \u0041ir")"),
         OfferJson("off_3", R"("Another Name")")});
  const std::string_view first = batch_->offers[0].slices[0].segments[0].marketing_carrier_name;
  EXPECT_EQ(first, "Hahn Air");
  for (const fareflow::Offer& offer : batch_->offers) {
    // The first name the payload gives a code is the one kept.
    EXPECT_EQ(offer.slices[0].segments[0].marketing_carrier_name.data(), first.data());
    EXPECT_EQ(offer.validating_carrier_name.data(), first.data());
  }
  EXPECT_NE(Answer(2).find(R"("name":"Hahn Air")"), std::string::npos);
}

TEST_F(DuffelCarrierNamesTest, TheAirlineFacetNamesTheCarrierAsTheOffersDo) {
  Parse({OfferJson("off_1", R"("Hahn Air")")});
  const std::string json = SearchAnswer();
  EXPECT_NE(json.find(R"("airlines":[{"code":"HR","name":"Hahn Air","count":1)"), std::string::npos)
      << json;
  EXPECT_EQ(json.find("China United"), std::string::npos) << json;
}

TEST_F(DuffelCarrierNamesTest, WithoutASupplierNameTheAirlineFacetUsesTheReferenceData) {
  Parse({OfferJson("off_1", "null")});
  const std::string json = SearchAnswer();
  EXPECT_NE(json.find(R"("airlines":[{"code":"HR","name":"China United Airlines","count":1)"),
            std::string::npos)
      << json;
}

}  // namespace
}  // namespace fareflow::duffel
