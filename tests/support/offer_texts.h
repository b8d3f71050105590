#ifndef FAREFLOW_TESTS_SUPPORT_OFFER_TEXTS_H_
#define FAREFLOW_TESTS_SUPPORT_OFFER_TEXTS_H_

// The offers of a batch as their answer JSON, one string each, and everything a parse yields as
// one text, so that two parses of the same offers compare with one EXPECT_EQ.

#include <cstddef>
#include <string>
#include <vector>

#include "api/offer_json.h"
#include "core/json_writer.h"
#include "core/result.h"
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

// Everything a parse yields: its error, the counts, the drop detail, and each offer with its
// carriers' names and its answer JSON.
inline std::string ParseText(const Result<void>& parsed, const OfferBatch& batch) {
  std::string text = parsed ? "ok\n" : "error: " + parsed.error().message + "\n";
  text += "received " + std::to_string(batch.received) + "\n";
  for (std::size_t r = 0; r < batch.dropped.size(); ++r) {
    text += "dropped[" + std::to_string(r) + "] " + std::to_string(batch.dropped[r]) + "\n";
  }
  text += "detail " + batch.first_drop_detail + "\n";
  for (const ZoneDisagreements::Count& c : batch.zone_disagreements.counts) {
    text += "zone " + c.airport.str() + " " + std::to_string(c.count) + "\n";
  }
  for (const Offer& offer : batch.offers) {
    text += std::string(offer.supplier_offer_id) + " " +
            std::string(offer.validating_carrier_name) + " ";
    for (const Slice& slice : offer.slices) {
      for (const Segment& segment : slice.segments) {
        text += std::string(segment.marketing_carrier_name) + "/" +
                std::string(segment.operating_carrier_name) + " ";
      }
    }
    JsonWriter w(text);
    WriteOfferJson(offer, {}, w);
    w.Finish();
    text += "\n";
  }
  return text;
}

}  // namespace fareflow::testing_support

#endif  // FAREFLOW_TESTS_SUPPORT_OFFER_TEXTS_H_
