#include "suppliers/amadeus/server/post_query.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <simdjson.h>

namespace fareflow::amadeus {
namespace {

namespace dom = simdjson::dom;

const std::string kNoParameter;

std::string Member(const std::string& at, std::string_view key) {
  std::string pointer = at;
  pointer += '/';
  pointer += key;
  return pointer;
}

std::string Element(const std::string& at, std::size_t index) {
  return at + '/' + std::to_string(index);
}

// Typed access to the members of the body; each failed read appends its issue.
class BodyReader {
 public:
  explicit BodyReader(Issues& issues) : issues_(issues) {}

  void Add(IssueCode code, std::string detail, const std::string& pointer,
           std::string example = {}) {
    issues_.push_back(
        MakeIssue(code, std::move(detail), kNoParameter, pointer, std::move(example)));
  }

  // Member `key` of `object`; nullopt when absent or null (32171 when `required`).
  std::optional<dom::element> Get(dom::object object, std::string_view key, const std::string& at,
                                  bool required) {
    dom::element value;
    if (object.at_key(key).get(value) != simdjson::SUCCESS || value.is_null()) {
      if (required) Add(kMandatoryDataMissing, "This field must be filled.", Member(at, key));
      return std::nullopt;
    }
    return value;
  }

  std::optional<std::string_view> String(dom::object object, std::string_view key,
                                         const std::string& at, bool required) {
    const std::optional<dom::element> value = Get(object, key, at, required);
    if (!value) return std::nullopt;
    std::string_view s;
    if (value->get_string().get(s) != simdjson::SUCCESS) {
      Add(kInvalidFormat, "must be a string", Member(at, key));
      return std::nullopt;
    }
    if (s.empty() && required) {
      Add(kMandatoryDataMissing, "This field must be filled.", Member(at, key));
      return std::nullopt;
    }
    return s;
  }

  std::optional<dom::object> Object(dom::object object, std::string_view key, const std::string& at,
                                    bool required) {
    const std::optional<dom::element> value = Get(object, key, at, required);
    if (!value) return std::nullopt;
    dom::object o;
    if (value->get_object().get(o) != simdjson::SUCCESS) {
      Add(kInvalidFormat, "must be an object", Member(at, key));
      return std::nullopt;
    }
    return o;
  }

  // An array of `min`..`max` items: fewer is 32171, more is 10661.
  std::optional<dom::array> Array(dom::object object, std::string_view key, const std::string& at,
                                  bool required, std::size_t min, std::size_t max) {
    const std::optional<dom::element> value = Get(object, key, at, required);
    if (!value) return std::nullopt;
    dom::array a;
    if (value->get_array().get(a) != simdjson::SUCCESS) {
      Add(kInvalidFormat, "must be an array", Member(at, key));
      return std::nullopt;
    }
    if (a.size() < min) {
      Add(kMandatoryDataMissing, "at least " + std::to_string(min) + " item(s) required",
          Member(at, key));
      return std::nullopt;
    }
    if (a.size() > max) {
      Add(kTooManyOccurrences, "at most " + std::to_string(max) + " items allowed",
          Member(at, key));
      return std::nullopt;
    }
    return a;
  }

  // An integral number in [lo, hi]: 477 when not an integer, 4926 out of range.
  std::optional<int64_t> Integer(dom::object object, std::string_view key, const std::string& at,
                                 int64_t lo, int64_t hi) {
    const std::optional<dom::element> value = Get(object, key, at, false);
    if (!value) return std::nullopt;
    int64_t v = 0;
    double d = 0;
    bool ok = value->get_int64().get(v) == simdjson::SUCCESS;
    if (!ok && value->get_double().get(d) == simdjson::SUCCESS && std::trunc(d) == d &&
        std::fabs(d) < 9e15) {
      v = static_cast<int64_t>(d);
      ok = true;
    }
    if (!ok) {
      Add(kInvalidFormat, "must be an integer", Member(at, key), std::to_string(lo));
      return std::nullopt;
    }
    if (v < lo || v > hi) {
      Add(kInvalidData, "must be between " + std::to_string(lo) + " and " + std::to_string(hi),
          Member(at, key));
      return std::nullopt;
    }
    return v;
  }

