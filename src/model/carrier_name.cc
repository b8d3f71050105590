#include "model/carrier_name.h"

#include "refdata/airlines.h"

namespace fareflow {

std::string_view CarrierDisplayName(AirlineCode code, std::string_view supplier_name) {
  if (!code.valid()) return {};
  if (!supplier_name.empty()) return supplier_name;
  const refdata::Airline* airline = refdata::FindAirline(code);
  return airline != nullptr ? airline->name : std::string_view();
}

std::string_view MarketingCarrierDisplayName(const Offer& offer, AirlineCode code) {
  for (const Slice& slice : offer.slices) {
    for (const Segment& seg : slice.segments) {
      if (seg.marketing_carrier == code)
        return CarrierDisplayName(code, seg.marketing_carrier_name);
    }
  }
  return CarrierDisplayName(code, {});
}

}  // namespace fareflow
