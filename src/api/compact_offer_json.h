#ifndef FAREFLOW_API_COMPACT_OFFER_JSON_H_
#define FAREFLOW_API_COMPACT_OFFER_JSON_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/codes.h"
#include "core/json_writer.h"
#include "engine/supplier_outcome.h"
#include "model/offer.h"

namespace fareflow {

// The dictionaries of one compact answer (docs/api.md, "Compact answers"), filled as its offers
// are written: every place, carrier and aircraft the written offers name, once each under its
// code, and every distinct itinerary of their slices (a slice without its fares), once each in an
// array. The offers refer to them by code or index. An entry is the value the full form writes
// in place of the reference (a place's {"code","name",...}), so a client rebuilds the full offer
// by replacing each reference with its entry; a carrier an offer names other than its entry does
// (two suppliers' names for one code) is written whole in the offer instead.
//
// One per answer being written, on one thread. Entries view the slices and names of the offers
// written (their payload or arena): write the dictionaries before those offers go.
class CompactDictionaries {
 public:
  // Amounts in `currency` (the answer's) are written as their amount alone.
  explicit CompactDictionaries(CurrencyCode currency);
  CompactDictionaries(const CompactDictionaries&) = delete;
  CompactDictionaries& operator=(const CompactDictionaries&) = delete;

  // The bytes Write will write now: the dictionaries' entries so far and their punctuation.
  std::size_t bytes() const { return bytes_; }

  // How far the dictionaries had got; RollBack(mark()) forgets every entry added after it (an
  // offer written and then cut off takes its new entries with it).
  struct Mark {
    std::size_t places = 0;
    std::size_t carriers = 0;
    std::size_t aircraft = 0;
    std::size_t itineraries = 0;
    std::size_t bytes = 0;
  };
  Mark mark() const;
  void RollBack(const Mark& mark);

  // Writes the value of "dictionaries": {"locations":{...},"carriers":{...},"aircraft":{...},
  // "itineraries":[...]}, entries in the order of first use.
  void Write(JsonWriter& w) const;

  // The Form of api/offer_json_members.h: references, adding the entries they need.
  void Place(LocationCode code, JsonWriter& w);
  void Carrier(AirlineCode code, std::string_view supplier_name, JsonWriter& w);
  void Aircraft(std::string_view code, JsonWriter& w);
  void Money(const fareflow::Money& m, JsonWriter& w);
  void Slices(const Offer& offer, JsonWriter& w);

 private:
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Index = std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>>;

  struct CarrierEntry {
    AirlineCode code;
    std::string_view name;  // CarrierDisplayName, viewing an offer's strings or static
    std::string json;
  };
  struct AircraftEntry {
    Index::const_iterator key;
    std::string json;
  };

  // The index of `slice`'s itinerary, added when new. Itineraries are found by the members they
  // write (FlightsHash, SameFlights), without writing them: only a new one is written.
  uint32_t Itinerary(const Slice& slice);
  // Counts an entry of `entry_bytes` in a dictionary that had `had` entries.
  void Count(std::size_t had, std::size_t entry_bytes) { bytes_ += entry_bytes + (had ? 1 : 0); }

  const CurrencyCode currency_;
  std::vector<uint8_t> place_used_;  // by LocationCode::index()
  std::vector<LocationCode> places_;
  std::vector<int32_t> carrier_entry_;  // by AirlineCode::index(): into carriers_, or -1
  std::vector<CarrierEntry> carriers_;
  Index aircraft_index_;  // code -> into aircraft_
  std::vector<AircraftEntry> aircraft_;
  struct ItineraryEntry {
    const Slice* slice;  // the first slice written as it; one of the offers written
    uint64_t hash;
    std::string json;
  };
  std::unordered_multimap<uint64_t, uint32_t> itinerary_index_;  // FlightsHash -> itineraries_
  std::vector<ItineraryEntry> itineraries_;
  std::string entry_;  // a place's entry being measured
  std::size_t bytes_;
};

// Writes one offer of a compact answer: the members of WriteOfferJson (api/offer_json.h) in the
// same order, with places, carriers and aircraft as codes, each slice as {"itinerary","fare_brand",
// "segments":[{"cabin","booking_class","fare_basis"}]} and amounts in the answer's currency as
// their amount, adding to `dictionaries` what it refers to.
void WriteCompactOfferJson(const Offer& offer, std::span<const SupplierOutcome> suppliers,
                           CompactDictionaries& dictionaries, JsonWriter& w);

}  // namespace fareflow

#endif  // FAREFLOW_API_COMPACT_OFFER_JSON_H_
