#ifndef FAREFLOW_MODEL_OFFER_H_
#define FAREFLOW_MODEL_OFFER_H_

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "core/codes.h"
#include "core/datetime.h"
#include "core/money.h"
#include "model/cabin.h"

namespace fareflow {

// The canonical flight offer: offer -> slices -> segments. Every supplier format is parsed into
// these plain structs, and enrichment fills the "derived" fields once, in the same pass.
//
// Lifetimes: offers live in a request's Arena (see core/arena.h). Spans point into the same arena.
// String views point either into the supplier payload bytes (which the request keeps alive until
// it has released its arenas), into the arena, or into static reference data. Nothing here owns
// memory, so every struct is trivially copyable and trivially destructible.

// Sentinel for "the supplier did not say".
inline constexpr int16_t kUnknownCount = -1;
// Sentinel time zone index (see refdata/time_zones.h): none known.
inline constexpr uint16_t kNoTimeZone = 0xFFFF;

struct Segment {
  std::string_view supplier_segment_id;
  LocationCode origin;
  LocationCode destination;
  std::string_view origin_terminal;
  std::string_view destination_terminal;
  Minutes departure_local = 0;  // wall clock at origin
  Minutes arrival_local = 0;    // wall clock at destination
  AirlineCode marketing_carrier;
  AirlineCode operating_carrier;  // == marketing_carrier when not codeshared
  // The names the supplier gave the two carriers (see suppliers/carrier_names.h); empty when it
  // gave none or the reference data's, and answers then name the carrier from the reference
  // data. Views one copy per supplier payload, shared by all its segments.
  std::string_view marketing_carrier_name;
  std::string_view operating_carrier_name;
  std::string_view marketing_flight_number;  // digits only, "1234"
  std::string_view operating_flight_number;  // may be empty
  std::string_view aircraft_code;            // IATA code, "359"
  Cabin cabin = Cabin::kUnknown;
  std::string_view booking_class;  // RBD, "Y"
  std::string_view fare_basis;
  int16_t technical_stops = 0;
  int32_t supplier_duration_minutes = -1;  // as the supplier stated it, -1 when absent
  // Zones the supplier named for the endpoints (Duffel sends IANA names); used only for airports
  // missing from the reference data.
  uint16_t supplier_origin_zone = kNoTimeZone;
  uint16_t supplier_destination_zone = kNoTimeZone;

  // Derived by enrichment.
  Minutes departure_utc = 0;
  Minutes arrival_utc = 0;
  int32_t duration_minutes = 0;  // arrival_utc - departure_utc
  int32_t distance_km = 0;       // great circle, 0 when an airport is unknown
  bool codeshare = false;        // operating carrier differs from marketing carrier
};

struct Layover {
  LocationCode arrival_airport;    // where the previous segment lands
  LocationCode departure_airport;  // where the next one leaves (differs on an airport change)
  int32_t minutes = 0;
  bool overnight = false;          // the layover spans local midnight at the connecting airport
  bool change_of_airport = false;  // e.g. arrive LGW, leave LHR
};

// Bags included per passenger. kUnknownCount when the supplier did not say.
struct BagAllowance {
  int16_t checked_pieces = kUnknownCount;
  int16_t checked_weight_kg = kUnknownCount;  // set when the allowance is by weight
  int16_t cabin_pieces = kUnknownCount;

  // True when at least one checked bag (by piece or weight) is included.
  bool IncludesChecked() const { return checked_pieces > 0 || checked_weight_kg > 0; }
};

// -1 unknown, 0 no, 1 yes.
enum class Tristate : int8_t { kUnknown = -1, kNo = 0, kYes = 1 };

struct Conditions {
  Tristate refundable = Tristate::kUnknown;
  Tristate changeable = Tristate::kUnknown;
  Money refund_penalty;  // currency invalid when none given
  Money change_penalty;
};

struct Slice {
  std::span<Segment> segments;
  std::string_view fare_brand;  // may be empty
  int32_t supplier_duration_minutes = -1;

