#ifndef FAREFLOW_SUPPLIERS_DUFFEL_CLIENT_OFFERS_PAGE_H_
#define FAREFLOW_SUPPLIERS_DUFFEL_CLIENT_OFFERS_PAGE_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"

namespace fareflow::duffel {

// Paging Duffel's offers: `POST /air/offer_requests?return_offers=false` answers the offer
// request without offers, then `GET /air/offers?offer_request_id=…&limit=…&sort=…&after=…`
// answers pages `{"data":[offer, …],"meta":{"limit":N,"before":…,"after":"cursor"|null}}`,
// followed by `meta.after` until it is null.

// The path and query of one page of the offers of `offer_request_id`: at most `limit` offers
// (Duffel takes 1..200), ordered by `sort` ("total_amount", "total_duration"; empty: Duffel's
// default order, by id), after the cursor `after` (empty: the first page). Values are
// percent-encoded.
std::string DuffelOffersPageTarget(std::string_view offer_request_id, int limit,
                                   std::string_view sort, std::string_view after);

// `data.id` of an offer request answer (`orq_…`). An error when the body is not JSON, has no
// `data` object or its `id` is not a non-empty string.
Result<std::string> ReadOfferRequestId(std::string_view body);

// What the client needs of a page before it is parsed: how many offers it holds, where they are
// (so that pages can be joined into one list), and the cursor of the next page.
struct OffersPageInfo {
  int offers = 0;           // elements of `data`
  std::size_t items_begin;  // [items_begin, items_end) of the body: the offers, between the
  std::size_t items_end;    // brackets of `data` (empty when it has none)
  std::string after;        // `meta.after`; empty when null or absent: the last page
};

// Reads a list page's `data` array (counted and located, not parsed) and `meta.after`, in any
// order of the keys. An error when the body is not JSON or `data` is not an array.
Result<OffersPageInfo> ReadOffersPage(std::string_view body);

// Pages joined into one list-form answer the Duffel parser reads (offers_parser.h): the head,
// each page's items (OffersPageInfo) separated by commas, and the tail. Static text.
inline constexpr std::string_view kJoinedPagesHead = R"({"data":[)";
inline constexpr std::string_view kJoinedPagesTail =
    R"(],"meta":{"limit":null,"before":null,"after":null}})";

}  // namespace fareflow::duffel

#endif  // FAREFLOW_SUPPLIERS_DUFFEL_CLIENT_OFFERS_PAGE_H_
