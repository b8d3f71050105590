#ifndef FAREFLOW_SUPPLIERS_DUFFEL_WRITER_VALUES_H_
#define FAREFLOW_SUPPLIERS_DUFFEL_WRITER_VALUES_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/datetime.h"
#include "core/json_writer.h"
#include "core/splitmix64.h"
#include "model/offer.h"

namespace fareflow::duffel {

// The values Duffel writes the same way everywhere in its responses (ids, times, durations, place
// ids, logo URLs, passengers), for the response writers.

// Two values into one, order-sensitive.
constexpr uint64_t Mix(uint64_t a, uint64_t b) { return SplitMix64(SplitMix64(a) ^ b); }

// `text` as a JSON string, or null when empty (Duffel writes absent optional text as null).
void StringOrNull(JsonWriter& w, std::string_view text);

// A Duffel-style id: prefix, "0000", then 18 base62 characters drawn from `h`
// ("off_0000AbCd…", 26 characters like the real ones).
void Id(JsonWriter& w, std::string_view prefix, uint64_t h);

// An id written by Id(), without its quotes.
std::string IdText(std::string_view prefix, uint64_t h);

// A UTC timestamp as Duffel writes it: "2026-11-20T10:12:<seconds>.000000Z" (`micros`) or
// "2026-11-20T10:12:<seconds>Z".
void UtcTime(JsonWriter& w, Minutes t, bool micros, int seconds = 0);

// Duffel's zero-padded durations: "PT02H26M", "P1DT01H05M".
void Duration(JsonWriter& w, int32_t minutes);

// "arp_lhr_gb", "cit_lon_gb": Duffel's ids of places.
std::string PlaceId(std::string_view prefix, std::string_view code, std::string_view country);

// A logo URL of Duffel's asset host for carrier `code`; `kind` is "logo" or "lockup".
std::string LogoUrl(std::string_view kind, std::string_view code);

// The hash every id of the `index`-th offer of a response derives from.
uint64_t OfferHash(uint64_t key, const Offer& offer, std::size_t index);

// A passenger as the offer request and its offers list them.
struct Passenger {
  PassengerType type = PassengerType::kAdult;
  int age = -1;  // -1: not stated
  uint64_t id_hash = 0;
};

// The `passengers` array of an offer request or an offer: ids, types, ages, no names.
void WritePassengers(JsonWriter& w, const std::vector<Passenger>& passengers);

// When the responses about one offer request say it was created: `created_unix` (Unix seconds)
// when >= 0, else a month before `first_date` at a time of day drawn from `key`. Minutes since
// the epoch, with the seconds in `seconds`.
Minutes CreatedAt(Days first_date, uint64_t key, int64_t created_unix, int& seconds);

}  // namespace fareflow::duffel

#endif  // FAREFLOW_SUPPLIERS_DUFFEL_WRITER_VALUES_H_
