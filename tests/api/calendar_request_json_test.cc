#include "api/calendar_request_json.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace fareflow {
namespace {

constexpr Days kToday = DaysFromCivil(2027, 1, 10);
const ValidationOptions kDates{.check_dates = true, .today = kToday};

// A one-way month from MAD to LON; `rest` is appended inside the object.
std::string Body(const std::string& rest = "") {
  return R"({"origin":"MAD","destination":"LON",)"
         R"("departure":{"from":"2027-03-01","to":"2027-03-31"})" +
         rest + "}";
}

Result<CalendarRequest> Decode(const std::string& body) {
  return DecodeCalendarRequest(body, kDates);
}

TEST(DecodeCalendarRequestTest, ReadsAFullRequest) {
  auto r = Decode(R"({"origin":"MAD","destination":"LON",
    "departure":{"from":"2027-03-01","to":"2027-03-07"},"nights":{"min":3,"max":10},
    "passengers":{"adults":2,"children":[5]},"cabin":"PREMIUM_ECONOMY","currency":"JPY",
    "max_stops":1,"max_price":"45000","mode":"fill","max_calls":50,"deadline_ms":8000})");
  ASSERT_TRUE(r.has_value()) << r.error().field << " " << r.error().message;
  EXPECT_EQ(r->origin, LocationCode::Parse("MAD"));
  EXPECT_EQ(r->destination, LocationCode::Parse("LON"));
  EXPECT_EQ(r->departure_from, DaysFromCivil(2027, 3, 1));
  EXPECT_EQ(r->departure_to, DaysFromCivil(2027, 3, 7));
  EXPECT_EQ(r->min_nights, 3);
  EXPECT_EQ(r->max_nights, 10);
  EXPECT_FALSE(r->return_from);
  EXPECT_TRUE(r->round_trip());
  EXPECT_EQ(r->passengers.adults, 2);
  EXPECT_EQ(r->passengers.child_ages, std::vector<int>{5});
  EXPECT_EQ(r->cabin, Cabin::kPremiumEconomy);
  EXPECT_EQ(r->currency, CurrencyCode::Parse("JPY"));
  EXPECT_EQ(r->max_stops, 1);
  EXPECT_EQ(r->max_price_minor, 45000);  // yen have no minor digits, whatever the member order
  EXPECT_EQ(r->mode, CalendarMode::kFill);
  EXPECT_EQ(r->max_calls, 50);
  EXPECT_EQ(r->deadline_ms, 8000);
}

TEST(DecodeCalendarRequestTest, DefaultsToACachedOneWayInEuros) {
  auto r = Decode(Body());
  ASSERT_TRUE(r.has_value()) << r.error().field << " " << r.error().message;
  EXPECT_FALSE(r->round_trip());
  EXPECT_EQ(r->mode, CalendarMode::kCached);
  EXPECT_EQ(r->currency, CurrencyCode::Parse("EUR"));
  EXPECT_EQ(r->max_calls, kMaxCalendarCallsAsked);
  EXPECT_EQ(r->passengers.adults, 1);
  EXPECT_FALSE(r->max_stops);
}

TEST(DecodeCalendarRequestTest, ReadsAReturnRange) {
  auto r = Decode(Body(R"(,"return":{"from":"2027-03-05","to":"2027-04-05"})"));
  ASSERT_TRUE(r.has_value()) << r.error().field << " " << r.error().message;
  EXPECT_EQ(r->return_from, DaysFromCivil(2027, 3, 5));
  EXPECT_EQ(r->return_to, DaysFromCivil(2027, 4, 5));
}

