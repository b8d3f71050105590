#include "api/compact_offer_json.h"

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "api/offer_json.h"
#include "api/search_request_json.h"
#include "api/search_response.h"
#include "engine/builtin_source.h"
#include "engine/search_service.h"
#include "refdata/airports.h"
#include "refdata/fx_rates.h"
#include "support/compact_answer.h"

namespace fareflow {
namespace {

using testing_support::OffersAsWritten;
using testing_support::RebuildFullOffers;

// A 300-offer built-in search, the answer's currency EUR.
class CompactOfferJsonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<SearchRequest> request = DecodeSearchRequest(
        R"({"slices":[{"origin":"LON","destination":"NYC","departure_date":"2027-03-01"},
                      {"origin":"NYC","destination":"LON","departure_date":"2027-03-08"}],
            "passengers":{"adults":2,"children":1},"limit":0})",
        {.check_dates = false});
    ASSERT_TRUE(request) << request.error().message;
    Result<std::shared_ptr<CompletedSearch>> search = service_.Run(std::move(*request));
    ASSERT_TRUE(search) << search.error().message;
    search_ = std::move(*search);
  }

  const Offer& OfferAt(std::size_t i) const {
    return *search_->result.offers[search_->result.selection[i]];
  }

  // A compact answer of `offers` alone, as a client reads one: the currency, the offers and the
  // dictionaries; and the same offers in the full form.
  struct Written {
    std::string compact;
    std::vector<std::string> full;
    std::size_t dictionary_bytes = 0;
    std::size_t dictionaries_written = 0;
  };
  Written Write(const std::vector<const Offer*>& offers) const {
    Written out;
    CompactDictionaries dictionaries(CurrencyCode::Parse("EUR"));
    out.compact = R"({"search":{"currency":"EUR"},"offers":[)";
    {
      JsonWriter w(out.compact);
      for (const Offer* offer : offers) {
        WriteCompactOfferJson(*offer, search_->result.suppliers, dictionaries, w);
      }
    }
    out.compact += "],\"dictionaries\":";
    const std::size_t before = out.compact.size();
    {
      JsonWriter w(out.compact);
      dictionaries.Write(w);
    }
    out.dictionaries_written = out.compact.size() - before;
    out.dictionary_bytes = dictionaries.bytes();
    out.compact += "}";
    for (const Offer* offer : offers) {
      std::string full;
      {
        JsonWriter w(full);
        WriteOfferJson(*offer, search_->result.suppliers, w);
      }
      out.full.push_back(OffersAsWritten("{\"offers\":[" + full + "]}").at(0));
    }
    return out;
  }

  BuiltinSource source_{300};
  SearchService service_{source_, refdata::FxRates::Builtin(), {}};
  std::shared_ptr<CompletedSearch> search_;
};

TEST_F(CompactOfferJsonTest, EveryOfferRebuildsToItsFullForm) {
  std::vector<const Offer*> offers;
  for (std::size_t i = 0; i < search_->result.selection.size(); ++i) offers.push_back(&OfferAt(i));
  ASSERT_EQ(offers.size(), 300u);
  const Written written = Write(offers);
  const std::vector<std::string> rebuilt = RebuildFullOffers(written.compact);
  ASSERT_EQ(rebuilt.size(), written.full.size());
  for (std::size_t i = 0; i < rebuilt.size(); ++i) EXPECT_EQ(rebuilt[i], written.full[i]) << i;
  EXPECT_EQ(written.dictionary_bytes, written.dictionaries_written);
  std::size_t full_bytes = 0;
  for (const std::string& offer : written.full) full_bytes += offer.size();
  EXPECT_LT(written.compact.size() * 3, full_bytes);
}