  // Each item of `array` as an object; 477 for items that are not.
  std::vector<std::pair<dom::object, std::string>> Objects(dom::array array,
                                                           const std::string& at) {
    std::vector<std::pair<dom::object, std::string>> out;
    std::size_t i = 0;
    for (dom::element item : array) {
      dom::object o;
      if (item.get_object().get(o) == simdjson::SUCCESS) {
        out.emplace_back(o, Element(at, i));
      } else {
        Add(kInvalidFormat, "must be an object", Element(at, i));
      }
      ++i;
    }
    return out;
  }

  // Each item of `array` as a string; 477 for items that are not.
  std::vector<std::pair<std::string_view, std::string>> Strings(dom::array array,
                                                                const std::string& at) {
    std::vector<std::pair<std::string_view, std::string>> out;
    std::size_t i = 0;
    for (dom::element item : array) {
      std::string_view s;
      if (item.get_string().get(s) == simdjson::SUCCESS) {
        out.emplace_back(s, Element(at, i));
      } else {
        Add(kInvalidFormat, "must be a string", Element(at, i));
      }
      ++i;
    }
    return out;
  }

 private:
  Issues& issues_;
};

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

void ReadOriginDestinations(BodyReader& r, dom::object query, Days today, Issues& issues,
                            FlightSearch& search, std::vector<std::string>& ids) {
  const std::string at = "/originDestinations";
  const std::optional<dom::array> list =
      r.Array(query, "originDestinations", "", true, 1, kMaxOriginDestinations);
  if (!list) return;
  bool ok = true;
  for (const auto& [od, pointer] : r.Objects(*list, at)) {
    const std::size_t before = issues.size();
    const std::optional<std::string_view> id = r.String(od, "id", pointer, true);
    if (id && std::find(ids.begin(), ids.end(), *id) != ids.end()) {
      r.Add(kInvalidData, "duplicate originDestination id " + std::string(*id),
            Member(pointer, "id"));
    }
    SliceRequest slice;
    if (const auto code = r.String(od, "originLocationCode", pointer, true)) {
      CheckLocation(*code, kNoParameter, Member(pointer, "originLocationCode"), issues,
                    slice.origin);
    }
    if (const auto code = r.String(od, "destinationLocationCode", pointer, true)) {
      CheckLocation(*code, kNoParameter, Member(pointer, "destinationLocationCode"), issues,
                    slice.destination);
    }
    if (slice.origin.valid() && slice.origin == slice.destination) {
      r.Add(kCombinationInvalid, "originLocationCode and destinationLocationCode must differ",
            Member(pointer, "destinationLocationCode"));
    }
    const std::string range_at = Member(pointer, "departureDateTimeRange");
    if (const auto range = r.Object(od, "departureDateTimeRange", pointer, true)) {
      if (const auto date = r.String(*range, "date", range_at, true)) {
        if (CheckDate(*date, today, kNoParameter, Member(range_at, "date"), issues,
                      slice.departure_date) &&
            !search.request.slices.empty() &&
            slice.departure_date < search.request.slices.back().departure_date) {
          r.Add(kInvalidDate, "originDestinations must be in chronological order",
                Member(range_at, "date"));
        }
      }
      if (const auto time = r.String(*range, "time", range_at, false); time && !IsTime(*time)) {
        r.Add(kInvalidFormat, "must be a local time in the hh:mm:ss format",
              Member(range_at, "time"), "10:30:00");
      }
    }
    ok = ok && issues.size() == before;
    if (ok) {
      ids.emplace_back(*id);
      search.request.slices.push_back(slice);
    }
  }
}

enum class Role { kAdult, kSeatedChild, kHeldInfant };

struct Traveler {
  std::string id;
  Role role = Role::kAdult;
  std::string associated_adult;
  std::string pointer;
};

void CheckInfants(BodyReader& r, const std::vector<Traveler>& travelers) {
  std::vector<std::string> adults_taken;
  for (const Traveler& t : travelers) {
    if (t.role != Role::kHeldInfant) continue;
    const std::string at = Member(t.pointer, "associatedAdultId");
    if (t.associated_adult.empty()) {
      r.Add(kMandatoryDataMissing, "a HELD_INFANT must name its adult", at);
      continue;
    }
    const auto adult = std::find_if(travelers.begin(), travelers.end(), [&](const Traveler& a) {
      return a.id == t.associated_adult && a.role == Role::kAdult;
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

void ReadTravelers(BodyReader& r, dom::object query, Issues& issues, FlightSearch& search) {
  const std::string at = "/travelers";
  const std::optional<dom::array> list = r.Array(query, "travelers", "", true, 1, kMaxTravelers);
  if (!list) return;
  const std::size_t before = issues.size();
  std::vector<Traveler> travelers;
  for (const auto& [object, pointer] : r.Objects(*list, at)) {
    Traveler t;
    t.pointer = pointer;
    const auto id = r.String(object, "id", pointer, true);
    if (id) {
      t.id = std::string(*id);
      for (const Traveler& other : travelers) {
        if (other.id == t.id)
          r.Add(kInvalidData, "duplicate traveler id " + t.id, Member(pointer, "id"));
      }
    }
    const auto type = r.String(object, "travelerType", pointer, true);
    if (!type) continue;
    if (*type == "ADULT" || *type == "SENIOR" || *type == "YOUNG" || *type == "STUDENT") {
      t.role = Role::kAdult;
    } else if (*type == "CHILD" || *type == "SEATED_INFANT") {
      t.role = Role::kSeatedChild;
    } else if (*type == "HELD_INFANT") {
      t.role = Role::kHeldInfant;
      if (const auto adult = r.String(object, "associatedAdultId", pointer, false)) {
        t.associated_adult = std::string(*adult);
      }
    } else {
      r.Add(kInvalidFormat,
            "must be one of ADULT, CHILD, SENIOR, YOUNG, HELD_INFANT, SEATED_INFANT, STUDENT",
            Member(pointer, "travelerType"), "ADULT");
      continue;
    }
    travelers.push_back(std::move(t));
  }
  if (issues.size() != before) return;
  const auto count = [&](Role role) {
    return static_cast<int>(std::count_if(travelers.begin(), travelers.end(),
                                          [role](const Traveler& t) { return t.role == role; }));
  };
  const int adults = count(Role::kAdult);
  const int children = count(Role::kSeatedChild);
  const int infants = count(Role::kHeldInfant);
  if (adults == 0) {
    r.Add(kCombinationInvalid, "at least one adult traveler is required", at);
  } else if (adults + children > kMaxSeated) {
    r.Add(kCombinationInvalid, "the number of seated travelers can not exceed 9", at);
  }
  CheckInfants(r, travelers);
  if (issues.size() != before) return;
  search.request.passengers.adults = adults;
  search.request.passengers.child_ages.assign(static_cast<std::size_t>(children), kChildAge);
  search.request.passengers.infants = infants;
}

void ReadSources(BodyReader& r, dom::object query) {
  const std::string at = "/sources";
  const std::optional<dom::array> list = r.Array(query, "sources", "", true, 1, 8);
  if (!list) return;
  for (const auto& [source, pointer] : r.Strings(*list, at)) {
    if (source != "GDS") r.Add(kInvalidFormat, "the only source is GDS", pointer, "GDS");
  }
}

void ReadCabins(BodyReader& r, dom::object filters, const std::string& at, Issues& issues,
                const std::vector<std::string>& od_ids, FlightSearch& search) {
  const std::optional<dom::array> list = r.Array(filters, "cabinRestrictions", at, false, 1, 6);
  if (!list) return;
  const std::string list_at = Member(at, "cabinRestrictions");
  std::optional<Cabin> cabin;
  for (const auto& [restriction, pointer] : r.Objects(*list, list_at)) {
    Cabin c = Cabin::kEconomy;
    if (const auto text = r.String(restriction, "cabin", pointer, true);
        text && CheckTravelClass(*text, kNoParameter, Member(pointer, "cabin"), issues, c)) {
      if (cabin && *cabin != c) {
        r.Add(kCombinationInvalid,
              "this emulator prices one cabin for the whole journey: every cabinRestriction must "
              "name the same cabin",
              Member(pointer, "cabin"));
      }
      cabin = c;
    }
    if (const auto coverage = r.String(restriction, "coverage", pointer, false);
        coverage && *coverage != "MOST_SEGMENTS" && *coverage != "AT_LEAST_ONE_SEGMENT" &&
        *coverage != "ALL_SEGMENTS") {
      r.Add(kInvalidFormat, "must be one of MOST_SEGMENTS, AT_LEAST_ONE_SEGMENT, ALL_SEGMENTS",
            Member(pointer, "coverage"), "MOST_SEGMENTS");
    }
    const std::string ids_at = Member(pointer, "originDestinationIds");
    if (const auto ids = r.Array(restriction, "originDestinationIds", pointer, false, 1, 6)) {
      for (const auto& [id, id_at] : r.Strings(*ids, ids_at)) {
        if (std::find(od_ids.begin(), od_ids.end(), id) == od_ids.end()) {
          r.Add(kInvalidData, "no originDestination with id " + std::string(id), id_at);
        }
      }
    }
  }
  if (cabin) search.request.cabin = *cabin;
}

void ReadCarrierList(BodyReader& r, dom::object carriers, std::string_view key,
                     const std::string& at, Issues& issues, std::vector<AirlineCode>& out) {
  const std::optional<dom::array> list = r.Array(carriers, key, at, false, 1, kMaxCarrierCodes);
  if (!list) return;
  for (const auto& [text, pointer] : r.Strings(*list, Member(at, key))) {
    AirlineCode code;
    if (CheckCarrier(text, kNoParameter, pointer, issues, code)) out.push_back(code);
  }
}

void ReadSearchCriteria(BodyReader& r, dom::object query, Issues& issues,
                        const std::vector<std::string>& od_ids, FlightSearch& search) {
  const std::string at = "/searchCriteria";
  const std::optional<dom::object> criteria = r.Object(query, "searchCriteria", "", false);
  if (!criteria) return;
  if (const auto max = r.Integer(*criteria, "maxFlightOffers", at, 1, kMaxOffers)) {
    search.max_offers = static_cast<int>(*max);
  }
  search.max_price = r.Integer(*criteria, "maxPrice", at, 1, INT64_MAX / 1000);
  const std::string filters_at = Member(at, "flightFilters");
  const std::optional<dom::object> filters = r.Object(*criteria, "flightFilters", at, false);
  if (!filters) return;
  ReadCabins(r, *filters, filters_at, issues, od_ids, search);
  const std::string carriers_at = Member(filters_at, "carrierRestrictions");
  if (const auto carriers = r.Object(*filters, "carrierRestrictions", filters_at, false)) {
    ReadCarrierList(r, *carriers, "includedCarrierCodes", carriers_at, issues,
                    search.included_carriers);
    ReadCarrierList(r, *carriers, "excludedCarrierCodes", carriers_at, issues,
                    search.excluded_carriers);
    if (!search.included_carriers.empty() && !search.excluded_carriers.empty()) {
      r.Add(kCombinationInvalid,
            "includedCarrierCodes can not be cumulated with excludedCarrierCodes",
            Member(carriers_at, "excludedCarrierCodes"));
    }
  }
  const std::string connections_at = Member(filters_at, "connectionRestriction");
  if (const auto connections = r.Object(*filters, "connectionRestriction", filters_at, false)) {
    if (const auto n = r.Integer(*connections, "maxNumberOfConnections", connections_at, 0, 2)) {
      search.max_connections = static_cast<int>(*n);
      search.request.max_connections = static_cast<int>(*n);
    }
  }
}

}  // namespace

SearchOrIssues ReadPostBody(std::string_view body, Days today) {
  thread_local dom::parser parser;
  Issues issues;
  BodyReader r(issues);
  dom::element root;
  dom::object query;
  if (parser.parse(body.data(), body.size()).get(root) != simdjson::SUCCESS ||
      root.get_object().get(query) != simdjson::SUCCESS) {
    r.Add(kInvalidFormat, "the body must be a GetFlightOffersQuery JSON object", "");
    return tl::unexpected<Issues>(std::move(issues));
  }
  FlightSearch search;
  if (const auto currency = r.String(query, "currencyCode", "", false)) {
    CheckCurrency(*currency, kNoParameter, "/currencyCode", issues, search.request.currency);
  }
  std::vector<std::string> od_ids;
  ReadOriginDestinations(r, query, today, issues, search, od_ids);
  ReadTravelers(r, query, issues, search);
  ReadSources(r, query);
  ReadSearchCriteria(r, query, issues, od_ids, search);
  if (!issues.empty()) return tl::unexpected<Issues>(std::move(issues));
  return search;
}

}  // namespace fareflow::amadeus
