#ifndef FAREFLOW_SUPPLIERS_BUILTIN_OFFER_GENERATOR_H_
#define FAREFLOW_SUPPLIERS_BUILTIN_OFFER_GENERATOR_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "core/arena.h"
#include "core/codes.h"
#include "core/datetime.h"
#include "model/offer.h"
#include "model/search_request.h"

namespace fareflow::builtin {

// What the synthetic offer generator is asked for beyond the search itself.
struct GeneratorOptions {
  // Seeds every choice the generator makes (schedules, carriers picked, prices). Absent: derived
  // from the request (RequestSeed), so the same search always yields the same offers.
  std::optional<uint64_t> seed;
  // How many offers to produce. Reached exactly unless the route cannot yield that many
  // distinct (itinerary combination, fare brand) offers, or the route is unknown (zero offers).
  int offer_count = 200;
  // Currency of every amount. Invalid: the request's currency. A currency without an FX rate
  // falls back to EUR.
  CurrencyCode currency;
  // The day the search is made, for the days-to-departure price curve. Absent: 45 days before
  // the first departure (a neutral price level), so results do not depend on the clock.
  std::optional<Days> booking_date;
  // Share (0..100) of itinerary combinations whose supplier states CO2 emissions; the others
  // leave Offer::supplier_co2_grams at -1 for the Enricher's estimate.
  int co2_percent = 60;
};

// The seed GeneratorOptions uses by default: a hash of every slice, the passengers and the cabin.
uint64_t RequestSeed(const SearchRequest& request);

// Generates plausible flight offers for `request`: for every requested slice, direct flights
// between the (metro-expanded) endpoints when an aircraft can fly them, one-stop connections over
// large airports near the great-circle route, two-stop ones when fewer options exist; carriers of
// the countries involved; local times through each airport's time zone with minimum connection
// times respected; several fare brands per itinerary combination with their bags and
// conditions; prices per passenger type. Offers are ordered by total price.
//
// Only supplier fields are filled (see model/offer.h); derived fields keep their defaults and are
// computed by the caller's Enricher. Deterministic: the same request and options give the same
// offers on every platform (a splitmix64 stream, integer arithmetic for money).
//
// Lifetimes: slices, segments, passenger prices and generated strings are allocated in `arena`;
// the remaining strings point into static reference data. The offers are valid until the arena
// is released.
std::vector<Offer> GenerateOffers(const SearchRequest& request, const GeneratorOptions& options,
                                  Arena& arena);

}  // namespace fareflow::builtin

#endif  // FAREFLOW_SUPPLIERS_BUILTIN_OFFER_GENERATOR_H_