// What a supplier may send that a dictionary cannot hold: a second name for a carrier, an
// aircraft code that must be escaped, a place the reference data lacks, amounts in another
// currency, no penalty at all.
TEST_F(CompactOfferJsonTest, WhatNoEntryCanHoldIsWrittenWholeAndStillRebuilds) {
  Offer first = OfferAt(0);
  Offer second = OfferAt(1);
  std::vector<Slice> first_slices(first.slices.begin(), first.slices.end());
  std::vector<Slice> second_slices(second.slices.begin(), second.slices.end());
  std::vector<Segment> first_segments(first_slices[0].segments.begin(),
                                      first_slices[0].segments.end());
  std::vector<Segment> second_segments(second_slices[0].segments.begin(),
                                       second_slices[0].segments.end());
  const LocationCode unknown = LocationCode::Parse("QQQ");
  ASSERT_EQ(refdata::FindAirport(unknown), nullptr);
  first_segments[0].marketing_carrier = AirlineCode::Parse("BA");
  first_segments[0].marketing_carrier_name = "Speedbird Holidays";
  first_segments[0].aircraft_code = "7\"7";
  first_segments[0].destination = unknown;
  second_segments[0].marketing_carrier = AirlineCode::Parse("BA");
  second_segments[0].marketing_carrier_name = "";  // the reference data's name
  first_slices[0].segments = first_segments;
  second_slices[0].segments = second_segments;
  first.slices = first_slices;
  second.slices = second_slices;
  first.conditions.change_penalty = {.minor = 7500, .currency = CurrencyCode::Parse("GBP")};
  first.conditions.refund_penalty = {};
  first.validating_carrier = AirlineCode();

  const Written written = Write({&first, &second});
  const std::vector<std::string> rebuilt = RebuildFullOffers(written.compact);
  ASSERT_EQ(rebuilt.size(), 2u);
  EXPECT_EQ(rebuilt[0], written.full[0]);
  EXPECT_EQ(rebuilt[1], written.full[1]);
  EXPECT_EQ(written.dictionary_bytes, written.dictionaries_written);
  EXPECT_NE(written.compact.find(R"("locations":{)"), std::string::npos);
  EXPECT_NE(written.compact.find(R"("QQQ":{"code":"QQQ"})"), std::string::npos);
  EXPECT_NE(written.compact.find(R"("BA":{"code":"BA","name":"Speedbird Holidays")"),
            std::string::npos);
  EXPECT_NE(written.compact.find(R"({"code":"BA","name":"British Airways")"), std::string::npos);
  EXPECT_NE(written.compact.find(R"("aircraft":{"code":"7\"7")"), std::string::npos);
  EXPECT_NE(written.compact.find(R"("change_penalty":{"amount":"75.00","currency":"GBP"})"),
            std::string::npos);
  EXPECT_NE(written.compact.find(R"("refund_penalty":null)"), std::string::npos);
  EXPECT_NE(written.compact.find(R"("validating_carrier":null)"), std::string::npos);
}

TEST_F(CompactOfferJsonTest, DictionariesHoldOnlyWhatTheWrittenOffersName) {
  const Written one = Write({&OfferAt(0)});
  const Written all = Write({&OfferAt(0), &OfferAt(1), &OfferAt(2), &OfferAt(3)});
  EXPECT_LT(one.dictionary_bytes, all.dictionary_bytes);
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(one.compact);
  // One offer of two slices: two itineraries, and every place named is in the offer.
  EXPECT_EQ(simdjson::dom::array(doc["dictionaries"]["itineraries"]).size(), 2u);
  for (auto [code, place] : simdjson::dom::object(doc["dictionaries"]["locations"])) {
    EXPECT_NE(one.full[0].find("\"code\":\"" + std::string(code) + "\""), std::string::npos)
        << code;
  }
}

TEST_F(CompactOfferJsonTest, RollingBackForgetsTheEntriesOfTheOffersCutOff) {
  CompactDictionaries dictionaries(CurrencyCode::Parse("EUR"));
  std::string scratch;
  JsonWriter w(scratch);
  WriteCompactOfferJson(OfferAt(0), search_->result.suppliers, dictionaries, w);
  const CompactDictionaries::Mark mark = dictionaries.mark();
  std::string before;
  {
    JsonWriter d(before);
    dictionaries.Write(d);
  }
  for (std::size_t i = 1; i < 50; ++i) {
    WriteCompactOfferJson(OfferAt(i), search_->result.suppliers, dictionaries, w);
  }
  ASSERT_GT(dictionaries.bytes(), mark.bytes);
  dictionaries.RollBack(mark);
  std::string after;
  {
    JsonWriter d(after);
    dictionaries.Write(d);
  }
  EXPECT_EQ(after, before);
  EXPECT_EQ(dictionaries.bytes(), before.size());
}

}  // namespace
}  // namespace fareflow