TEST(DecodeCalendarRequestTest, ErrorsNameTheField) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{", ""},
      {"[]", ""},
      {R"({"destination":"LON","departure":{"from":"2027-03-01","to":"2027-03-02"}})", "/origin"},
      {R"({"origin":"MAD","destination":"LON"})", "/departure"},
      {R"({"origin":"MAD","destination":"LON","departure":{"from":"2027-03-01"}})",
       "/departure/to"},
      {R"({"origin":"XQZ","destination":"LON","departure":{"from":"2027-03-01","to":"2027-03-02"}})",
       "/origin"},
      {R"({"origin":"MAD","destination":"MAD","departure":{"from":"2027-03-01","to":"2027-03-02"}})",
       "/destination"},
      {R"({"origin":"MA","destination":"LON","departure":{"from":"2027-03-01","to":"2027-03-02"}})",
       "/origin"},
      {Body(R"(,"passengers":{"adults":0})"), "/passengers/adults"},
      {Body(R"(,"passengers":{"children":[1]})"), "/passengers/children/0"},
      {Body(R"(,"cabin":"steerage")"), "/cabin"},
      {Body(R"(,"currency":"XXQ")"), "/currency"},
      {Body(R"(,"max_stops":4)"), "/max_stops"},
      {Body(R"(,"max_price":"cheap")"), "/max_price"},
      {Body(R"(,"mode":"live")"), "/mode"},
      {Body(R"(,"max_calls":1001)"), "/max_calls"},
      {Body(R"(,"max_calls":-1)"), "/max_calls"},
      {Body(R"(,"deadline_ms":5)"), "/deadline_ms"},
      {Body(R"(,"nights":{"min":3,"max":61})"), "/nights/max"},
      {Body(R"(,"nights":{"min":5,"max":3})"), "/nights/max"},
      {Body(R"(,"nights":{"min":-1,"max":3})"), "/nights/min"},
      {Body(R"(,"nights":{"min":3})"), "/nights/max"},
      {Body(R"(,"nights":{"min":3,"max":4,"avg":3})"), "/nights/avg"},
      {Body(R"(,"nights":{"min":3,"max":4},"return":{"from":"2027-04-01","to":"2027-04-02"})"),
       "/return"},
      {Body(R"(,"return":{"from":"2027-04-02","to":"2027-04-01"})"), "/return/to"},
      {Body(R"(,"return":{"from":"2027-01-01","to":"2027-02-01"})"), "/return/to"},
      {Body(R"(,"return":{"from":"2027-03-01","to":"2027-06-01"})"), "/return"},
      {Body(R"(,"nonstop":true)"), "/nonstop"},
      {Body(R"(,"mode":"fill","mode":"cached")"), "/mode"},
      {R"({"origin":"MAD","destination":"LON","departure":{"from":"2027-03-01","to":"2027-02-01"}})",
       "/departure/to"},
      {R"({"origin":"MAD","destination":"LON","departure":{"from":"2027-03-01","to":"2027-05-02"}})",
       "/departure"},
      {R"({"origin":"MAD","destination":"LON","departure":{"from":"2027-02-30","to":"2027-03-02"}})",
       "/departure/from"},
      {R"({"origin":"MAD","destination":"LON","departure":{"from":"2027-01-09","to":"2027-01-20"}})",
       "/departure/from"},
      {R"({"origin":"MAD","destination":"LON","departure":{"from":"2027-12-20","to":"2028-01-20"}})",
       "/departure/to"},
      // 62 departures x 60 nights' range: more than kMaxCalendarCells.
      {R"({"origin":"MAD","destination":"LON","departure":{"from":"2027-03-01","to":"2027-05-01"},"nights":{"min":0,"max":40}})",
       "/nights"},
  };
  for (const auto& [body, field] : cases) {
    auto r = Decode(body);
    ASSERT_FALSE(r.has_value()) << body;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << body;
    EXPECT_EQ(r.error().field, field) << body << ": " << r.error().message;
  }
}

TEST(DecodeCalendarRequestTest, TheLargestGridIsAccepted) {
  // 62 departures x 31 trip lengths: kMaxCalendarCells exactly.
  auto r = Decode(R"({"origin":"MAD","destination":"LON",
    "departure":{"from":"2027-03-01","to":"2027-05-01"},"nights":{"min":0,"max":30}})");
  ASSERT_TRUE(r.has_value()) << r.error().field << " " << r.error().message;
}

TEST(DecodeCalendarRequestTest, CityCodesAreKnownPlaces) {
  auto r = Decode(R"({"origin":"NYC","destination":"PAR",
    "departure":{"from":"2027-03-01","to":"2027-03-01"}})");
  ASSERT_TRUE(r.has_value()) << r.error().field << " " << r.error().message;
}

}  // namespace
}  // namespace fareflow