  // Derived by enrichment.
  std::span<Layover> layovers;  // segments.size() - 1 entries
  LocationCode origin;          // first segment's origin
  LocationCode destination;     // last segment's destination
  Minutes departure_local = 0;
  Minutes arrival_local = 0;
  Minutes departure_utc = 0;
  Minutes arrival_utc = 0;
  int32_t duration_minutes = 0;    // first departure to last arrival, in real elapsed time
  int16_t stops = 0;               // connections plus technical stops
  int16_t arrival_day_offset = 0;  // local arrival date minus local departure date
  bool has_airport_change = false;
};

enum class PassengerType : uint8_t { kAdult, kChild, kInfant };

// What one passenger of a type pays, and how many passengers of that type are in the offer.
struct PassengerPrice {
  PassengerType type = PassengerType::kAdult;
  int16_t count = 0;
  Money total_each;  // supplier currency
};

// One supplier's price for an offer; dedupe merges identical offers and keeps every price.
struct PricingOption {
  uint16_t supplier = 0;  // index of the supplier in the search
  std::string_view supplier_offer_id;
  Money total;            // supplier currency
  Money total_requested;  // requested currency
};

// Tags computed by ranking; a bit set.
enum OfferTag : uint8_t {
  kTagBest = 1,
  kTagCheapest = 2,
  kTagFastest = 4,
};

struct Offer {
  uint16_t supplier = 0;  // index of the supplier in the search
  std::string_view supplier_offer_id;
  AirlineCode validating_carrier;            // owner / validating airline, may be invalid
  std::string_view validating_carrier_name;  // the supplier's name for it, as in Segment
  std::span<Slice> slices;
  Money total;  // supplier currency, all passengers
  Money base;   // without taxes; currency invalid when not given
  std::span<PassengerPrice> passenger_prices;
  Cabin cabin = Cabin::kUnknown;  // cabin of the longest segment
  std::string_view fare_brand;    // first slice's brand, or empty
  BagAllowance bags;              // least generous over all segments, per passenger
  Conditions conditions;
  int32_t supplier_co2_grams = -1;  // whole offer per passenger as the supplier gave it; -1 none
  int16_t seats_available = kUnknownCount;

  // Derived by enrichment.
  Money total_requested;               // total in the requested currency
  Money per_adult_requested;           // one adult's share in the requested currency
  int32_t total_duration_minutes = 0;  // sum of slice durations
  int16_t total_stops = 0;
  int16_t max_slice_stops = 0;
  int16_t airport_changes = 0;
  int32_t co2_grams = 0;  // per passenger: supplier figure, else the estimate
  bool co2_estimated = false;
  uint64_t dedupe_key = 0;  // same flights + cabin + fare brand => same key
  // Facets read these instead of walking slices, segments and layovers, which live elsewhere in
  // the arena: one cache line per offer instead of several. The distinct marketing carriers and
  // connecting airports (both sides of every layover) in the order met; only the first
  // kInlineCodes are kept, the counts go on (readers walk the segments when a count is larger).
  static constexpr std::size_t kInlineCodes = 4;
  std::array<AirlineCode, kInlineCodes> carriers{};
  std::array<LocationCode, kInlineCodes> connections{};
  uint8_t carrier_count = 0;
  uint8_t connection_count = 0;
  uint8_t alliance_mask = 0;  // bit 1 << refdata::Alliance of each marketing carrier
  // Each slice's departure DayPart (pipeline/facets.h), two bits per slice: slice i in bits 2i
  // and 2i+1, for the first kDayPartSlices slices.
  static constexpr std::size_t kDayPartSlices = 8;
  uint16_t departure_day_parts = 0;

  // Filled by dedupe and ranking.
  std::span<PricingOption> pricing_options;
  float score = 0;  // lower is better; see pipeline/rank.h
  uint8_t tags = 0;
};

}  // namespace fareflow

#endif  // FAREFLOW_MODEL_OFFER_H_
