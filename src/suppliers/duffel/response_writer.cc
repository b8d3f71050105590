#include "suppliers/duffel/response_writer.h"

#include <utility>
#include <vector>

#include "core/datetime.h"
#include "core/json_writer.h"
#include "model/cabin.h"
#include "refdata/airports.h"
#include "suppliers/duffel/offer_writer.h"
#include "suppliers/duffel/writer_values.h"

namespace fareflow::duffel {
namespace {

// A key for the ids of one response, from what it is about.
uint64_t ResponseKey(std::span<const Offer> offers) {
  uint64_t h = Mix(0x6475666665ull, offers.size());
  if (!offers.empty() && !offers.front().slices.empty() &&
      !offers.front().slices.front().segments.empty()) {
    const Segment& s = offers.front().slices.front().segments.front();
    h = Mix(h, (static_cast<uint64_t>(s.origin.index()) << 32) ^ s.destination.index());
    h = Mix(h, static_cast<uint64_t>(s.departure_local));
  }
  return h;
}

// Passengers of an offer from its passenger_prices, ids from `key`.
std::vector<Passenger> PassengersOf(const Offer& offer, uint64_t key) {
  std::vector<Passenger> out;
  for (const PassengerPrice& p : offer.passenger_prices) {
    for (int i = 0; i < p.count; ++i) {
      Passenger passenger;
      passenger.type = p.type;
      passenger.id_hash = Mix(key, 0x706173 + out.size());
      out.push_back(passenger);
    }
  }
  if (out.empty()) out.push_back(Passenger{PassengerType::kAdult, -1, Mix(key, 0x706173)});
  return out;
}

// The passengers of an offer request, in the order Duffel lists them, ids from `key`.
std::vector<Passenger> RequestPassengers(const SearchRequest& request, uint64_t key) {
  std::vector<Passenger> passengers;
  for (int i = 0; i < request.passengers.adults; ++i) {
    passengers.push_back({PassengerType::kAdult, -1, Mix(key, 0x706173 + passengers.size())});
  }
  for (int age : request.passengers.child_ages) {
    passengers.push_back({PassengerType::kChild, age, Mix(key, 0x706173 + passengers.size())});
  }
  for (int i = 0; i < request.passengers.infants; ++i) {
    passengers.push_back({PassengerType::kInfant, 1, Mix(key, 0x706173 + passengers.size())});
  }
  return passengers;
}

// A list page's `meta`; empty cursors are written as null.
void WriteListMeta(JsonWriter& w, const ListPageMeta& meta) {
  w.BeginObject();
  w.Key("limit");
  w.Int(meta.limit);
  for (auto [name, cursor] : {std::pair{"before", meta.before}, {"after", meta.after}}) {
    w.Key(name);
    StringOrNull(w, cursor);
  }
  w.EndObject();
}

}  // namespace

uint64_t DefaultOfferRequestKey(std::span<const Offer> offers, const SearchRequest& request) {
  uint64_t key = Mix(0x6F7271ull, request.slices.size());
  for (const SliceRequest& s : request.slices) {
    key = Mix(key, (static_cast<uint64_t>(s.origin.index()) << 40) ^
                       (static_cast<uint64_t>(s.destination.index()) << 20) ^
                       static_cast<uint64_t>(s.departure_date));
  }
  return Mix(key, ResponseKey(offers));
}

std::string OfferRequestId(const OfferRequestContext& context) {
  return IdText("orq", context.key);
}

std::string OfferId(const Offer& offer, std::size_t index, const OfferRequestContext& context) {
  return IdText("off", OfferHash(context.key, offer, index));
}

void WriteOfferRequestResponse(std::span<const Offer> offers, const SearchRequest& request,
                               std::string& out) {
  WriteOfferRequest(offers, request, OfferRequestContext{DefaultOfferRequestKey(offers, request)},
                    /*include_offers=*/true, out);
}

void WriteOfferRequest(std::span<const Offer> offers, const SearchRequest& request,
                       const OfferRequestContext& context, bool include_offers, std::string& out) {
  out.reserve(out.size() + 8192 + (include_offers ? offers.size() * 6000 : 0));
  const uint64_t key = context.key;
  const std::vector<Passenger> passengers = RequestPassengers(request, key);

  OfferWriter writer(out, key, context.created_unix_seconds);
  JsonWriter& w = writer.json();
  const Days first_date = request.slices.empty() ? 0 : request.slices.front().departure_date;
  int sec = 0;
  const Minutes created = CreatedAt(first_date, key, context.created_unix_seconds, sec);
  w.BeginObject();
  w.Key("data");
  w.BeginObject();
  w.Key("id");
  Id(w, "orq", key);
  w.Key("live_mode");
  w.Bool(false);
  w.Key("created_at");
  UtcTime(w, created, true, sec);
  w.Key("cabin_class");
  w.PlainString(CabinName(request.cabin == Cabin::kUnknown ? Cabin::kEconomy : request.cabin));
  w.Key("client_key");
  Id(w, "SFMyNTY", Mix(key, 0x636B));
  w.Key("slices");
  w.BeginArray();
  for (const SliceRequest& s : request.slices) {
    const bool origin_city = refdata::FindAirport(s.origin) == nullptr;
    const bool destination_city = refdata::FindAirport(s.destination) == nullptr;
    w.BeginObject();
    w.Key("origin_type");
    w.PlainString(origin_city ? "city" : "airport");
    w.Key("origin");
    writer.RequestPlace(s.origin);
    w.Key("destination_type");
    w.PlainString(destination_city ? "city" : "airport");
    w.Key("destination");
    writer.RequestPlace(s.destination);
    char date[10];
    FormatDate(s.departure_date, date);
    w.Key("departure_date");
    w.PlainString(std::string_view(date, sizeof date));
    w.Key("departure_time");
    w.Null();
    w.Key("arrival_time");
    w.Null();
    w.EndObject();
  }
  w.EndArray();
  w.Key("passengers");
  WritePassengers(w, passengers);
  w.Key("offers");
  w.BeginArray();
  if (include_offers) {
    for (std::size_t i = 0; i < offers.size(); ++i) writer.WriteOffer(offers[i], i, passengers);
  }
  w.EndArray();
  w.EndObject();
  w.EndObject();
}

void WriteOfferRequestOffersPage(std::span<const Offer> offers,
                                 std::span<const std::size_t> indices, const SearchRequest& request,
                                 const OfferRequestContext& context, const ListPageMeta& meta,
                                 std::string& out) {
  out.reserve(out.size() + 1024 + indices.size() * 6000);
  const std::vector<Passenger> passengers = RequestPassengers(request, context.key);
  OfferWriter writer(out, context.key, context.created_unix_seconds);
  JsonWriter& w = writer.json();
  w.BeginObject();
  w.Key("meta");
  WriteListMeta(w, meta);
  w.Key("data");
  w.BeginArray();
  for (std::size_t i : indices) writer.WriteOffer(offers[i], i, passengers);
  w.EndArray();
  w.EndObject();
}

void WriteOfferRequestOffer(const Offer& offer, std::size_t index, const SearchRequest& request,
                            const OfferRequestContext& context, std::string& out) {
  out.reserve(out.size() + 8192);
  const std::vector<Passenger> passengers = RequestPassengers(request, context.key);
  OfferWriter writer(out, context.key, context.created_unix_seconds);
  JsonWriter& w = writer.json();
  w.BeginObject();
  w.Key("data");
  writer.WriteOffer(offer, index, passengers);
  w.EndObject();
}

void WriteOffersListPage(std::span<const Offer> offers, std::string_view after_cursor, int limit,
                         std::string& out) {
  out.reserve(out.size() + 1024 + offers.size() * 6000);
  const uint64_t key = ResponseKey(offers);
  OfferWriter writer(out, key);
  JsonWriter& w = writer.json();
  w.BeginObject();
  w.Key("meta");
  WriteListMeta(w, ListPageMeta{.limit = limit, .before = {}, .after = after_cursor});
  w.Key("data");
  w.BeginArray();
  for (std::size_t i = 0; i < offers.size(); ++i) {
    writer.WriteOffer(offers[i], i, PassengersOf(offers[i], key));
  }
  w.EndArray();
  w.EndObject();
}

}  // namespace fareflow::duffel
