#ifndef FAREFLOW_ENRICH_ENRICHER_H_
#define FAREFLOW_ENRICH_ENRICHER_H_

#include <optional>
#include <span>
#include <vector>

#include "core/arena.h"
#include "core/codes.h"
#include "model/offer.h"
#include "model/offer_batch.h"
#include "model/search_request.h"
#include "refdata/fx_rates.h"

namespace fareflow {

// Computes every derived field of an offer once, right after a parser has filled the supplier's
// fields and while the offer is still hot in cache (the "one combined pass" of the design):
// UTC times and durations through each airport's time zone, stops, layovers, arrival day offsets,
// codeshare flags, distances, prices in the requested currency and per adult, CO2 per passenger,
// the dedupe key, and the route check against the request.
//
// Immutable after construction and safe to share between worker threads. Holds a pointer to the
// FxRates passed in, which must outlive it.
class Enricher {
 public:
  Enricher(const SearchRequest& request, const refdata::FxRates& fx);

  // Fills the derived fields of `offer`, allocating its layovers in `arena`. Returns the reason
  // to drop the offer (a flight impossible whichever time source is right, a currency without a
  // rate, a route the request did not ask for), or nullopt when the offer is good.
  //
  // Where the supplier states a segment's duration and it disagrees with the reference data's
  // zones, the stated duration is used and both ends' airports are counted in `disagreements`
  // (when given; either zone may be the wrong one). The built-in supplier's durations come from
  // the same zones and pass none.
  std::optional<DropReason> Enrich(Offer& offer, Arena& arena,
                                   ZoneDisagreements* disagreements = nullptr) const;

  CurrencyCode currency() const { return currency_; }

 private:
  CurrencyCode currency_;
  const refdata::FxRates* fx_;
  int adults_;
  int passengers_;  // seats: adults + children (infants on laps emit no extra CO2 share)
  // Per requested slice, the accepted origin and destination airports (cities expanded);
  // empty when the route is not checked (e.g. recorded payloads without a route).
  std::vector<std::vector<LocationCode>> origins_;
  std::vector<std::vector<LocationCode>> destinations_;
};

}  // namespace fareflow

#endif  // FAREFLOW_ENRICH_ENRICHER_H_
