#ifndef FAREFLOW_TESTS_SUPPORT_GENERATED_PAYLOAD_H_
#define FAREFLOW_TESTS_SUPPORT_GENERATED_PAYLOAD_H_

// Supplier answers in each wire shape, written from the built-in supplier's generated offers:
// payloads of any size for tests of how payloads are parsed, cut and split.

#include <cstdint>
#include <string>
#include <vector>

#include "core/arena.h"
#include "core/datetime.h"
#include "engine/supplier_kind.h"
#include "model/search_request.h"
#include "suppliers/amadeus/response_writer.h"
#include "suppliers/builtin/offer_generator.h"
#include "suppliers/duffel/response_writer.h"

namespace fareflow::testing_support {

// The wire shapes a supplier answers in.
enum class PayloadShape {
  kAmadeus,        // Flight Offers Search: {"data":[offers],"dictionaries":…}
  kDuffelRequest,  // an offer request with its offers: {"data":{…,"offers":[…]}}
  kDuffelList,     // a page of GET /air/offers: {"data":[offers],"meta":…}
};

inline SupplierKind KindOf(PayloadShape shape) {
  return shape == PayloadShape::kAmadeus ? SupplierKind::kAmadeus : SupplierKind::kDuffel;
}

// London–New York and back, 20–27 December 2026, `adults` adults, prices in euros.
inline SearchRequest GeneratedRoundTrip(int adults) {
  SearchRequest r;
  r.slices = {
      {LocationCode::Parse("LON"), LocationCode::Parse("NYC"), DaysFromCivil(2026, 12, 20)},
      {LocationCode::Parse("NYC"), LocationCode::Parse("LON"), DaysFromCivil(2026, 12, 27)}};
  r.passengers.adults = adults;
  r.currency = CurrencyCode::Parse("EUR");
  return r;
}

// `offers` generated offers for `request` (seeded by `seed`), written in `shape`.
inline std::string GeneratedPayload(PayloadShape shape, int offers, uint64_t seed,
                                    const SearchRequest& request) {
  Arena arena;
  builtin::GeneratorOptions options;
  options.offer_count = offers;
  options.seed = seed;
  const std::vector<Offer> generated = builtin::GenerateOffers(request, options, arena);
  std::string out;
  switch (shape) {
    case PayloadShape::kAmadeus:
      amadeus::WriteFlightOffersResponse(generated, request, out);
      break;
    case PayloadShape::kDuffelRequest:
      duffel::WriteOfferRequestResponse(generated, request, out);
      break;
    case PayloadShape::kDuffelList:
      duffel::WriteOffersListPage(generated, "", offers, out);
      break;
  }
  return out;
}

}  // namespace fareflow::testing_support

#endif  // FAREFLOW_TESTS_SUPPORT_GENERATED_PAYLOAD_H_
