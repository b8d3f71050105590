#ifndef FAREFLOW_MODEL_OFFER_BATCH_H_
#define FAREFLOW_MODEL_OFFER_BATCH_H_

#include <array>
#include <cstdint>
#include <memory_resource>
#include <string>
#include <string_view>
#include <vector>

#include "model/offer.h"

namespace fareflow {

// Why an offer was dropped while parsing. Each malformed offer is dropped and counted, never
// half-kept.
enum class DropReason : uint8_t {
  kMissingField,       // a required field is absent or null
  kWrongType,          // a field has the wrong JSON type
  kBadValue,           // a field is present but unusable (bad date, bad amount, bad code)
  kUnknownSegmentRef,  // a fare detail names a segment the offer does not have
  kInconsistent,       // e.g. arrival before departure, an empty slice
  kRouteMismatch,      // the offer does not fly the requested route
  kCount,
};

// "missing_field", "wrong_type", ...
std::string_view DropReasonName(DropReason r);

// Airports where a supplier's stated segment duration disagreed with the UTC offsets of the
// reference data's time zones (the stated duration was used; see Enricher), counted per airport.
// Only airports of the reference data are counted, so the codes come from a fixed table. A
// payload meets few such airports: a short list, in the order met.
struct ZoneDisagreements {
  struct Count {
    LocationCode airport;
    int count = 0;
  };
  std::vector<Count> counts;

  void Add(LocationCode airport, int n = 1);
  void Merge(const ZoneDisagreements& other);
  int total() const;
};

// What one supplier payload yielded: the offers (in the arena of the worker that parsed them) and
// the counts of what was dropped and why.
struct OfferBatch {
  explicit OfferBatch(std::pmr::memory_resource* arena) : offers(arena) {}

  std::pmr::vector<Offer> offers;
  int received = 0;  // offers seen in the payload, kept or not
  std::array<int, static_cast<std::size_t>(DropReason::kCount)> dropped{};
  std::string first_drop_detail;  // human-readable example of the first drop, for logs
  ZoneDisagreements zone_disagreements;

  int dropped_total() const;
  void Drop(DropReason reason, std::string_view detail);
  // Keeps the first `max_offers` offers (none when it is 0 or less): a supplier's configured cap,
  // for suppliers that send more than asked (Duffel has no limit parameter).
  void KeepFirst(int max_offers);

  // What a batch holds at one moment, to put it back as it was: a payload that fails leaves
  // nothing of itself in the batch, neither offers nor counts nor a drop detail.
  class Mark {
   public:
    explicit Mark(const OfferBatch& batch);
    void Restore(OfferBatch& batch) const;
    std::size_t offers() const { return offers_; }

   private:
    std::size_t offers_;
    int received_;
    std::array<int, static_cast<std::size_t>(DropReason::kCount)> dropped_;
    ZoneDisagreements zone_disagreements_;
    bool had_detail_;
  };
};

}  // namespace fareflow

#endif  // FAREFLOW_MODEL_OFFER_BATCH_H_
