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
    itinerary_index_.erase(itineraries_.back());
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
  for (const Index::const_iterator& e : itineraries_) w.Raw(e->first);
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
  scratch_.clear();
  {
    JsonWriter e(scratch_);
    e.BeginObject();
    offer_json::WriteSliceMembers(slice, 0, /*fares=*/false, *this, e);
    offer_json::WriteSliceMembers(slice, 1, /*fares=*/false, *this, e);
    e.EndObject();
  }
  if (auto found = itinerary_index_.find(std::string_view(scratch_));
      found != itinerary_index_.end()) {
    return found->second;
  }
  const auto index = static_cast<uint32_t>(itineraries_.size());
  Count(itineraries_.size(), scratch_.size());
  itineraries_.push_back(itinerary_index_.emplace(scratch_, index).first);
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
