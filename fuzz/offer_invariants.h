#ifndef FAREFLOW_FUZZ_OFFER_INVARIANTS_H_
#define FAREFLOW_FUZZ_OFFER_INVARIANTS_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/result.h"
#include "model/offer.h"
#include "model/offer_batch.h"

namespace fareflow::fuzz {

// Aborts the fuzzer (a crash libFuzzer records) when `condition` is false. A trap rather than
// assert() so the check survives NDEBUG.
inline void Require(bool condition) {
  if (!condition) __builtin_trap();
}

// Where checksums go, so the reads that computed them are not optimised away.
inline volatile uint32_t g_sink = 0;

// Reads every byte of `s`, so AddressSanitizer reports a view that points into freed or foreign
// memory (a view into the payload or the arena must stay readable while both are alive).
inline uint32_t Touch(std::string_view s) {
  uint32_t sum = 0;
  for (char c : s) sum += static_cast<unsigned char>(c);
  return sum;
}

// Checks what a supplier parser promises about its output once it returned, and returns a
// checksum of the offers' strings (for g_sink):
// - on error, no offer is kept;
// - on success, every kept offer has at least one slice, every slice at least one segment and
//   segments().size() - 1 layovers, and the total has a valid currency.
inline uint32_t CheckOfferBatch(const Result<void>& result, const OfferBatch& batch) {
  if (!result.has_value()) {
    Require(batch.offers.empty());
    return 0;
  }
  Require(batch.received >= 0);
  Require(static_cast<std::size_t>(batch.received) >=
          batch.offers.size() + static_cast<std::size_t>(batch.dropped_total()));
  uint32_t sum = 0;
  for (const Offer& offer : batch.offers) {
    Require(!offer.slices.empty());
    Require(offer.total.currency.valid());
    sum += Touch(offer.supplier_offer_id) + Touch(offer.fare_brand);
    for (const Slice& slice : offer.slices) {
      Require(!slice.segments.empty());
      Require(slice.layovers.size() == slice.segments.size() - 1);
      sum += Touch(slice.fare_brand);
      for (const Segment& segment : slice.segments) {
        sum += Touch(segment.supplier_segment_id) + Touch(segment.origin_terminal) +
               Touch(segment.destination_terminal) + Touch(segment.marketing_flight_number) +
               Touch(segment.operating_flight_number) + Touch(segment.aircraft_code) +
               Touch(segment.booking_class) + Touch(segment.fare_basis);
      }
    }
    for (const PassengerPrice& price : offer.passenger_prices) {
      sum += static_cast<uint32_t>(price.count);
    }
  }
  return sum;
}

// Requires two parses of the same bytes to have come to the same answer: the same error or the
// same counts, drop detail and offers (suppliers/chunked_index.h: a payload indexed in chunks).
inline void RequireSameParse(const Result<void>& a, const OfferBatch& batch_a,
                             const Result<void>& b, const OfferBatch& batch_b) {
  Require(a.has_value() == b.has_value());
  if (!a.has_value()) {
    Require(a.error().message == b.error().message);
    return;
  }
  Require(batch_a.received == batch_b.received && batch_a.dropped == batch_b.dropped);
  Require(batch_a.first_drop_detail == batch_b.first_drop_detail);
  Require(batch_a.offers.size() == batch_b.offers.size());
  for (std::size_t i = 0; i < batch_a.offers.size(); ++i) {
    Require(batch_a.offers[i].supplier_offer_id == batch_b.offers[i].supplier_offer_id);
    Require(batch_a.offers[i].total == batch_b.offers[i].total);
  }
}

}  // namespace fareflow::fuzz

#endif  // FAREFLOW_FUZZ_OFFER_INVARIANTS_H_
