#ifndef FAREFLOW_SUPPLIERS_AMADEUS_OFFER_WRITER_H_
#define FAREFLOW_SUPPLIERS_AMADEUS_OFFER_WRITER_H_

#include <cstddef>
#include <string>

#include "core/json_writer.h"
#include "model/offer.h"
#include "suppliers/amadeus/dictionaries.h"

namespace fareflow::amadeus {

// Writes the `index`-th flight-offer of a response (id index + 1): itineraries and segments,
// price, pricing options, validating carrier and a travelerPricing per passenger. Notes the codes
// it names in `seen`. `scratch` is reused between values.
void WriteOffer(JsonWriter& w, const Offer& offer, std::size_t index, DictionaryCodes& seen,
                std::string& scratch);

// The `fareDetailsBySegment` member of a travelerPricing: per segment its cabin, fare basis,
// branded fare, booking class, included bags and, for carriers that file them, the brand's
// amenities (offer_writer_fares.cc).
void WriteFareDetails(JsonWriter& w, const Offer& offer, std::string& scratch);

}  // namespace fareflow::amadeus

#endif  // FAREFLOW_SUPPLIERS_AMADEUS_OFFER_WRITER_H_
