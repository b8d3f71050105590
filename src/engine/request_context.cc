#include "engine/request_context.h"

#include <vector>

namespace fareflow {

Arena& RequestContext::NewArena() {
  auto arena = std::make_unique<Arena>(1 << 20);
  std::lock_guard lock(mu_);
  arenas_.push_back(std::move(arena));
  return *arenas_.back();
}

OfferBatch& RequestContext::NewBatch(Arena& arena) {
  auto batch = std::make_unique<OfferBatch>(arena.resource());
  std::lock_guard lock(mu_);
  batches_.push_back(std::move(batch));
  return *batches_.back();
}

const simdjson::padded_string& RequestContext::AddPayload(simdjson::padded_string bytes) {
  auto stored = std::make_unique<simdjson::padded_string>(std::move(bytes));
  std::lock_guard lock(mu_);
  payloads_.push_back(std::move(stored));
  return *payloads_.back();
}

const MappedFile& RequestContext::AddPayload(MappedFile file) {
  std::lock_guard lock(mu_);
  mapped_payloads_.push_back(std::move(file));
  return mapped_payloads_.back();
}

namespace {

template <typename T>
std::size_t VectorBytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

// The request's heap bytes beyond the struct itself: bounded by validation (a few hundred bytes),
// counted so that nothing a stored search keeps is left out.
std::size_t RequestHeapBytes(const SearchRequest& r) {
  const Filters& f = r.filters;
  return VectorBytes(r.slices) + VectorBytes(r.passengers.child_ages) + r.cursor.capacity() +
         VectorBytes(f.slice_max_stops) + VectorBytes(f.include_airlines) +
         VectorBytes(f.exclude_airlines) + VectorBytes(f.include_alliances) +
         VectorBytes(f.exclude_alliances) + VectorBytes(f.departure_windows) +
         VectorBytes(f.arrival_windows) + VectorBytes(f.layover_airports_include) +
         VectorBytes(f.layover_airports_exclude);
}

}  // namespace

std::size_t RequestContext::MemoryBytes() {
  std::lock_guard lock(mu_);
  std::size_t bytes = sizeof(RequestContext) + RequestHeapBytes(request_);
  bytes += main_arena_.reserved_bytes();
  // Offers and their vectors live in the arenas, so the arenas' blocks count them.
  for (const auto& arena : arenas_) bytes += sizeof(Arena) + arena->reserved_bytes();
  for (const auto& batch : batches_) {
    bytes += sizeof(OfferBatch) + batch->first_drop_detail.capacity();
  }
  for (const auto& payload : payloads_) {
    bytes += sizeof(simdjson::padded_string) + payload->size() + simdjson::SIMDJSON_PADDING;
  }
  // The capacity, not the size: AddPayload may have grown the string for the padding, and an
  // HTTP body's string may have reserved more than it holds.
  for (const auto& payload : string_payloads_) bytes += sizeof(std::string) + payload->capacity();
  for (const MappedFile& payload : mapped_payloads_) bytes += payload.mapped_bytes();
  // The deques' own blocks: one pointer per element, rounded up by their block size.
  bytes += (batches_.size() + arenas_.size() + payloads_.size() + string_payloads_.size()) *
               sizeof(void*) +
           mapped_payloads_.size() * sizeof(MappedFile);
  return bytes;
}

simdjson::padded_string_view RequestContext::AddPayload(std::string bytes) {
  return AddSharedPayload(std::move(bytes)).first;
}

std::pair<simdjson::padded_string_view, std::shared_ptr<const std::string>>
RequestContext::AddSharedPayload(std::string bytes) {
  const std::size_t size = bytes.size();
  if (bytes.capacity() < size + simdjson::SIMDJSON_PADDING) {
    // Into a fresh string: reserve() on `bytes` itself grows geometrically (libstdc++ doubles the
    // capacity), which held twice every body that arrived without spare room.
    std::string padded;
    padded.reserve(size + simdjson::SIMDJSON_PADDING);
    padded.append(bytes);
    bytes = std::move(padded);
  }
  auto stored = std::make_shared<const std::string>(std::move(bytes));
  const simdjson::padded_string_view view(stored->data(), size, stored->capacity());
  std::lock_guard lock(mu_);
  string_payloads_.push_back(stored);
  return {view, std::move(stored)};
}

void RequestContext::Release() {
  std::lock_guard lock(mu_);
  batches_.clear();
  arenas_.clear();
  payloads_.clear();
  string_payloads_.clear();
  mapped_payloads_.clear();
  main_arena_.Release();
}

}  // namespace fareflow
