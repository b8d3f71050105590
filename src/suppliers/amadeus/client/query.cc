#include "suppliers/amadeus/client/query.h"

#include <algorithm>

#include "core/datetime.h"
#include "core/json_writer.h"
#include "model/name_tables.h"

namespace fareflow::amadeus {
namespace {

// Amadeus's CHILD band is "younger than 12"; older children fly on adult fares.
constexpr int kAmadeusAdultAge = 12;

void WriteTraveler(JsonWriter& w, int id, std::string_view type, int adult_id = 0) {
  w.BeginObject();
  w.Key("id");
  w.String(std::to_string(id));
  w.Key("travelerType");
  w.PlainString(type);
  if (adult_id > 0) {
    w.Key("associatedAdultId");
    w.String(std::to_string(adult_id));
  }
  w.EndObject();
}

void WriteTravelers(JsonWriter& w, const Passengers& p) {
  w.Key("travelers");
  w.BeginArray();
  int id = 0;
  const int older_children = static_cast<int>(std::count_if(
      p.child_ages.begin(), p.child_ages.end(), [](int age) { return age >= kAmadeusAdultAge; }));
  const int adults = p.adults + older_children;
  for (int i = 0; i < adults; ++i)
    WriteTraveler(w, ++id, kAmadeusTravelerTypes.NameOf(PassengerType::kAdult));
  for (int age : p.child_ages) {
    if (age < kAmadeusAdultAge)
      WriteTraveler(w, ++id, kAmadeusTravelerTypes.NameOf(PassengerType::kChild));
  }
  // Held infants name adults 1, 2, ...: one infant per adult, as the API requires.
  for (int i = 0; i < p.infants; ++i)
    WriteTraveler(w, ++id, kAmadeusTravelerTypes.NameOf(PassengerType::kInfant), i + 1);
  w.EndArray();
}

void WriteOriginDestinations(JsonWriter& w, const SearchRequest& request) {
  w.Key("originDestinations");
  w.BeginArray();
  int id = 0;
  for (const SliceRequest& slice : request.slices) {
    char date[10];
    FormatDate(slice.departure_date, date);
    w.BeginObject();
    w.Key("id");
    w.String(std::to_string(++id));
    w.Key("originLocationCode");
    w.String(slice.origin.str());
    w.Key("destinationLocationCode");
    w.String(slice.destination.str());
    w.Key("departureDateTimeRange");
    w.BeginObject();
    w.Key("date");
    w.PlainString({date, sizeof date});
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
}

void WriteFlightFilters(JsonWriter& w, const SearchRequest& request) {
  const std::string_view cabin = kAmadeusTravelClasses.NameOf(request.cabin);
  const bool connections =
      request.max_connections && *request.max_connections >= 0 && *request.max_connections <= 2;
  if (cabin.empty() && !connections) return;
  w.Key("flightFilters");
  w.BeginObject();
  if (!cabin.empty()) {
    w.Key("cabinRestrictions");
    w.BeginArray();
    w.BeginObject();
    w.Key("cabin");
    w.PlainString(cabin);
    w.Key("coverage");
    w.PlainString("MOST_SEGMENTS");
    w.Key("originDestinationIds");
    w.BeginArray();
    for (std::size_t i = 1; i <= request.slices.size(); ++i) w.String(std::to_string(i));
    w.EndArray();
    w.EndObject();
    w.EndArray();
  }
  if (connections) {
    w.Key("connectionRestriction");
    w.BeginObject();
    w.Key("maxNumberOfConnections");
    w.Int(*request.max_connections);
    w.EndObject();
  }
  w.EndObject();
}

}  // namespace

std::string AmadeusQueryBody(const SearchRequest& request, int max_offers) {
  std::string body;
  JsonWriter w(body);
  w.BeginObject();
  w.Key("currencyCode");
  w.String(request.currency.str());
  WriteOriginDestinations(w, request);
  WriteTravelers(w, request.passengers);
  w.Key("sources");
  w.BeginArray();
  w.PlainString("GDS");
  w.EndArray();
  w.Key("searchCriteria");
  w.BeginObject();
  w.Key("maxFlightOffers");
  w.Int(std::clamp(max_offers, 1, 250));
  WriteFlightFilters(w, request);
  w.EndObject();
  w.EndObject();
  w.Finish();
  return body;
}

}  // namespace fareflow::amadeus
