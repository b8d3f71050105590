#include "api/compact_offer_json.h"

#include "api/offer_json.h"
#include "api/offer_json_members.h"
#include "core/json_values.h"
#include "model/carrier_name.h"
#include "refdata/currencies.h"

namespace fareflow {
namespace {

constexpr std::string_view kEmptyDictionaries =
    R"({"locations":{},"carriers":{},"aircraft":{},"itineraries":[]})";

// Whether `code` may be written as a JSON key or string without escaping.
bool Plain(std::string_view code) {
  for (const char c : code) {
    if (static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\') return false;
  }
  return true;
}

uint64_t Mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h;
}
uint64_t Mix(uint64_t h, std::string_view s) { return Mix(h, std::hash<std::string_view>{}(s)); }

// A hash of the members an itinerary writes (offer_json::WriteSliceMembers without fares);
// carriers by the name they are written with.
uint64_t FlightsHash(const Slice& slice) {
  uint64_t h = slice.segments.size();
  h = Mix(h, slice.origin.index() | uint64_t{slice.destination.index()} << 16);
  h = Mix(h, static_cast<uint64_t>(slice.departure_local) << 32 ^
                 static_cast<uint32_t>(slice.arrival_local));
  for (const Segment& s : slice.segments) {
    h = Mix(h, s.origin.index() | uint64_t{s.destination.index()} << 16 |
                   uint64_t{s.marketing_carrier.index()} << 32 |
                   uint64_t{s.operating_carrier.index()} << 48);
    h = Mix(h, static_cast<uint64_t>(s.departure_utc) << 32 ^ static_cast<uint32_t>(s.arrival_utc));
    h = Mix(h, s.marketing_flight_number);
  }
  return h;
}

bool SameSegmentFlight(const Segment& a, const Segment& b) {
  return a.origin == b.origin && a.destination == b.destination &&
         a.origin_terminal == b.origin_terminal &&
         a.destination_terminal == b.destination_terminal &&
         a.departure_local == b.departure_local && a.arrival_local == b.arrival_local &&
         a.departure_utc == b.departure_utc && a.arrival_utc == b.arrival_utc &&
         a.marketing_carrier == b.marketing_carrier &&
         CarrierDisplayName(a.marketing_carrier, a.marketing_carrier_name) ==
             CarrierDisplayName(b.marketing_carrier, b.marketing_carrier_name) &&
         a.marketing_flight_number == b.marketing_flight_number &&
         a.operating_carrier == b.operating_carrier &&
         CarrierDisplayName(a.operating_carrier, a.operating_carrier_name) ==
             CarrierDisplayName(b.operating_carrier, b.operating_carrier_name) &&
         a.operating_flight_number == b.operating_flight_number && a.codeshare == b.codeshare &&
         a.aircraft_code == b.aircraft_code && a.duration_minutes == b.duration_minutes &&
         a.distance_km == b.distance_km && a.technical_stops == b.technical_stops;
}

bool SameLayover(const Layover& a, const Layover& b) {
  return a.arrival_airport == b.arrival_airport && a.departure_airport == b.departure_airport &&
         a.minutes == b.minutes && a.overnight == b.overnight &&
         a.change_of_airport == b.change_of_airport;
}

// Whether two slices write the same itinerary: every member WriteSliceMembers writes without
// fares is equal (the same members written the same way give the same bytes).
bool SameFlights(const Slice& a, const Slice& b) {
  if (a.origin != b.origin || a.destination != b.destination ||
      a.departure_local != b.departure_local || a.arrival_local != b.arrival_local ||
      a.duration_minutes != b.duration_minutes || a.stops != b.stops ||
      a.arrival_day_offset != b.arrival_day_offset || a.segments.size() != b.segments.size() ||
      a.layovers.size() != b.layovers.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.segments.size(); ++i) {
    if (!SameSegmentFlight(a.segments[i], b.segments[i])) return false;
  }
  for (std::size_t i = 0; i < a.layovers.size(); ++i) {
    if (!SameLayover(a.layovers[i], b.layovers[i])) return false;
  }
  return true;
}

}  // namespace

CompactDictionaries::CompactDictionaries(CurrencyCode currency)
    : currency_(currency),
      place_used_(LocationCode::kSpace, 0),
      carrier_entry_(AirlineCode::kSpace, -1),
      bytes_(kEmptyDictionaries.size()) {}

CompactDictionaries::Mark CompactDictionaries::mark() const {
  return {.places = places_.size(),
          .carriers = carriers_.size(),
          .aircraft = aircraft_.size(),
          .itineraries = itineraries_.size(),
          .bytes = bytes_};
}

void CompactDictionaries::RollBack(const Mark& mark) {
  while (places_.size() > mark.places) {
    place_used_[places_.back().index()] = 0;
    places_.pop_back();
  }
  while (carriers_.size() > mark.carriers) {
    carrier_entry_[carriers_.back().code.index()] = -1;
    carriers_.pop_back();
  }
  while (aircraft_.size() > mark.aircraft) {
    aircraft_index_.erase(aircraft_.back().key);
    aircraft_.pop_back();
  }
  while (itineraries_.size() > mark.itineraries) {
    const auto index = static_cast<uint32_t>(itineraries_.size() - 1);
    auto [from, to] = itinerary_index_.equal_range(itineraries_.back().hash);
    for (auto it = from; it != to; ++it) {
      if (it->second == index) {
        itinerary_index_.erase(it);
        break;
      }
    }
    itineraries_.pop_back();
  }
  bytes_ = mark.bytes;
}

void CompactDictionaries::Write(JsonWriter& w) const {
  w.BeginObject();
  w.Key("locations");
  w.BeginObject();
  for (const LocationCode code : places_) {
    char c[3];
    code.Write(c);
    w.Key({c, 3});
    offer_json::WritePlace(code, w);
  }
  w.EndObject();
  w.Key("carriers");
  w.BeginObject();
  for (const CarrierEntry& e : carriers_) {
    char c[2];
    e.code.Write(c);
    w.Key({c, 2});
    w.Raw(e.json);
  }
  w.EndObject();
  w.Key("aircraft");
  w.BeginObject();
  for (const AircraftEntry& e : aircraft_) {
    w.Key(e.key->first);
    w.Raw(e.json);
  }
  w.EndObject();
  w.Key("itineraries");
  w.BeginArray();
  for (const ItineraryEntry& e : itineraries_) w.Raw(e.json);
  w.EndArray();
  w.EndObject();
}

void CompactDictionaries::Place(LocationCode code, JsonWriter& w) {
  if (!code.valid()) return offer_json::WritePlace(code, w);  // no code to refer by
  char c[3];
  code.Write(c);
  w.PlainString({c, 3});
  if (place_used_[code.index()]) return;
  entry_.clear();
  {
    JsonWriter e(entry_);
    offer_json::WritePlace(code, e);
  }
  Count(places_.size(), 3 + 3 + entry_.size());  // "LHR":{...}
  place_used_[code.index()] = 1;
  places_.push_back(code);
}

void CompactDictionaries::Carrier(AirlineCode code, std::string_view supplier_name, JsonWriter& w) {
  if (!code.valid()) return offer_json::WriteCarrier(code, supplier_name, w);  // null
  const std::string_view name = CarrierDisplayName(code, supplier_name);
  int32_t& entry = carrier_entry_[code.index()];
  if (entry >= 0 && carriers_[static_cast<std::size_t>(entry)].name != name) {
    // Another name than the entry's: the carrier is written whole.
    return offer_json::WriteCarrier(code, supplier_name, w);
  }
  WriteCode(w, code);
  if (entry >= 0) return;
  CarrierEntry added{.code = code, .name = name, .json = {}};
  {
    JsonWriter e(added.json);
    offer_json::WriteCarrier(code, supplier_name, e);
  }
  Count(carriers_.size(), 2 + 3 + added.json.size());  // "BA":{...}
  entry = static_cast<int32_t>(carriers_.size());
  carriers_.push_back(std::move(added));
}

void CompactDictionaries::Aircraft(std::string_view code, JsonWriter& w) {
  // A code that needs escaping (nothing real does) is written whole rather than as a key.
  if (!Plain(code)) return offer_json::WriteAircraft(code, w);
  w.PlainString(code);
  if (aircraft_index_.find(code) != aircraft_index_.end()) return;
  auto [key, added] = aircraft_index_.emplace(std::string(code), aircraft_.size());
  AircraftEntry entry{.key = key, .json = {}};
  {
    JsonWriter e(entry.json);
    offer_json::WriteAircraft(code, e);
  }
  Count(aircraft_.size(), code.size() + 3 + entry.json.size());  // "77W":{...}
  aircraft_.push_back(std::move(entry));
}

void CompactDictionaries::Money(const fareflow::Money& m, JsonWriter& w) {
  if (m.currency == currency_) {
    WriteAmount(w, m.minor, refdata::MinorDigits(m.currency));
  } else {
    WriteMoneyJson(m, w);
  }
}

uint32_t CompactDictionaries::Itinerary(const Slice& slice) {
  const uint64_t hash = FlightsHash(slice);
  auto [from, to] = itinerary_index_.equal_range(hash);
  for (auto it = from; it != to; ++it) {
    if (SameFlights(*itineraries_[it->second].slice, slice)) return it->second;
  }
  const auto index = static_cast<uint32_t>(itineraries_.size());
  ItineraryEntry entry{.slice = &slice, .hash = hash, .json = {}};
  {
    JsonWriter e(entry.json);
    e.BeginObject();
    offer_json::WriteSliceMembers(slice, 0, /*fares=*/false, *this, e);
    offer_json::WriteSliceMembers(slice, 1, /*fares=*/false, *this, e);
    e.EndObject();
  }
  Count(itineraries_.size(), entry.json.size());
  itineraries_.push_back(std::move(entry));
  itinerary_index_.emplace(hash, index);
  return index;
}

void CompactDictionaries::Slices(const Offer& offer, JsonWriter& w) {
  w.BeginArray();
  for (const Slice& slice : offer.slices) {
    const uint32_t itinerary = Itinerary(slice);
    w.BeginObject();
    w.Key("itinerary");
    w.Int(itinerary);
    offer_json::WriteOptionalString("fare_brand", slice.fare_brand, w);
    w.Key("segments");
    w.BeginArray();
    for (const Segment& s : slice.segments) {
      w.BeginObject();
      offer_json::WriteSegmentFare(s, w);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
}

void WriteCompactOfferJson(const Offer& offer, std::span<const SupplierOutcome> suppliers,
                           CompactDictionaries& dictionaries, JsonWriter& w) {
  w.BeginObject();
  offer_json::WriteOfferMembers(offer, suppliers, dictionaries, w);
  w.EndObject();
}

}  // namespace fareflow
