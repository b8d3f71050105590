#include "engine/payload_parser.h"

#include "suppliers/amadeus/flight_offers_parser.h"
#include "suppliers/duffel/offers_parser.h"

namespace fareflow {

Result<void> ParsePayload(SupplierKind kind, simdjson::padded_string_view payload,
                          simdjson::ondemand::parser& parser, const Enricher& enricher,
                          Arena& arena, uint16_t supplier, OfferBatch& out) {
  switch (kind) {
    case SupplierKind::kAmadeus:
      return amadeus::ParseFlightOffers(payload, parser, enricher, arena, supplier, out);
    case SupplierKind::kDuffel:
      return duffel::ParseOffers(payload, parser, enricher, arena, supplier, out);
    case SupplierKind::kBuiltin:
      break;
  }
  return MakeError(ErrorCode::kUnsupported, "the built-in supplier has no wire format");
}

}  // namespace fareflow
