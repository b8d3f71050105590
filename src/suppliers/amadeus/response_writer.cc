#include "suppliers/amadeus/response_writer.h"

#include <string>

#include "core/datetime.h"
#include "core/json_writer.h"
#include "suppliers/amadeus/dictionaries.h"
#include "suppliers/amadeus/offer_writer.h"
#include "suppliers/amadeus/writer_values.h"

namespace fareflow::amadeus {
namespace {

void WriteSelfLink(const SearchRequest& request, std::size_t count, std::string& link) {
  link = "https://test.api.amadeus.com/v2/shopping/flight-offers?";
  char date[10];
  if (!request.slices.empty()) {
    const SliceRequest& first = request.slices.front();
    link += "originLocationCode=" + first.origin.str();
    link += "&destinationLocationCode=" + first.destination.str();
    FormatDate(first.departure_date, date);
    link += "&departureDate=";
    link.append(date, sizeof date);
    if (request.slices.size() == 2) {
      FormatDate(request.slices[1].departure_date, date);
      link += "&returnDate=";
      link.append(date, sizeof date);
    }
  }
  link += "&adults=" + std::to_string(request.passengers.adults);
  if (request.passengers.children() > 0) {
    link += "&children=" + std::to_string(request.passengers.children());
  }
  if (request.passengers.infants > 0) {
    link += "&infants=" + std::to_string(request.passengers.infants);
  }
  link += "&travelClass=";
  link += CabinCode(request.cabin);
  link += "&currencyCode=" + request.currency.str();
  link += "&max=" + std::to_string(count);
}

}  // namespace

void WriteFlightOffersResponse(std::span<const Offer> offers, const SearchRequest& request,
                               std::string& out) {
  // About 2.5 KB per offer for two travellers over four segments; one reservation up front.
  out.reserve(out.size() + 4096 + offers.size() * 3000);
  JsonWriter w(out);
  std::string scratch;
  w.BeginObject();
  w.Key("meta");
  w.BeginObject();
  w.Key("count");
  w.Int(static_cast<int64_t>(offers.size()));
  w.Key("links");
  w.BeginObject();
  w.Key("self");
  WriteSelfLink(request, offers.size(), scratch);
  w.String(scratch);
  w.EndObject();
  w.EndObject();

  DictionaryCodes seen;
  w.Key("data");
  w.BeginArray();
  for (std::size_t i = 0; i < offers.size(); ++i) WriteOffer(w, offers[i], i, seen, scratch);
  w.EndArray();
  WriteDictionaries(w, seen, scratch);
  w.EndObject();
}

}  // namespace fareflow::amadeus
