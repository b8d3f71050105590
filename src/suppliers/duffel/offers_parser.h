#ifndef FAREFLOW_SUPPLIERS_DUFFEL_OFFERS_PARSER_H_
#define FAREFLOW_SUPPLIERS_DUFFEL_OFFERS_PARSER_H_

#include <cstdint>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "core/arena.h"
#include "core/result.h"
#include "enrich/enricher.h"
#include "model/offer_batch.h"
#include "suppliers/payload_piece.h"

namespace fareflow::duffel {

// What a Duffel response says beyond its offers.
struct PageInfo {
  std::string after;             // `meta.after` of a list page: the cursor of the next page
  std::string offer_request_id;  // `data.id` of an offer request, when present
};

// Parses Duffel offers and enriches each in the same pass. Accepts the three shapes Duffel
// answers with:
//   - an offer request (`POST /air/offer_requests`, `GET /air/offer_requests/{id}`):
//     `{"data":{"id":"orq_…","offers":[offer, …],…}}`
//   - a list page (`GET /air/offers`): `{"data":[offer, …],"meta":{"after":…,"limit":…}}`
//   - a single offer (`GET /air/offers/{id}`): `{"data":{offer}}`
// Good offers are appended to `out.offers`; malformed ones are dropped and counted in `out`.
//
// Lifetimes: `payload` must stay alive and unmoved as long as the offers, whose strings point
// into it; offers, slices and segments are allocated in `arena`. `parser` is the calling worker
// thread's parser.
//
// Returns an error (and leaves `out` as it was) when the payload as a whole is unusable:
// invalid or truncated JSON, a Duffel error envelope (`{"errors":[…],"meta":{…}}`, reported with
// its type, code, title and message), or no `data`.
Result<void> ParseOffers(simdjson::padded_string_view payload, simdjson::ondemand::parser& parser,
                         const Enricher& enricher, Arena& arena, uint16_t supplier, OfferBatch& out,
                         PageInfo* page = nullptr);

// The same for one piece of a payload parsed in two (suppliers/payload_piece.h): a kHead piece
// stops at `piece.cut` when its walk of an offers array lands on it and `piece.reopen` is what
// OffersTailReopen gives for that array; a kTail piece reads a tail document. A head never
// stops when `page` is given.
Result<void> ParseOffersPiece(simdjson::padded_string_view payload,
                              simdjson::ondemand::parser& parser, const Enricher& enricher,
                              Arena& arena, uint16_t supplier, OfferBatch& out,
                              suppliers::Piece& piece, PageInfo* page = nullptr);

// What a tail document of `payload` starts with: the containers of its offers array, as the
// first `data` key suggests (a list page or an offer request).
std::string_view OffersTailReopen(std::string_view payload);

// What every offer of an offers array begins with as Duffel writes it: a payload is cut in pieces
// and indexed in chunks just before it (suppliers/chunked_index.h). Payloads written otherwise are
// parsed the same, in one piece and indexed at once.
inline constexpr std::string_view kOfferStart = R"({"id":"off_)";

}  // namespace fareflow::duffel

#endif  // FAREFLOW_SUPPLIERS_DUFFEL_OFFERS_PARSER_H_
