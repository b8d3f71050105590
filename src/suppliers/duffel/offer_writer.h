#ifndef FAREFLOW_SUPPLIERS_DUFFEL_OFFER_WRITER_H_
#define FAREFLOW_SUPPLIERS_DUFFEL_OFFER_WRITER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/codes.h"
#include "core/json_writer.h"
#include "core/money.h"
#include "model/offer.h"
#include "refdata/airports.h"
#include "suppliers/duffel/writer_values.h"

namespace fareflow::duffel {

// Writes Duffel Offer objects (and the places and carriers in them) into one response.
// Serialises the objects that repeat across offers (places, carriers, aircraft) once and copies
// the bytes afterwards: a 1,000-offer page repeats the same few airports thousands of times.
// One per response; not thread-safe. Appends to the string given at construction, which must
// outlive it.
class OfferWriter {
 public:
  // `key` seeds every id. `created_unix` >= 0: the creation time of every offer (Unix seconds);
  // -1: drawn per offer.
  OfferWriter(std::string& out, uint64_t key, int64_t created_unix = -1)
      : w_(out), key_(key), created_unix_(created_unix) {}
  OfferWriter(const OfferWriter&) = delete;
  OfferWriter& operator=(const OfferWriter&) = delete;

  JsonWriter& json() { return w_; }

  // An airport place object (only its code when the reference data lacks it).
  void Place(LocationCode code);
  // A request slice's endpoint: an airport place, or a city with its airports.
  void RequestPlace(LocationCode code);
  // A carrier object.
  void Carrier(AirlineCode code);

  // The `index`-th offer of the response, listing `passengers`.
  void WriteOffer(const Offer& offer, std::size_t index, const std::vector<Passenger>& passengers);

 private:
  // The members of a city place, without the braces.
  static void CityMembers(JsonWriter& w, const refdata::MetroCity& city);
  static void WriteCity(JsonWriter& w, const refdata::MetroCity& city);
  static void WritePlace(JsonWriter& w, LocationCode code);
  static void WriteCarrier(JsonWriter& w, AirlineCode code);

  // A slice or offer condition: null when unknown, else allowed and the penalty when allowed.
  void Condition(Tristate allowed, const Money& penalty, int digits);
  void SegmentPassengers(const Offer& offer, const Slice& slice,
                         const std::vector<Passenger>& passengers, const Segment& s);
  void WriteSegment(const Offer& offer, const Slice& slice,
                    const std::vector<Passenger>& passengers, const Segment& s, uint64_t id_hash);

  JsonWriter w_;
  uint64_t key_;
  int64_t created_unix_;
  std::unordered_map<uint16_t, std::string> places_;
  std::unordered_map<uint16_t, std::string> carriers_;
};

}  // namespace fareflow::duffel

#endif  // FAREFLOW_SUPPLIERS_DUFFEL_OFFER_WRITER_H_
