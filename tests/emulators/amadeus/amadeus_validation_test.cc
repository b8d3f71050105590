// Every validation path of the Flight Offers Search emulator: status, code, title and the
// parameter (GET) or JSON pointer (POST) each issue names.

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "emulators/amadeus/amadeus_emulator.h"
#include "emulators/amadeus/emulator_harness.h"
#include "refdata/airports.h"

namespace fareflow::emulators::testing {
namespace {

struct Expected {
  int64_t code;
  std::string title;
  std::string source;  // parameter for GET, pointer for POST
};

const Expected kMissing{32171, "MANDATORY DATA MISSING", ""};
const Expected kFormat{477, "INVALID FORMAT", ""};
const Expected kDate{425, "INVALID DATE", ""};
const Expected kData{4926, "INVALID DATA RECEIVED", ""};
const Expected kCombination{2668, "PARAMETER COMBINATION INVALID/RESTRICTED", ""};
const Expected kTooMany{10661, "MAXIMUM NUMBER OF OCCURRENCES EXCEEDED", ""};

Expected At(Expected e, std::string source) {
  e.source = std::move(source);
  return e;
}

struct GetCase {
  std::string query;
  Expected expected;
};

// A valid query with `name` replaced by `value` (removed when `value` is null).
std::string Query(const std::vector<std::pair<std::string, const char*>>& changes) {
  std::vector<std::pair<std::string, std::string>> params = {{"originLocationCode", "LON"},
                                                             {"destinationLocationCode", "NYC"},
                                                             {"departureDate", "2026-07-10"},
                                                             {"returnDate", "2026-07-17"},
                                                             {"adults", "2"},
                                                             {"max", "5"}};
  for (const auto& [name, value] : changes) {
    auto it =
        std::find_if(params.begin(), params.end(), [&](const auto& p) { return p.first == name; });
    if (value == nullptr) {
      if (it != params.end()) params.erase(it);
    } else if (it != params.end()) {
      it->second = value;
    } else {
      params.emplace_back(name, value);
    }
  }
  std::string query;
  for (const auto& [name, value] : params) {
    if (!query.empty()) query += '&';
    query += name + "=" + value;
  }
  return query;
}

// A well-formed location code the reference data does not know.
std::string UnknownLocation() {
  for (const char* code : {"QQQ", "XQX", "ZZQ", "QXZ"}) {
    if (refdata::ExpandLocation(LocationCode::Parse(code)).empty()) return code;
  }
  ADD_FAILURE() << "no unknown location code";
  return "QQQ";
}

std::vector<GetCase> GetCases() {
  static const std::string unknown = UnknownLocation();
  return {
      {Query({{"originLocationCode", nullptr}}), At(kMissing, "originLocationCode")},
      {Query({{"destinationLocationCode", nullptr}}), At(kMissing, "destinationLocationCode")},
      {Query({{"departureDate", nullptr}}), At(kMissing, "departureDate")},
      {Query({{"adults", nullptr}}), At(kMissing, "adults")},
      {Query({{"originLocationCode", ""}}), At(kMissing, "originLocationCode")},
      {Query({{"originLocationCode", "LONDON"}}), At(kFormat, "originLocationCode")},
      {Query({{"originLocationCode", "lon"}}), At(kFormat, "originLocationCode")},
      {Query({{"destinationLocationCode", "N1C"}}), At(kFormat, "destinationLocationCode")},
      {Query({{"destinationLocationCode", unknown.c_str()}}), At(kData, "destinationLocationCode")},
      {Query({{"destinationLocationCode", "LON"}}), At(kCombination, "destinationLocationCode")},
      {Query({{"departureDate", "10/07/2026"}}), At(kFormat, "departureDate")},
      {Query({{"departureDate", "2026-7-10"}}), At(kFormat, "departureDate")},
      {Query({{"departureDate", "2026-02-30"}}), At(kDate, "departureDate")},
      {Query({{"departureDate", "2026-05-31"}}), At(kDate, "departureDate")},
      {Query({{"returnDate", "2026-07-09"}}), At(kDate, "returnDate")},
      {Query({{"returnDate", "2026-13-01"}}), At(kDate, "returnDate")},
      {Query({{"adults", "0"}}), At(kData, "adults")},
      {Query({{"adults", "10"}}), At(kData, "adults")},
      {Query({{"adults", "two"}}), At(kFormat, "adults")},
      {Query({{"adults", "1.5"}}), At(kFormat, "adults")},
      {Query({{"children", "-1"}}), At(kData, "children")},
      {Query({{"adults", "5"}, {"children", "5"}}), At(kCombination, "children")},
      {Query({{"infants", "3"}}), At(kCombination, "infants")},
      {Query({{"travelClass", "COACH"}}), At(kFormat, "travelClass")},
      {Query({{"travelClass", "business"}}), At(kFormat, "travelClass")},
      {Query({{"includedAirlineCodes", "BAW"}}), At(kFormat, "includedAirlineCodes")},
      {Query({{"excludedAirlineCodes", "BA,"}}), At(kFormat, "excludedAirlineCodes")},
      {Query({{"includedAirlineCodes", "BA"}, {"excludedAirlineCodes", "AF"}}),
       At(kCombination, "excludedAirlineCodes")},
      {Query({{"nonStop", "yes"}}), At(kFormat, "nonStop")},
      {Query({{"currencyCode", "eur"}}), At(kFormat, "currencyCode")},
      {Query({{"currencyCode", "XQZ"}}), At(kData, "currencyCode")},
      {Query({{"maxPrice", "0"}}), At(kData, "maxPrice")},
      {Query({{"maxPrice", "12.50"}}), At(kFormat, "maxPrice")},
      {Query({{"max", "0"}}), At(kData, "max")},
      {Query({{"max", "251"}}), At(kData, "max")},
      {Query({{"max", "ten"}}), At(kFormat, "max")},
  };
}

TEST_F(EmulatorTest, EveryGetValidationErrorNamesItsParameter) {
  ASSERT_EQ(Get(Query({})).status, 200);
  for (const GetCase& c : GetCases()) {
    SCOPED_TRACE(c.query);
    const net::WireResponse response = Get(c.query);
    EXPECT_EQ(response.status, 400);
    EXPECT_EQ(response.content_type, "application/vnd.amadeus+json");
    const FirstIssue issue = ReadFirstIssue(response.body);
    EXPECT_EQ(issue.count, 1u) << response.body;
    EXPECT_EQ(issue.status, 400);
    EXPECT_EQ(issue.code, c.expected.code) << response.body;
    EXPECT_EQ(issue.title, c.expected.title);
    EXPECT_EQ(issue.parameter, c.expected.source) << response.body;
    EXPECT_FALSE(issue.detail.empty());
  }
}

TEST_F(EmulatorTest, GetReportsEveryIssueAtOnce) {
  const net::WireResponse response =
      Get("originLocationCode=lon&departureDate=2026-05-01&adults=12&max=0");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(ReadFirstIssue(response.body).count, 5u) << response.body;
}

TEST_F(EmulatorTest, TodayIsNotInThePast) {
  Advance(11 * 3600 + 3599);  // 2026-06-01T23:59:59Z
  token_.clear();
  EXPECT_EQ(Get(Query({{"departureDate", "2026-06-01"}, {"returnDate", nullptr}})).status, 200);
  Advance(1);  // midnight: 2026-06-01 is now yesterday
  token_.clear();
  EXPECT_EQ(
      ReadFirstIssue(Get(Query({{"departureDate", "2026-06-01"}, {"returnDate", nullptr}})).body)
          .code,
      425);
}

// --- POST bodies ------------------------------------------------------------------------------

struct PostCase {
  std::string name;
  std::string body;
  Expected expected;
};

const char kOds[] = R"("originDestinations":[
  {"id":"1","originLocationCode":"LON","destinationLocationCode":"NYC",
   "departureDateTimeRange":{"date":"2026-07-10"}}])";
