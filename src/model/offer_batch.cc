#include "model/offer_batch.h"

#include <algorithm>

namespace fareflow {

std::string_view DropReasonName(DropReason r) {
  switch (r) {
    case DropReason::kMissingField:
      return "missing_field";
    case DropReason::kWrongType:
      return "wrong_type";
    case DropReason::kBadValue:
      return "bad_value";
    case DropReason::kUnknownSegmentRef:
      return "unknown_segment_ref";
    case DropReason::kInconsistent:
      return "inconsistent";
    case DropReason::kRouteMismatch:
      return "route_mismatch";
    case DropReason::kCount:
      break;
  }
  return "unknown";
}

void ZoneDisagreements::Add(LocationCode airport, int n) {
  for (Count& c : counts) {
    if (c.airport == airport) {
      c.count += n;
      return;
    }
  }
  counts.push_back({airport, n});
}

void ZoneDisagreements::Merge(const ZoneDisagreements& other) {
  for (const Count& c : other.counts) Add(c.airport, c.count);
}

int ZoneDisagreements::total() const {
  int n = 0;
  for (const Count& c : counts) n += c.count;
  return n;
}

void OfferBatch::KeepFirst(int max_offers) {
  const auto keep = static_cast<std::size_t>(std::max(max_offers, 0));
  if (offers.size() > keep) offers.resize(keep);
}

OfferBatch::Mark::Mark(const OfferBatch& batch)
    : offers_(batch.offers.size()),
      received_(batch.received),
      dropped_(batch.dropped),
      zone_disagreements_(batch.zone_disagreements),
      had_detail_(!batch.first_drop_detail.empty()) {}

void OfferBatch::Mark::Restore(OfferBatch& batch) const {
  batch.offers.resize(offers_);
  batch.received = received_;
  batch.dropped = dropped_;
  batch.zone_disagreements = zone_disagreements_;
  if (!had_detail_) batch.first_drop_detail.clear();
}

int OfferBatch::dropped_total() const {
  int n = 0;
  for (int d : dropped) n += d;
  return n;
}

void OfferBatch::Drop(DropReason reason, std::string_view detail) {
  ++dropped[static_cast<std::size_t>(reason)];
  if (first_drop_detail.empty()) {
    first_drop_detail = std::string(DropReasonName(reason)) + ": " + std::string(detail);
  }
}

}  // namespace fareflow
