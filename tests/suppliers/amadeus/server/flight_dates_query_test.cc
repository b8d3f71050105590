#include "suppliers/amadeus/server/flight_dates_query.h"

#include <gtest/gtest.h>

#include <string>

#include "calendar/calendar.h"

namespace fareflow::amadeus {
namespace {

const Days kQueryDay = DaysFromCivil(2027, 3, 1);

net::WireRequest Get(const char* path, const char* query) {
  net::WireRequest request;
  request.method = "GET";
  request.path = path;
  request.query = net::ParseQueryString(query);
  return request;
}

DatesQueryOrIssues Dates(const char* query) {
  return ReadFlightDatesQuery(Get("/v1/shopping/flight-dates", query), kQueryDay);
}

DatesQueryOrIssues Destinations(const char* query) {
  return ReadFlightDestinationsQuery(Get("/v1/shopping/flight-destinations", query), kQueryDay);
}

// The single issue of a refused query.
Issue OnlyIssue(const DatesQueryOrIssues& read) {
  EXPECT_FALSE(read.has_value());
  if (read.has_value() || read.error().size() != 1) {
    ADD_FAILURE() << "expected exactly one issue";
    return {};
  }
  return read.error()[0];
}

TEST(FlightDatesQueryTest, TheBoundsAreThePriceCalendars) {
  EXPECT_EQ(kMaxDatesDepartureDays, kMaxCalendarDepartureDays);
  EXPECT_EQ(kMaxDatesDuration, kMaxCalendarNights);
  EXPECT_EQ(kMaxDatesCells, kMaxCalendarCells);
}

TEST(FlightDatesQueryTest, DefaultsFillWhatIsLeftOut) {
  const DatesQueryOrIssues read = Dates("origin=MAD&destination=MUC");
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->origin.str(), "MAD");
  EXPECT_EQ(read->destination.str(), "MUC");
  EXPECT_EQ(read->departure_from, kQueryDay);
  EXPECT_EQ(read->departure_to, kQueryDay + 61);
  EXPECT_FALSE(read->one_way);
  EXPECT_EQ(read->min_duration, 1);
  EXPECT_EQ(read->max_duration, 15);
  EXPECT_FALSE(read->non_stop);
  EXPECT_FALSE(read->max_price.has_value());
  EXPECT_EQ(read->view, DatesView::kDuration);
  EXPECT_TRUE(read->departure_defaulted && read->one_way_defaulted && read->duration_defaulted &&
              read->non_stop_defaulted && read->view_defaulted);
}

TEST(FlightDatesQueryTest, ReadsRangesAndOptions) {
  const DatesQueryOrIssues read = Dates(
      "origin=MAD&destination=MUC&departureDate=2027-03-10,2027-03-20&duration=2,8&nonStop=true&"
      "maxPrice=300&viewBy=WEEK");
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->departure_from, DaysFromCivil(2027, 3, 10));
  EXPECT_EQ(read->departure_to, DaysFromCivil(2027, 3, 20));
  EXPECT_EQ(read->min_duration, 2);
  EXPECT_EQ(read->max_duration, 8);
  EXPECT_TRUE(read->non_stop);
  EXPECT_EQ(read->max_price, 300);
  EXPECT_EQ(read->view, DatesView::kWeek);
  EXPECT_FALSE(read->departure_defaulted || read->duration_defaulted || read->view_defaulted);
}

TEST(FlightDatesQueryTest, OneDateAndOneDurationAreRangesOfOne) {
  const DatesQueryOrIssues read =
      Dates("origin=MAD&destination=MUC&departureDate=2027-03-10&duration=4");
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->departure_from, read->departure_to);
  EXPECT_EQ(read->min_duration, 4);
  EXPECT_EQ(read->max_duration, 4);
}

TEST(FlightDatesQueryTest, OneWayHasNoDurationAndViewsByDate) {
  const DatesQueryOrIssues read = Dates("origin=MAD&destination=MUC&oneWay=true");
  ASSERT_TRUE(read.has_value());
  EXPECT_TRUE(read->one_way);
  EXPECT_EQ(read->max_duration, 0);
  EXPECT_FALSE(read->duration_defaulted);
  EXPECT_EQ(read->view, DatesView::kDate);

  const Issue issue = OnlyIssue(Dates("origin=MAD&destination=MUC&oneWay=true&duration=3"));
  EXPECT_EQ(issue.code.code, kCombinationInvalid.code);
  EXPECT_EQ(issue.parameter, "duration");
  EXPECT_EQ(OnlyIssue(Dates("origin=MAD&destination=MUC&oneWay=true&viewBy=DURATION")).code.code,
            kCombinationInvalid.code);
}