const char kAdult[] = R"("travelers":[{"id":"1","travelerType":"ADULT"}])";
const char kSources[] = R"("sources":["GDS"])";

std::string Body(const std::string& ods, const std::string& travelers, const std::string& sources,
                 const std::string& extra = "") {
  std::string body = "{";
  for (const std::string* part : {&ods, &travelers, &sources, &extra}) {
    if (part->empty()) continue;
    if (body.size() > 1) body += ',';
    body += *part;
  }
  return body + "}";
}

std::string Od(const std::string& id, const std::string& from, const std::string& to,
               const std::string& date) {
  return R"({"id":")" + id + R"(","originLocationCode":")" + from +
         R"(","destinationLocationCode":")" + to + R"(","departureDateTimeRange":{"date":")" +
         date + R"("}})";
}

std::string Criteria(const std::string& inner) { return R"("searchCriteria":)" + inner; }

std::vector<PostCase> PostCases() {
  const std::string sevenOds = [] {
    std::string s = R"("originDestinations":[)";
    for (int i = 1; i <= 7; ++i) {
      if (i > 1) s += ',';
      s += Od(std::to_string(i), i % 2 ? "LON" : "NYC", i % 2 ? "NYC" : "LON",
              "2026-07-1" + std::to_string(i));
    }
    return s + "]";
  }();
  const std::string tenAdults = [] {
    std::string s = R"("travelers":[)";
    for (int i = 1; i <= 10; ++i) {
      if (i > 1) s += ',';
      s += R"({"id":")" + std::to_string(i) + R"(","travelerType":"ADULT"})";
    }
    return s + "]";
  }();
  return {
      {"NotJson", "{\"originDestinations\":", At(kFormat, "")},
      {"NotAnObject", "[1,2]", At(kFormat, "")},
      {"NoOriginDestinations", Body("", kAdult, kSources), At(kMissing, "/originDestinations")},
      {"EmptyOriginDestinations", Body(R"("originDestinations":[])", kAdult, kSources),
       At(kMissing, "/originDestinations")},
      {"SevenOriginDestinations", Body(sevenOds, kAdult, kSources),
       At(kTooMany, "/originDestinations")},
      {"NoTravelers", Body(kOds, "", kSources), At(kMissing, "/travelers")},
      {"NoSources", Body(kOds, kAdult, ""), At(kMissing, "/sources")},
      {"UnknownSource", Body(kOds, kAdult, R"("sources":["NDC"])"), At(kFormat, "/sources/0")},
      {"OdWithoutId",
       Body(R"("originDestinations":[{"originLocationCode":"LON","destinationLocationCode":"NYC",
              "departureDateTimeRange":{"date":"2026-07-10"}}])",
            kAdult, kSources),
       At(kMissing, "/originDestinations/0/id")},
      {"OdWithoutDate",
       Body(R"("originDestinations":[{"id":"1","originLocationCode":"LON",
              "destinationLocationCode":"NYC","departureDateTimeRange":{}}])",
            kAdult, kSources),
       At(kMissing, "/originDestinations/0/departureDateTimeRange/date")},
      {"BadOrigin",
       Body(R"("originDestinations":[)" + Od("1", "L0N", "NYC", "2026-07-10") + "]", kAdult,
            kSources),
       At(kFormat, "/originDestinations/0/originLocationCode")},
      {"UnknownDestination",
       Body(R"("originDestinations":[)" + Od("1", "LON", UnknownLocation(), "2026-07-10") + "]",
            kAdult, kSources),
       At(kData, "/originDestinations/0/destinationLocationCode")},
      {"PastDate",
       Body(R"("originDestinations":[)" + Od("1", "LON", "NYC", "2026-05-01") + "]", kAdult,
            kSources),
       At(kDate, "/originDestinations/0/departureDateTimeRange/date")},
      {"BadDate",
       Body(R"("originDestinations":[)" + Od("1", "LON", "NYC", "2026/07/10") + "]", kAdult,
            kSources),
       At(kFormat, "/originDestinations/0/departureDateTimeRange/date")},
      {"BadTime",
       Body(R"("originDestinations":[{"id":"1","originLocationCode":"LON",
              "destinationLocationCode":"NYC",
              "departureDateTimeRange":{"date":"2026-07-10","time":"25:00:00"}}])",
            kAdult, kSources),
       At(kFormat, "/originDestinations/0/departureDateTimeRange/time")},
      {"NotChronological",
       Body(R"("originDestinations":[)" + Od("1", "LON", "NYC", "2026-07-10") + "," +
                Od("2", "NYC", "LON", "2026-07-09") + "]",
            kAdult, kSources),
       At(kDate, "/originDestinations/1/departureDateTimeRange/date")},
      {"DuplicateOdId",
       Body(R"("originDestinations":[)" + Od("1", "LON", "NYC", "2026-07-10") + "," +
                Od("1", "NYC", "LON", "2026-07-12") + "]",
            kAdult, kSources),
       At(kData, "/originDestinations/1/id")},
      {"UnknownTravelerType",
       Body(kOds, R"("travelers":[{"id":"1","travelerType":"PET"}])", kSources),
       At(kFormat, "/travelers/0/travelerType")},
      {"TravelerWithoutId", Body(kOds, R"("travelers":[{"travelerType":"ADULT"}])", kSources),
       At(kMissing, "/travelers/0/id")},
      {"OnlyChildren", Body(kOds, R"("travelers":[{"id":"1","travelerType":"CHILD"}])", kSources),
       At(kCombination, "/travelers")},
      {"TenSeated", Body(kOds, tenAdults, kSources), At(kCombination, "/travelers")},
      {"InfantWithoutAdult",
       Body(kOds,
            R"("travelers":[{"id":"1","travelerType":"ADULT"},
                {"id":"2","travelerType":"HELD_INFANT"}])",
            kSources),
       At(kMissing, "/travelers/1/associatedAdultId")},
      {"InfantOfUnknownAdult",
       Body(kOds,
            R"("travelers":[{"id":"1","travelerType":"ADULT"},
                {"id":"2","travelerType":"HELD_INFANT","associatedAdultId":"9"}])",
            kSources),
       At(kData, "/travelers/1/associatedAdultId")},
      {"TwoInfantsOneAdult",
       Body(kOds,
            R"("travelers":[{"id":"1","travelerType":"ADULT"},
                {"id":"2","travelerType":"HELD_INFANT","associatedAdultId":"1"},
                {"id":"3","travelerType":"HELD_INFANT","associatedAdultId":"1"}])",
            kSources),
       At(kCombination, "/travelers/2/associatedAdultId")},
      {"BadCurrency", Body(kOds, kAdult, kSources, R"("currencyCode":"EURO")"),
       At(kFormat, "/currencyCode")},
      {"MaxFlightOffersTooHigh",
       Body(kOds, kAdult, kSources, Criteria(R"({"maxFlightOffers":300})")),
       At(kData, "/searchCriteria/maxFlightOffers")},
      {"MaxFlightOffersNotInteger",
       Body(kOds, kAdult, kSources, Criteria(R"({"maxFlightOffers":"ten"})")),
       At(kFormat, "/searchCriteria/maxFlightOffers")},
      {"MaxPriceZero", Body(kOds, kAdult, kSources, Criteria(R"({"maxPrice":0})")),
       At(kData, "/searchCriteria/maxPrice")},
      {"UnknownCabin",
       Body(kOds, kAdult, kSources,
            Criteria(R"({"flightFilters":{"cabinRestrictions":[{"cabin":"COACH"}]}})")),
       At(kFormat, "/searchCriteria/flightFilters/cabinRestrictions/0/cabin")},
      {"UnknownCoverage",
       Body(kOds, kAdult, kSources, Criteria(R"({"flightFilters":{"cabinRestrictions":[
                {"cabin":"ECONOMY","coverage":"SOME"}]}})")),
       At(kFormat, "/searchCriteria/flightFilters/cabinRestrictions/0/coverage")},
      {"CabinOfUnknownOd",
       Body(kOds, kAdult, kSources, Criteria(R"({"flightFilters":{"cabinRestrictions":[
                {"cabin":"ECONOMY","originDestinationIds":["7"]}]}})")),
       At(kData, "/searchCriteria/flightFilters/cabinRestrictions/0/originDestinationIds/0")},
      {"TwoCabins", Body(kOds, kAdult, kSources, Criteria(R"({"flightFilters":{"cabinRestrictions":[
                {"cabin":"ECONOMY"},{"cabin":"FIRST"}]}})")),
       At(kCombination, "/searchCriteria/flightFilters/cabinRestrictions/1/cabin")},
      {"BadCarrier",
       Body(
           kOds, kAdult, kSources,
           Criteria(R"({"flightFilters":{"carrierRestrictions":{"includedCarrierCodes":["B"]}}})")),
       At(kFormat, "/searchCriteria/flightFilters/carrierRestrictions/includedCarrierCodes/0")},
      {"IncludedAndExcluded",
       Body(kOds, kAdult, kSources, Criteria(R"({"flightFilters":{"carrierRestrictions":{
                "includedCarrierCodes":["BA"],"excludedCarrierCodes":["AF"]}}})")),
       At(kCombination, "/searchCriteria/flightFilters/carrierRestrictions/excludedCarrierCodes")},
      {"ThreeConnections",
       Body(kOds, kAdult, kSources, Criteria(R"({"flightFilters":{"connectionRestriction":{
                "maxNumberOfConnections":3}}})")),
       At(kData, "/searchCriteria/flightFilters/connectionRestriction/maxNumberOfConnections")},
  };
}

