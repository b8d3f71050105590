#ifndef FAREFLOW_CACHE_CACHE_KEY_H_
#define FAREFLOW_CACHE_CACHE_KEY_H_

#include <string>
#include <string_view>

#include "core/datetime.h"
#include "model/search_request.h"

namespace fareflow::cache {

// What names one supplier answer in the cache: everything the answer depends on, and nothing it
// does not (filters, sort, page and the deadline are applied after it arrives).
struct CacheKey {
  // Canonical and readable, e.g. "v1|amadeus-1 amadeus https://test.api.amadeus.com 250|
  // MAD>BCN 2027-01-05,BCN>MAD 2027-01-12|a2 c7,10 i0|economy|c-|EUR": the supplier, then slices
  // (origin, destination, date), passengers (adults, child ages sorted, infants), cabin, max
  // connections ("-" when not asked) and currency. Stored in the entry, so that a digest
  // collision reads as a miss.
  std::string text;
  // 32 lowercase hex digits, XXH3-128 of `text`: the entry's name in the Redis tier.
  std::string digest;
  // The first slice's departure date: how long an answer stays fresh (cache/freshness.h).
  Days departure = 0;
};

// The key of `supplier`'s answer to `request`. `supplier` names the configured supplier and
// whatever else changes its answers for the same request (the fan-out passes name, kind, base
// URL and max_offers); it may hold any characters.
CacheKey MakeCacheKey(std::string_view supplier, const SearchRequest& request);

}  // namespace fareflow::cache

#endif  // FAREFLOW_CACHE_CACHE_KEY_H_
