#include "suppliers/amadeus/flight_dates_writer.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>
#include <vector>

namespace fareflow::amadeus {
namespace {

const CurrencyCode kEur = CurrencyCode::Parse("EUR");

DatesItem Item(const char* destination, Days departure, std::optional<Days> back, int64_t minor) {
  DatesItem item;
  item.origin = LocationCode::Parse("MAD");
  item.destination = LocationCode::Parse(destination);
  item.departure = departure;
  item.return_date = back;
  item.price = {minor, kEur};
  item.other_search_link = "http://h/other";
  item.offers_link = "http://h/v2/shopping/flight-offers?x=1";
  return item;
}

std::string_view Str(simdjson::dom::element e) { return std::string_view(e.get_string()); }

TEST(FlightDatesWriterTest, WritesTheSpecsShape) {
  const Days day = DaysFromCivil(2027, 3, 10);
  const std::vector<DatesItem> items = {Item("MUC", day, day + 3, 9853),
                                        Item("MUC", day + 1, std::nullopt, 10000)};
  DatesMeta meta;
  meta.currency = kEur;
  meta.self = "http://h/v1/shopping/flight-dates?origin=MAD&destination=MUC";
  meta.duration = "1,15";
  meta.non_stop = false;
  meta.view_by = "DURATION";
  std::string body;
  WriteFlightDatesResponse(DatesResource::kFlightDate, items, meta, body);

  simdjson::dom::parser parser;
  const simdjson::dom::element root = parser.parse(body);
  const simdjson::dom::array data = root["data"].get_array();
  ASSERT_EQ(data.size(), 2u);
  const simdjson::dom::element first = data.at(0);
  EXPECT_EQ(Str(first["type"]), "flight-date");
  EXPECT_EQ(Str(first["origin"]), "MAD");
  EXPECT_EQ(Str(first["destination"]), "MUC");
  EXPECT_EQ(Str(first["departureDate"]), "2027-03-10");
  EXPECT_EQ(Str(first["returnDate"]), "2027-03-13");
  EXPECT_EQ(Str(first["price"]["total"]), "98.53");
  EXPECT_EQ(Str(first["links"]["flightDestinations"]), "http://h/other");
  EXPECT_EQ(Str(first["links"]["flightOffers"]), "http://h/v2/shopping/flight-offers?x=1");
  EXPECT_TRUE(data.at(1)["returnDate"].error() == simdjson::NO_SUCH_FIELD);

  EXPECT_EQ(Str(root["dictionaries"]["currencies"]["EUR"]), "EURO");
  EXPECT_EQ(Str(root["dictionaries"]["locations"]["MAD"]["subType"]), "AIRPORT");
  EXPECT_EQ(Str(root["dictionaries"]["locations"]["MUC"]["subType"]), "AIRPORT");
  EXPECT_FALSE(Str(root["dictionaries"]["locations"]["MUC"]["detailedName"]).empty());

  EXPECT_EQ(Str(root["meta"]["currency"]), "EUR");
  EXPECT_EQ(Str(root["meta"]["links"]["self"]), meta.self);
  EXPECT_EQ(Str(root["meta"]["defaults"]["duration"]), "1,15");
  EXPECT_EQ(bool(root["meta"]["defaults"]["nonStop"]), false);
  EXPECT_EQ(Str(root["meta"]["defaults"]["viewBy"]), "DURATION");
  EXPECT_TRUE(root["meta"]["defaults"]["departureDate"].error() == simdjson::NO_SUCH_FIELD);
}

TEST(FlightDatesWriterTest, DestinationsLinkToTheirDatesAndNameCities) {
  const Days day = DaysFromCivil(2027, 3, 10);
  DatesItem item = Item("LON", day, std::nullopt, 5252);
  DatesMeta meta;
  meta.currency = kEur;
  std::string body;
  WriteFlightDatesResponse(DatesResource::kFlightDestination, {&item, 1}, meta, body);
  simdjson::dom::parser parser;
  const simdjson::dom::element root = parser.parse(body);
  const simdjson::dom::element first = root["data"].at(0);
  EXPECT_EQ(Str(first["type"]), "flight-destination");
  EXPECT_EQ(Str(first["links"]["flightDates"]), "http://h/other");
  EXPECT_EQ(Str(root["dictionaries"]["locations"]["LON"]["subType"]), "CITY");
  EXPECT_EQ(Str(root["dictionaries"]["locations"]["LON"]["detailedName"]), "LONDON");
}

TEST(FlightDatesWriterTest, NoItemsIsAnEmptyData) {
  DatesMeta meta;
  meta.currency = kEur;
  std::string body;
  WriteFlightDatesResponse(DatesResource::kFlightDate, {}, meta, body);
  simdjson::dom::parser parser;
  const simdjson::dom::element root = parser.parse(body);
  EXPECT_EQ(root["data"].get_array().size(), 0u);
}

}  // namespace
}  // namespace fareflow::amadeus
