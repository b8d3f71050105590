#include "cache/cache_key.h"

#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "core/hex.h"

namespace fareflow::cache {
namespace {

void AppendDate(std::string& out, Days day) {
  char date[10];
  FormatDate(day, date);
  out.append(date, sizeof date);
}

// XXH3-128 of `text`, big-endian (the canonical form), as 32 lowercase hex digits.
std::string Digest(std::string_view text) {
  XXH128_canonical_t canonical;
  XXH128_canonicalFromHash(&canonical, XXH3_128bits(text.data(), text.size()));
  return EncodeHex(
      std::string_view(reinterpret_cast<const char*>(canonical.digest), sizeof canonical.digest));
}

}  // namespace

CacheKey MakeCacheKey(std::string_view supplier, const SearchRequest& request) {
  CacheKey key;
  std::string& text = key.text;
  text.reserve(96 + supplier.size());
  text += "v1|";
  text += supplier;
  text += '|';
  for (std::size_t i = 0; i < request.slices.size(); ++i) {
    const SliceRequest& slice = request.slices[i];
    if (i > 0) text += ',';
    text += slice.origin.str();
    text += '>';
    text += slice.destination.str();
    text += ' ';
    AppendDate(text, slice.departure_date);
  }
  // Child ages in any order ask the same question of a supplier.
  std::vector<int> ages = request.passengers.child_ages;
  std::sort(ages.begin(), ages.end());
  text += "|a" + std::to_string(request.passengers.adults) + " c";
  for (std::size_t i = 0; i < ages.size(); ++i) {
    if (i > 0) text += ',';
    text += std::to_string(ages[i]);
  }
  text += " i" + std::to_string(request.passengers.infants);
  text += '|';
  text += CabinName(request.cabin);
  text += "|c";
  text += request.max_connections ? std::to_string(*request.max_connections) : "-";
  text += '|';
  text += request.currency.str();
  key.digest = Digest(text);
  key.departure = request.slices.empty() ? 0 : request.slices.front().departure_date;
  return key;
}

}  // namespace fareflow::cache
