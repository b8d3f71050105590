#include "suppliers/amadeus/server/post_query.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <simdjson.h>

#include "core/json_reader.h"
#include "model/name_tables.h"
#include "suppliers/amadeus/server/body_reader.h"

namespace fareflow::amadeus {
namespace {

bool IsTime(std::string_view s) {
  // hh:mm:ss (the spec's format) or hh:mm.
  if (s.size() != 8 && s.size() != 5) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool ok = (i == 2 || i == 5) ? s[i] == ':' : (s[i] >= '0' && s[i] <= '9');
    if (!ok) return false;
  }
  return (s[0] - '0') * 10 + (s[1] - '0') < 24 && (s[3] - '0') * 10 + (s[4] - '0') < 60 &&
         (s.size() == 5 || (s[6] - '0') * 10 + (s[7] - '0') < 60);
}

void ReadOriginDestinations(BodyReader& r, const JsonValue& query, Days today, Issues& issues,
                            FlightSearch& search, std::vector<std::string>& ids) {
  const std::optional<JsonValue> list =
      r.Array(query, "originDestinations", true, 1, kMaxOriginDestinations);
  if (!list) return;
  bool ok = true;
  for (const JsonValue& od : r.Objects(*list)) {
    const std::size_t before = issues.size();
    const std::optional<std::string_view> id = r.String(od, "id", true);
    if (id && std::find(ids.begin(), ids.end(), *id) != ids.end()) {
      r.Add(kInvalidData, "duplicate originDestination id " + std::string(*id), od.At("id"));
    }
    SliceRequest slice;
    if (const auto code = r.String(od, "originLocationCode", true)) {
      CheckLocation(*code, kNoParameter, od.At("originLocationCode"), issues, slice.origin);
    }
    if (const auto code = r.String(od, "destinationLocationCode", true)) {
      CheckLocation(*code, kNoParameter, od.At("destinationLocationCode"), issues,
                    slice.destination);
    }
    if (slice.origin.valid() && slice.origin == slice.destination) {
      r.Add(kCombinationInvalid, "originLocationCode and destinationLocationCode must differ",
            od.At("destinationLocationCode"));
    }
    if (const auto range = r.Object(od, "departureDateTimeRange", true)) {
      if (const auto date = r.String(*range, "date", true)) {
        if (CheckDate(*date, today, kNoParameter, range->At("date"), issues,
                      slice.departure_date) &&
            !search.request.slices.empty() &&
            slice.departure_date < search.request.slices.back().departure_date) {
          r.Add(kInvalidDate, "originDestinations must be in chronological order",
                range->At("date"));
        }
      }
      if (const auto time = r.String(*range, "time", false); time && !IsTime(*time)) {
        r.Add(kInvalidFormat, "must be a local time in the hh:mm:ss format", range->At("time"),
              "10:30:00");
      }
    }
    ok = ok && issues.size() == before;
    if (ok) {
      ids.emplace_back(*id);
      search.request.slices.push_back(slice);
    }
  }
}

struct Traveler {
  std::string id;
  PassengerType type = PassengerType::kAdult;  // a HELD_INFANT is an infant, on an adult's lap
  std::string associated_adult;
  std::string pointer;
};

void CheckInfants(BodyReader& r, const std::vector<Traveler>& travelers) {
  std::vector<std::string> adults_taken;
  for (const Traveler& t : travelers) {
    if (t.type != PassengerType::kInfant) continue;
    const std::string at = PointerTo(t.pointer, "associatedAdultId");
    if (t.associated_adult.empty()) {
      r.Add(kMandatoryDataMissing, "a HELD_INFANT must name its adult", at);
      continue;
    }
    const auto adult = std::find_if(travelers.begin(), travelers.end(), [&](const Traveler& a) {
      return a.id == t.associated_adult && a.type == PassengerType::kAdult;
    });
    if (adult == travelers.end()) {
      r.Add(kInvalidData, "no adult traveler with id " + t.associated_adult, at);
    } else if (std::find(adults_taken.begin(), adults_taken.end(), t.associated_adult) !=
               adults_taken.end()) {
      r.Add(kCombinationInvalid, "each adult can travel with one infant only", at);
    } else {
      adults_taken.push_back(t.associated_adult);
    }
  }
}

void ReadTravelers(BodyReader& r, const JsonValue& query, Issues& issues, FlightSearch& search) {
  const std::optional<JsonValue> list = r.Array(query, "travelers", true, 1, kMaxTravelers);
  if (!list) return;
  const std::size_t before = issues.size();
  std::vector<Traveler> travelers;
  for (const JsonValue& object : r.Objects(*list)) {
    Traveler t;
    t.pointer = object.pointer();
    if (const auto id = r.String(object, "id", true)) {
      t.id = std::string(*id);
      for (const Traveler& other : travelers) {
        if (other.id == t.id) r.Add(kInvalidData, "duplicate traveler id " + t.id, object.At("id"));
      }
    }
    const auto name = r.String(object, "travelerType", true);
    if (!name) continue;
    const std::optional<PassengerType> type = kAmadeusTravelerTypes.Find(*name);
    if (!type) {
      r.Add(kInvalidFormat, kAmadeusTravelerTypes.MustBe(NameList::kOneOf),
            object.At("travelerType"),
            std::string(kAmadeusTravelerTypes.NameOf(PassengerType::kAdult)));
      continue;
    }
    t.type = *type;
    if (t.type == PassengerType::kInfant) {
      if (const auto adult = r.String(object, "associatedAdultId", false)) {
        t.associated_adult = std::string(*adult);
      }
    }
    travelers.push_back(std::move(t));
  }
  if (issues.size() != before) return;
  const auto count = [&](PassengerType type) {
    return static_cast<int>(std::count_if(travelers.begin(), travelers.end(),
                                          [type](const Traveler& t) { return t.type == type; }));
  };
  const int adults = count(PassengerType::kAdult);
  const int children = count(PassengerType::kChild);
  const int infants = count(PassengerType::kInfant);
  if (adults == 0) {
    r.Add(kCombinationInvalid, "at least one adult traveler is required", list->pointer());
  } else if (adults + children > kMaxSeated) {
    r.Add(kCombinationInvalid, "the number of seated travelers can not exceed 9", list->pointer());
  }
  CheckInfants(r, travelers);
  if (issues.size() != before) return;
  search.request.passengers.adults = adults;
  search.request.passengers.child_ages.assign(static_cast<std::size_t>(children), kChildAge);
  search.request.passengers.infants = infants;
}

void ReadSources(BodyReader& r, const JsonValue& query) {
  const std::optional<JsonValue> list = r.Array(query, "sources", true, 1, 8);
  if (!list) return;
  for (const auto& [source, pointer] : r.Strings(*list)) {
    if (source != "GDS") r.Add(kInvalidFormat, "the only source is GDS", pointer, "GDS");
  }
}

void ReadCabins(BodyReader& r, const JsonValue& filters, Issues& issues,
                const std::vector<std::string>& od_ids, FlightSearch& search) {
  const std::optional<JsonValue> list = r.Array(filters, "cabinRestrictions", false, 1, 6);
  if (!list) return;
  std::optional<Cabin> cabin;
  for (const JsonValue& restriction : r.Objects(*list)) {
    Cabin c = Cabin::kEconomy;
    if (const auto text = r.String(restriction, "cabin", true);
        text && CheckTravelClass(*text, kNoParameter, restriction.At("cabin"), issues, c)) {
      if (cabin && *cabin != c) {
        r.Add(kCombinationInvalid,
              "this emulator prices one cabin for the whole journey: every cabinRestriction must "
              "name the same cabin",
              restriction.At("cabin"));
      }
      cabin = c;
    }
    if (const auto coverage = r.String(restriction, "coverage", false);
        coverage && *coverage != "MOST_SEGMENTS" && *coverage != "AT_LEAST_ONE_SEGMENT" &&
        *coverage != "ALL_SEGMENTS") {
      r.Add(kInvalidFormat, "must be one of MOST_SEGMENTS, AT_LEAST_ONE_SEGMENT, ALL_SEGMENTS",
            restriction.At("coverage"), "MOST_SEGMENTS");
    }
    if (const auto ids = r.Array(restriction, "originDestinationIds", false, 1, 6)) {
      for (const auto& [id, id_at] : r.Strings(*ids)) {
        if (std::find(od_ids.begin(), od_ids.end(), id) == od_ids.end()) {
          r.Add(kInvalidData, "no originDestination with id " + std::string(id), id_at);
        }
      }
    }
  }
  if (cabin) search.request.cabin = *cabin;
}

void ReadCarrierList(BodyReader& r, const JsonValue& carriers, std::string_view key, Issues& issues,
                     std::vector<AirlineCode>& out) {
  const std::optional<JsonValue> list = r.Array(carriers, key, false, 1, kMaxCarrierCodes);
  if (!list) return;
  for (const auto& [text, pointer] : r.Strings(*list)) {
    AirlineCode code;
    if (CheckCarrier(text, kNoParameter, pointer, issues, code)) out.push_back(code);
  }
}

void ReadSearchCriteria(BodyReader& r, const JsonValue& query, Issues& issues,
                        const std::vector<std::string>& od_ids, FlightSearch& search) {
  const std::optional<JsonValue> criteria = r.Object(query, "searchCriteria", false);
  if (!criteria) return;
  if (const auto max = r.Integer(*criteria, "maxFlightOffers", 1, kMaxOffers)) {
    search.max_offers = static_cast<int>(*max);
  }
  search.max_price = r.Integer(*criteria, "maxPrice", 1, INT64_MAX / 1000);
  const std::optional<JsonValue> filters = r.Object(*criteria, "flightFilters", false);
  if (!filters) return;
  ReadCabins(r, *filters, issues, od_ids, search);
  if (const auto carriers = r.Object(*filters, "carrierRestrictions", false)) {
    ReadCarrierList(r, *carriers, "includedCarrierCodes", issues, search.included_carriers);
    ReadCarrierList(r, *carriers, "excludedCarrierCodes", issues, search.excluded_carriers);
    if (!search.included_carriers.empty() && !search.excluded_carriers.empty()) {
      r.Add(kCombinationInvalid,
            "includedCarrierCodes can not be cumulated with excludedCarrierCodes",
            carriers->At("excludedCarrierCodes"));
    }
  }
  if (const auto connections = r.Object(*filters, "connectionRestriction", false)) {
    if (const auto n = r.Integer(*connections, "maxNumberOfConnections", 0, 2)) {
      search.max_connections = static_cast<int>(*n);
      search.request.max_connections = static_cast<int>(*n);
    }
  }
}

}  // namespace

SearchOrIssues ReadPostBody(std::string_view body, Days today) {
  thread_local simdjson::dom::parser parser;
  Issues issues;
  BodyReader r(issues);
  const Result<JsonValue> query = ParseJson(parser, body);
  if (!query || !query->element().is_object()) {
    r.Add(kInvalidFormat, "the body must be a GetFlightOffersQuery JSON object", "");
    return tl::unexpected<Issues>(std::move(issues));
  }
  FlightSearch search;
  if (const auto currency = r.String(*query, "currencyCode", false)) {
    CheckCurrency(*currency, kNoParameter, "/currencyCode", issues, search.request.currency);
  }
  std::vector<std::string> od_ids;
  ReadOriginDestinations(r, *query, today, issues, search, od_ids);
  ReadTravelers(r, *query, issues, search);
  ReadSources(r, *query);
  ReadSearchCriteria(r, *query, issues, od_ids, search);
  if (!issues.empty()) return tl::unexpected<Issues>(std::move(issues));
  return search;
}

}  // namespace fareflow::amadeus
