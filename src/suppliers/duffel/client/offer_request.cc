#include "suppliers/duffel/client/offer_request.h"

#include <algorithm>

#include "core/datetime.h"
#include "core/json_writer.h"
#include "model/name_tables.h"
#include "suppliers/duffel/paths.h"

namespace fareflow::duffel {
namespace {

// A passenger Duffel is told the type of (children are told by age instead).
void WriteTypedPassenger(JsonWriter& w, PassengerType type) {
  w.BeginObject();
  w.Key("type");
  w.PlainString(kDuffelPassengerTypes.NameOf(type));
  w.EndObject();
}

void WritePassengers(JsonWriter& w, const Passengers& p) {
  w.Key("passengers");
  w.BeginArray();
  for (int i = 0; i < p.adults; ++i) WriteTypedPassenger(w, PassengerType::kAdult);
  for (int age : p.child_ages) {
    w.BeginObject();
    w.Key("age");
    w.Int(age);
    w.EndObject();
  }
  for (int i = 0; i < p.infants; ++i) WriteTypedPassenger(w, PassengerType::kInfant);
  w.EndArray();
}

}  // namespace

std::string DuffelOfferRequestBody(const SearchRequest& request) {
  std::string body;
  JsonWriter w(body);
  w.BeginObject();
  w.Key("data");
  w.BeginObject();
  w.Key("slices");
  w.BeginArray();
  for (const SliceRequest& slice : request.slices) {
    char date[10];
    FormatDate(slice.departure_date, date);
    w.BeginObject();
    w.Key("origin");
    w.String(slice.origin.str());
    w.Key("destination");
    w.String(slice.destination.str());
    w.Key("departure_date");
    w.PlainString({date, sizeof date});
    w.EndObject();
  }
  w.EndArray();
  WritePassengers(w, request.passengers);
  if (request.cabin != Cabin::kUnknown) {
    w.Key("cabin_class");
    w.PlainString(CabinName(request.cabin));
  }
  if (request.max_connections && *request.max_connections >= 0) {
    w.Key("max_connections");
    w.Int(std::min(*request.max_connections, 2));
  }
  w.EndObject();
  w.EndObject();
  w.Finish();
  return body;
}

std::string DuffelOfferRequestTarget(std::chrono::milliseconds left, bool return_offers) {
  // Leave Duffel a quarter of a second to write its answer before our own deadline.
  const int64_t ms = std::clamp<int64_t>(left.count() - 250, 2'000, 60'000);
  return std::string(kDuffelOfferRequestsPath) +
         "?return_offers=" + (return_offers ? "true" : "false") +
         "&supplier_timeout=" + std::to_string(ms);
}

}  // namespace fareflow::duffel
