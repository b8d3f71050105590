#include <string_view>

#include "suppliers/amadeus/offer_writer.h"
#include "suppliers/amadeus/writer_values.h"

namespace fareflow::amadeus {
namespace {

// The brand's code as Amadeus writes brandedFare: the last word of the brand in upper case
// ("Economy Light" -> "LIGHT").
void BrandCode(JsonWriter& w, std::string_view brand, std::string& scratch) {
  const std::size_t space = brand.rfind(' ');
  Upper(w, space == std::string_view::npos ? brand : brand.substr(space + 1), scratch);
}
// Whether Amadeus lists amenities for the fares of `carrier`: only for carriers that file them
// with their branded fares, about half of them here (a fixed pick by code).
bool FilesAmenities(AirlineCode carrier) {
  return carrier.valid() && ((carrier.index() * 2654435761u) >> 7) % 2 == 0;
}

// The amenities Amadeus lists for a branded fare: bags, changes, refunds, meals.
void Amenities(JsonWriter& w, const Offer& offer) {
  struct Amenity {
    std::string_view description;
    bool chargeable;
    std::string_view type;
  };
  const bool checked = offer.bags.IncludesChecked();
  const bool changeable = offer.conditions.changeable == Tristate::kYes;
  const bool refundable = offer.conditions.refundable == Tristate::kYes;
  const bool business = offer.cabin == Cabin::kBusiness || offer.cabin == Cabin::kFirst;
  const Amenity amenities[] = {
      {"CHECKED BAG 1PC OF 23KG 158CM", !checked, "BAGGAGE"},
      {"CHANGEABLE TICKET", !changeable || offer.conditions.change_penalty.minor > 0,
       "BRANDED_FARES"},
      {"REFUNDABLE TICKET", !refundable || offer.conditions.refund_penalty.minor > 0,
       "BRANDED_FARES"},
      {business ? "PRIORITY BOARDING" : "SNACK", false, business ? "TRAVEL_SERVICES" : "MEAL"},
  };
  w.Key("amenities");
  w.BeginArray();
  for (const Amenity& a : amenities) {
    w.BeginObject();
    w.Key("description");
    w.PlainString(a.description);
    w.Key("isChargeable");
    w.Bool(a.chargeable);
    w.Key("amenityType");
    w.PlainString(a.type);
    w.Key("amenityProvider");
    w.BeginObject();
    w.Key("name");
    w.PlainString("BrandedFare");
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace

void WriteFareDetails(JsonWriter& w, const Offer& offer, std::string& scratch) {
  w.Key("fareDetailsBySegment");
  w.BeginArray();
  std::size_t id = 0;
  for (const Slice& slice : offer.slices) {
    const std::string_view brand = slice.fare_brand.empty() ? offer.fare_brand : slice.fare_brand;
    for (const Segment& s : slice.segments) {
      w.BeginObject();
      w.Key("segmentId");
      Index(w, ++id);
      w.Key("cabin");
      w.PlainString(CabinCode(s.cabin == Cabin::kUnknown ? offer.cabin : s.cabin));
      if (!s.fare_basis.empty()) {
        w.Key("fareBasis");
        w.String(s.fare_basis);
      }
      if (!brand.empty()) {
        w.Key("brandedFare");
        BrandCode(w, brand, scratch);
        w.Key("brandedFareLabel");
        Upper(w, brand, scratch);
      }
      if (!s.booking_class.empty()) {
        w.Key("class");
        w.String(s.booking_class);
      }
      if (offer.bags.checked_weight_kg > 0) {
        w.Key("includedCheckedBags");
        w.BeginObject();
        w.Key("weight");
        w.Int(offer.bags.checked_weight_kg);
        w.Key("weightUnit");
        w.PlainString("KG");
        w.EndObject();
      } else if (offer.bags.checked_pieces >= 0) {
        w.Key("includedCheckedBags");
        w.BeginObject();
        w.Key("quantity");
        w.Int(offer.bags.checked_pieces);
        w.EndObject();
      }
      if (offer.bags.cabin_pieces >= 0) {
        w.Key("includedCabinBags");
        w.BeginObject();
        w.Key("quantity");
        w.Int(offer.bags.cabin_pieces);
        w.EndObject();
      }
      if (FilesAmenities(offer.validating_carrier)) Amenities(w, offer);
      w.EndObject();
    }
  }
  w.EndArray();
}

}  // namespace fareflow::amadeus
