// libFuzzer target: untrusted bytes as a value of the cache's Redis tier (written by another
// instance, another version, or anything else that can write to the same Redis), through
// DecodeEntry and both forms of DecompressPayload (into a string, and into an arena as a search
// reads it), the one decoder of cache entries.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "cache/cache_entry.h"
#include "cache/payload_frames.h"
#include "core/arena.h"
#include "core/result.h"
#include "fuzz/offer_invariants.h"

namespace {

// Payloads larger than this are refused before anything is allocated.
constexpr std::size_t kMaxPayload = std::size_t{1} << 20;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view value(reinterpret_cast<const char*>(data), size);
  const fareflow::Result<fareflow::cache::CacheEntry> entry = fareflow::cache::DecodeEntry(value);
  if (!entry) {
    fareflow::fuzz::Require(entry.error().code == fareflow::ErrorCode::kMalformed);
    return 0;
  }
  // The format has one spelling of each entry: what decodes encodes back to the same bytes.
  fareflow::fuzz::Require(fareflow::cache::EncodeEntry(*entry) == value);
  for (const auto& quote : entry->summary.cheapest_by_stops) {
    if (quote) fareflow::fuzz::Require(quote->carrier_count <= fareflow::Offer::kInlineCodes);
  }
  const fareflow::Result<std::string> payload =
      fareflow::cache::DecompressPayload(*entry, kMaxPayload);
  if (payload) {
    fareflow::fuzz::Require(payload->size() == entry->payload_size);
    fareflow::fuzz::Require(payload->size() <= kMaxPayload);
  } else {
    fareflow::fuzz::Require(payload.error().code == fareflow::ErrorCode::kMalformed);
  }
  // A search's form reads the same bytes, or refuses the same entries.
  fareflow::Arena arena;
  const auto held = fareflow::cache::DecompressPayload(*entry, kMaxPayload, arena);
  fareflow::fuzz::Require(held.has_value() == payload.has_value());
  if (held) {
    fareflow::fuzz::Require(std::string_view(held->data(), held->size()) == *payload);
  } else {
    fareflow::fuzz::Require(held.error().code == fareflow::ErrorCode::kMalformed);
  }
  return 0;
}
