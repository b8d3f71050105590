#ifndef FAREFLOW_SUPPLIERS_DUFFEL_RESPONSE_WRITER_H_
#define FAREFLOW_SUPPLIERS_DUFFEL_RESPONSE_WRITER_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "model/offer.h"
#include "model/search_request.h"

namespace fareflow::duffel {

// Writers of Duffel API v2 response bodies, for the supplier emulators, tests and benchmarks.
// Offers are written in the full Offer shape Duffel sends, noise included: deterministic ids
// ("off_…", "sli_…", "seg_…", "pas_…", "ase_…", "aln_…", "arc_…"), place objects with time zone,
// coordinates and city from the reference data, carrier objects with names and logo URLs,
// aircraft, per-passenger baggages and cabin amenities, fare brand, slice and offer conditions
// with penalties, total_emissions_kg (all seated passengers), a checked-bag available_service per
// passenger and slice, payment requirements.
//
// Only supplier fields of the offers are read (derived fields are used when set and computed
// through the reference time zones otherwise). The same offers always produce the same bytes.
// Writing never fails; offers are not validated. Each function appends to `out`.

// `POST /air/offer_requests` (`return_offers=true`) and `GET /air/offer_requests/{id}`:
// `{"data":{"id":"orq_…","live_mode":false,"created_at":…,"cabin_class":…,"slices":[…],
// "passengers":[…],"offers":[…]}}`. Slices, passengers (with children's ages) and the cabin come
// from `request`; every offer lists the request's passengers with the same ids.
void WriteOfferRequestResponse(std::span<const Offer> offers, const SearchRequest& request,
                               std::string& out);

// One page of `GET /air/offers?offer_request_id=…`:
// `{"meta":{"limit":…,"before":null,"after":…},"data":[offer, …]}`. `after_cursor` empty writes
// `"after":null` (the last page). Passengers come from each offer's passenger_prices.
void WriteOffersListPage(std::span<const Offer> offers, std::string_view after_cursor, int limit,
                         std::string& out);

// What ties the responses about one offer request together, so that an emulator can answer
// `POST /air/offer_requests`, `GET /air/offer_requests/{id}`, `GET /air/offers` and
// `GET /air/offers/{id}` consistently: with the same context, the same `offers` and the same
// `request`, an offer has the same id, passengers and times in every response, and the offer
// request the same "orq_…" id.
struct OfferRequestContext {
  // Seeds every id. WriteOfferRequestResponse(offers, request, out) uses
  // DefaultOfferRequestKey(offers, request).
  uint64_t key = 0;
  // When the offer request was created (Unix seconds): its `created_at` and every offer's
  // `created_at`/`updated_at`, with `expires_at` 30 minutes later. -1: a month before the first
  // departure, at a time of day drawn from `key` (clock-free, as WriteOfferRequestResponse).
  int64_t created_unix_seconds = -1;
};

// The key WriteOfferRequestResponse(offers, request, out) draws its ids from.
uint64_t DefaultOfferRequestKey(std::span<const Offer> offers, const SearchRequest& request);

// The offer request's id ("orq_…") as the functions below write it.
std::string OfferRequestId(const OfferRequestContext& context);

// The id ("off_…") the functions below give `offer`, the `index`-th offer of the request.
std::string OfferId(const Offer& offer, std::size_t index, const OfferRequestContext& context);

// As WriteOfferRequestResponse, with ids and times from `context`; `include_offers` false writes
// `"offers":[]` (`return_offers=false`).
void WriteOfferRequest(std::span<const Offer> offers, const SearchRequest& request,
                       const OfferRequestContext& context, bool include_offers, std::string& out);

// `meta` of a list page. An empty cursor is written as null.
struct ListPageMeta {
  int limit = 50;
  std::string_view before;
  std::string_view after;
};

// One page of `GET /air/offers?offer_request_id=…` holding `offers[i]` for each i of `indices`,
// in that order: `{"meta":{"limit":…,"before":…,"after":…},"data":[offer, …]}`. Each offer is
// written exactly as in WriteOfferRequest with the same arguments.
void WriteOfferRequestOffersPage(std::span<const Offer> offers,
                                 std::span<const std::size_t> indices, const SearchRequest& request,
                                 const OfferRequestContext& context, const ListPageMeta& meta,
                                 std::string& out);

// `GET /air/offers/{id}`: `{"data":{offer}}`, the `index`-th offer of the request, written
// exactly as in WriteOfferRequest with the same arguments.
void WriteOfferRequestOffer(const Offer& offer, std::size_t index, const SearchRequest& request,
                            const OfferRequestContext& context, std::string& out);

}  // namespace fareflow::duffel

#endif  // FAREFLOW_SUPPLIERS_DUFFEL_RESPONSE_WRITER_H_
