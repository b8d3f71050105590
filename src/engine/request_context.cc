#include "engine/request_context.h"

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

std::size_t RequestContext::MemoryBytes() {
  std::lock_guard lock(mu_);
  std::size_t bytes = main_arena_.reserved_bytes();
  for (const auto& arena : arenas_) bytes += arena->reserved_bytes();
  for (const auto& payload : payloads_) bytes += payload->size() + simdjson::SIMDJSON_PADDING;
  return bytes;
}

simdjson::padded_string_view RequestContext::AddPayload(std::string bytes) {
  const std::size_t size = bytes.size();
  if (bytes.capacity() < size + simdjson::SIMDJSON_PADDING) {
    bytes.reserve(size + simdjson::SIMDJSON_PADDING);
  }
  auto stored = std::make_unique<std::string>(std::move(bytes));
  const simdjson::padded_string_view view(stored->data(), size, stored->capacity());
  std::lock_guard lock(mu_);
  string_payloads_.push_back(std::move(stored));
  return view;
}

void RequestContext::Release() {
  std::lock_guard lock(mu_);
  batches_.clear();
  arenas_.clear();
  payloads_.clear();
  string_payloads_.clear();
  main_arena_.Release();
}

}  // namespace fareflow
