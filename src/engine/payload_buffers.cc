#include "engine/payload_buffers.h"

#include <algorithm>

#include "engine/builtin_supplier.h"
#include "engine/recorded_search.h"

namespace fareflow {
namespace {

std::vector<std::string> NamesOf(std::span<const PayloadBuffer> payloads) {
  std::vector<SupplierKind> kinds;
  kinds.reserve(payloads.size());
  for (const PayloadBuffer& p : payloads) kinds.push_back(p.kind);
  return RecordedSupplierNames(kinds);
}

}  // namespace

PayloadBufferSource::PayloadBufferSource(std::vector<PayloadBuffer> payloads,
                                         std::optional<int> builtin_offers, WorkerPool& pool)
    : payloads_(std::move(payloads)),
      names_(NamesOf(payloads_)),
      builtin_offers_(builtin_offers),
      pool_(pool) {}

std::vector<SupplierOutcome> PayloadBufferSource::Fetch(RequestContext& context,
                                                        const Enricher& enricher,
                                                        std::chrono::steady_clock::time_point) {
  std::vector<std::size_t> sizes;
  for (const PayloadBuffer& payload : payloads_) sizes.push_back(payload.bytes.size());
  std::vector<SupplierOutcome> outcomes = ParseRecordedOnPool(
      payloads_.size(), pool_,
      [&](std::size_t i, simdjson::ondemand::parser& parser, SupplierOutcome& outcome) {
        ParseRecordedPayload(payloads_[i].kind, names_[i], payloads_[i].bytes,
                             static_cast<uint16_t>(i), enricher, parser, context, outcome, &pool_);
      },
      sizes);
  if (builtin_offers_) {
    outcomes.push_back(RunBuiltinSupplier(enricher, context, static_cast<uint16_t>(outcomes.size()),
                                          *builtin_offers_));
  }
  return outcomes;
}

std::string PayloadBufferSource::RecordingId(std::span<const SupplierOutcome> outcomes) const {
  return RecordedSearchId(builtin_offers_.has_value(),
                          outcomes.first(std::min(payloads_.size(), outcomes.size())));
}

}  // namespace fareflow
