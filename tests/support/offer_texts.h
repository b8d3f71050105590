#ifndef FAREFLOW_TESTS_SUPPORT_OFFER_TEXTS_H_
#define FAREFLOW_TESTS_SUPPORT_OFFER_TEXTS_H_

// The offers of a batch as their answer JSON, one string each, so that two parses of the same
// offers compare with one EXPECT_EQ.

#include <string>
#include <vector>

#include "api/offer_json.h"
#include "core/json_writer.h"
#include "model/offer_batch.h"

namespace fareflow::testing_support {

inline std::vector<std::string> OfferTexts(const OfferBatch& batch) {
  std::vector<std::string> out;
  for (const Offer& offer : batch.offers) {
    std::string text;
    JsonWriter w(text);
    WriteOfferJson(offer, {}, w);
    w.Finish();
    out.push_back(std::move(text));
  }
  return out;
}

}  // namespace fareflow::testing_support

#endif  // FAREFLOW_TESTS_SUPPORT_OFFER_TEXTS_H_
