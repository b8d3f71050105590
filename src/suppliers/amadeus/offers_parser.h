#ifndef FAREFLOW_SUPPLIERS_AMADEUS_OFFERS_PARSER_H_
#define FAREFLOW_SUPPLIERS_AMADEUS_OFFERS_PARSER_H_

#include <cstdint>
#include <string_view>

#include <simdjson.h>

#include "core/arena.h"
#include "core/result.h"
#include "enrich/enricher.h"
#include "model/offer_batch.h"
#include "suppliers/payload_piece.h"

namespace fareflow::amadeus {

// Parses an Amadeus Flight Offers Search v2 response body
// (`{"meta":{…},"data":[flight-offer, …],"dictionaries":{…}}`) and enriches every offer in the
// same pass, appending the good ones to `out.offers` and counting the dropped ones in `out`.
//
// Lifetimes: `payload` must stay alive and unmoved as long as the offers, whose strings point
// into it; offers, slices and segments are allocated in `arena`. `parser` is the calling worker
// thread's parser (one per thread, reused across payloads).
//
// Returns an error (and leaves `out` as it was) when the payload as a whole is unusable:
// invalid or truncated JSON, a top level that is not an object, an Amadeus error envelope
// (`{"errors":[…]}`, reported with its code, title and detail), or no `data` array.
Result<void> ParseFlightOffers(simdjson::padded_string_view payload,
                               simdjson::ondemand::parser& parser, const Enricher& enricher,
                               Arena& arena, uint16_t supplier, OfferBatch& out);

// The same for one piece of a payload parsed in two (suppliers/payload_piece.h): a kHead piece
// stops at `piece.cut` when its walk of `data` lands on it and `piece.reopen` is
// FlightOffersTailReopen(); a kTail piece reads a tail document and also returns the carrier
// names of its dictionaries, which the head's offers take. A head that stopped neither names its
// offers' carriers nor checks what follows the cut: the tail does.
Result<void> ParseFlightOffersPiece(simdjson::padded_string_view payload,
                                    simdjson::ondemand::parser& parser, const Enricher& enricher,
                                    Arena& arena, uint16_t supplier, OfferBatch& out,
                                    suppliers::Piece& piece);

// What a tail document starts with: the containers every Amadeus offer is in.
std::string_view FlightOffersTailReopen();

// What every element of `data` begins with as Amadeus writes it: a payload is cut in pieces and
// indexed in chunks just before it (suppliers/chunked_index.h). Payloads written otherwise, with
// whitespace or another first key, are parsed the same, in one piece and indexed at once.
inline constexpr std::string_view kFlightOfferStart = R"({"type":"flight-offer")";

}  // namespace fareflow::amadeus

#endif  // FAREFLOW_SUPPLIERS_AMADEUS_OFFERS_PARSER_H_
