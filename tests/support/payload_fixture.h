#ifndef FAREFLOW_TESTS_SUPPORT_PAYLOAD_FIXTURE_H_
#define FAREFLOW_TESTS_SUPPORT_PAYLOAD_FIXTURE_H_

// What a supplier parser needs to turn a payload into offers in a test: a request with no slices
// (the route is not checked) in one currency, its enricher, the arena the offers live in, a
// parser, and the payloads, kept as long as the fixture so the offers' views into them stay good.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "core/arena.h"
#include "enrich/enricher.h"
#include "model/offer_batch.h"
#include "model/search_request.h"
#include "refdata/fx_rates.h"

namespace fareflow::testing_support {

class PayloadFixture : public ::testing::Test {
 protected:
  explicit PayloadFixture(std::string_view currency = "EUR") : request_(Request(currency)) {}

  // `json` as a payload kept for the fixture's life, and a fresh batch_ to parse it into. Call it
  // before naming *batch_ in the parser call: argument order is unspecified.
  const simdjson::padded_string& NewPayload(const std::string& json) {
    payloads_.push_back(std::make_unique<simdjson::padded_string>(json));
    batch_ = std::make_unique<OfferBatch>(arena_.resource());
    return *payloads_.back();
  }

  SearchRequest request_;
  Enricher enricher_{request_, refdata::FxRates::Builtin()};
  Arena arena_;
  simdjson::ondemand::parser parser_;
  std::vector<std::unique_ptr<simdjson::padded_string>> payloads_;
  std::unique_ptr<OfferBatch> batch_;

 private:
  static SearchRequest Request(std::string_view currency) {
    SearchRequest request;
    request.currency = CurrencyCode::Parse(currency);
    return request;
  }
};

}  // namespace fareflow::testing_support

#endif  // FAREFLOW_TESTS_SUPPORT_PAYLOAD_FIXTURE_H_
