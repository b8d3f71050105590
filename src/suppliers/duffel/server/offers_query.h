#ifndef FAREFLOW_SUPPLIERS_DUFFEL_SERVER_OFFERS_QUERY_H_
#define FAREFLOW_SUPPLIERS_DUFFEL_SERVER_OFFERS_QUERY_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "net/wire_exchange.h"
#include "suppliers/duffel/server/errors.h"

namespace fareflow::duffel {

// Orders of `GET /air/offers`: by offer id (Duffel's default), by `total_amount` or by
// `total_duration`, each ascending or, with a leading "-", descending.
enum class OffersSort : uint8_t { kId, kTotalAmount, kTotalDuration };

// The query of `GET /air/offers`, checked but not yet resolved against the stored offers.
struct OffersQuery {
  std::string offer_request_id;
  int limit = 50;  // 1..200
  OffersSort sort = OffersSort::kId;
  bool descending = false;
  std::optional<int> max_connections;  // 0..2, applied to every slice
  std::string after;                   // cursor, as sent; empty when absent
  std::string before;                  // cursor, as sent; empty when absent
};

// Reads `offer_request_id` (required), `limit` (1..200, default 50), `sort` ("total_amount",
// "-total_amount", "total_duration", "-total_duration"), `max_connections` (0..2), `after` and
// `before` (not both). Anything else is ignored. A missing or malformed parameter is a 400
// invalid_request_error naming it in `source.parameter`.
tl::expected<OffersQuery, DuffelProblem> ParseOffersQuery(const net::WireRequest& request);

// What a cursor is bound to: the offer request, the order and the filter of the listing, so that
// a cursor of one listing is refused by another instead of silently skipping offers.
uint64_t ListingFingerprint(const OffersQuery& query);

// An opaque cursor ("g2wAAAAC…"-like URL-safe text) for position `position` of the listing.
std::string EncodeCursor(std::size_t position, uint64_t fingerprint);

// The position of a cursor made by EncodeCursor with the same fingerprint; nullopt for anything
// else.
std::optional<std::size_t> DecodeCursor(std::string_view cursor, uint64_t fingerprint);

// The half-open range [begin, end) of positions one page shows.
struct PageRange {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// The page of a listing of `total` items: the first `limit` ones; with `after`, the `limit`
// items from position `*after`; with `before`, the `limit` items just before position
// `*before`. Positions beyond `total` are clamped.
PageRange SelectPage(std::size_t total, int limit, std::optional<std::size_t> after,
                     std::optional<std::size_t> before);

}  // namespace fareflow::duffel

#endif  // FAREFLOW_SUPPLIERS_DUFFEL_SERVER_OFFERS_QUERY_H_