TEST_F(EmulatorTest, EveryPostValidationErrorNamesItsPointer) {
  ASSERT_EQ(Post(Body(kOds, kAdult, kSources)).status, 200);
  for (const PostCase& c : PostCases()) {
    SCOPED_TRACE(c.name);
    const net::WireResponse response = Post(c.body);
    EXPECT_EQ(response.status, 400);
    const FirstIssue issue = ReadFirstIssue(response.body);
    EXPECT_EQ(issue.count, 1u) << response.body;
    EXPECT_EQ(issue.status, 400);
    EXPECT_EQ(issue.code, c.expected.code) << response.body;
    EXPECT_EQ(issue.title, c.expected.title);
    EXPECT_EQ(issue.pointer, c.expected.source) << response.body;
    EXPECT_TRUE(issue.parameter.empty());
  }
}

TEST_F(EmulatorTest, PostAcceptsEveryTravelerType) {
  const net::WireResponse response = Post(
      Body(kOds,
           R"("travelers":[{"id":"1","travelerType":"ADULT"},{"id":"2","travelerType":"SENIOR"},
          {"id":"3","travelerType":"YOUNG"},{"id":"4","travelerType":"STUDENT"},
          {"id":"5","travelerType":"CHILD"},{"id":"6","travelerType":"SEATED_INFANT"},
          {"id":"7","travelerType":"HELD_INFANT","associatedAdultId":"2"}])",
           kSources, Criteria(R"({"maxFlightOffers":3})")));
  ASSERT_EQ(response.status, 200) << response.body.substr(0, 400);
  // Four adults, two seated children, one infant on a lap.
  EXPECT_NE(response.body.find("adults=4&children=2&infants=1"), std::string::npos)
      << response.body.substr(0, 400);
}

}  // namespace
}  // namespace fareflow::emulators::testing