TEST(FlightDatesQueryTest, EveryIssueNamesItsParameter) {
  const DatesQueryOrIssues read = Dates("departureDate=27-03-10&oneWay=yes&maxPrice=abc");
  ASSERT_FALSE(read.has_value());
  std::vector<std::string> parameters;
  for (const Issue& issue : read.error()) parameters.push_back(issue.parameter);
  EXPECT_EQ(parameters, (std::vector<std::string>{"origin", "destination", "departureDate",
                                                  "oneWay", "maxPrice"}));
  EXPECT_EQ(read.error()[0].code.code, kMandatoryDataMissing.code);
  EXPECT_EQ(read.error()[2].code.code, kInvalidFormat.code);
  EXPECT_EQ(read.error()[3].code.code, kInvalidFormat.code);
}

TEST(FlightDatesQueryTest, RefusesDatesInThePastInvertedOrTooWide) {
  EXPECT_EQ(OnlyIssue(Dates("origin=MAD&destination=MUC&departureDate=2027-02-28")).code.code,
            kInvalidDate.code);
  EXPECT_EQ(
      OnlyIssue(Dates("origin=MAD&destination=MUC&departureDate=2027-03-20,2027-03-10")).code.code,
      kInvalidDate.code);
  const Issue wide =
      OnlyIssue(Dates("origin=MAD&destination=MUC&departureDate=2027-03-01,2027-05-02"));
  EXPECT_EQ(wide.code.code, kInvalidData.code);
  EXPECT_EQ(wide.parameter, "departureDate");
  EXPECT_TRUE(Dates("origin=MAD&destination=MUC&departureDate=2027-03-01,2027-05-01&duration=3")
                  .has_value());
}

TEST(FlightDatesQueryTest, RefusesDurationsOutOfRangeAndTooManyCells) {
  EXPECT_EQ(OnlyIssue(Dates("origin=MAD&destination=MUC&duration=0,3")).code.code,
            kInvalidData.code);
  EXPECT_EQ(OnlyIssue(Dates("origin=MAD&destination=MUC&duration=8,2")).code.code,
            kInvalidData.code);
  EXPECT_EQ(OnlyIssue(Dates("origin=MAD&destination=MUC&duration=2,x")).code.code,
            kInvalidFormat.code);
  // 62 days x 40 durations is more than one calendar holds.
  const Issue cells = OnlyIssue(Dates("origin=MAD&destination=MUC&duration=1,40"));
  EXPECT_EQ(cells.code.code, kInvalidData.code);
  EXPECT_EQ(cells.parameter, "duration");
}

TEST(FlightDatesQueryTest, RefusesUnknownCodesSameEndsAndViews) {
  EXPECT_EQ(OnlyIssue(Dates("origin=MAD&destination=MAD")).code.code, kCombinationInvalid.code);
  EXPECT_EQ(OnlyIssue(Dates("origin=mad&destination=MUC")).parameter, "origin");
  const Issue view = OnlyIssue(Dates("origin=MAD&destination=MUC&viewBy=COUNTRY"));
  EXPECT_EQ(view.code.code, kInvalidData.code);
  EXPECT_EQ(view.parameter, "viewBy");
  EXPECT_EQ(OnlyIssue(Dates("origin=MAD&destination=MUC&maxPrice=0")).parameter, "maxPrice");
}

TEST(FlightDestinationsQueryTest, NeedsOnlyAnOriginAndViewsByDestination) {
  const DatesQueryOrIssues read = Destinations("origin=PAR");
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->origin.str(), "PAR");
  EXPECT_FALSE(read->destination.valid());
  EXPECT_EQ(read->view, DatesView::kDestination);
  EXPECT_EQ(read->max_duration, 15);
  ASSERT_TRUE(Destinations("origin=PAR&viewBy=COUNTRY").has_value());
  EXPECT_EQ(Destinations("origin=PAR&viewBy=COUNTRY")->view, DatesView::kCountry);
}

TEST(FlightDestinationsQueryTest, DurationsStayWithinFifteenDays) {
  const Issue issue = OnlyIssue(Destinations("origin=PAR&duration=3,16"));
  EXPECT_EQ(issue.code.code, kInvalidData.code);
  EXPECT_EQ(issue.parameter, "duration");
  EXPECT_EQ(OnlyIssue(Destinations("destination=MAD")).code.code, kMandatoryDataMissing.code);
}

}  // namespace
}  // namespace fareflow::amadeus
