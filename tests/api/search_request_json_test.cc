#include "api/search_request_json.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace fareflow {
namespace {

const ValidationOptions kNoDates{.check_dates = false, .today = 0};

std::string WithSlices(const std::string& rest) {
  return R"({"slices":[{"origin":"LON","destination":"JFK","departure_date":"2026-12-20"}])" +
         rest + "}";
}

TEST(DecodeSearchRequestTest, ReadsAFullRequest) {
  auto r = DecodeSearchRequest(R"({
    "slices": [
      {"origin": "LON", "destination": "NYC", "departure_date": "2026-12-20"},
      {"origin": "NYC", "destination": "LON", "departure_date": "2026-12-27"}],
    "passengers": {"adults": 2, "children": [8, 11], "infants": 1},
    "cabin": "business", "max_connections": 1,
    "filters": {
      "max_stops": 1,
      "slices": [{"max_stops": 0, "departure_window": {"from": "22:00", "to": "06:00"}}, null],
      "include_airlines": ["BA", "AA"], "exclude_alliances": ["skyteam"],
      "max_price": "1500.5", "checked_bag_included": true,
      "layover_airports_exclude": ["CDG"], "min_layover_minutes": 60,
      "no_airport_change": true, "max_co2_kg": 600, "max_duration_minutes": null
    },
    "sort": "fastest", "limit": 0, "cursor": "abc", "currency": "JPY"
  })",
                               kNoDates);
  ASSERT_TRUE(r.has_value()) << r.error().field << " " << r.error().message;
  ASSERT_EQ(r->slices.size(), 2u);
  EXPECT_EQ(r->slices[0].origin, LocationCode::Parse("LON"));
  EXPECT_EQ(r->slices[1].departure_date, *ParseDate("2026-12-27"));
  EXPECT_EQ(r->passengers.adults, 2);
  EXPECT_EQ(r->passengers.child_ages, (std::vector<int>{8, 11}));
  EXPECT_EQ(r->passengers.infants, 1);
  EXPECT_EQ(r->cabin, Cabin::kBusiness);
  EXPECT_EQ(r->max_connections, 1);
  EXPECT_EQ(r->sort, SortKey::kFastest);
  EXPECT_EQ(r->limit, 0);
  EXPECT_EQ(r->cursor, "abc");
  const Filters& f = r->filters;
  EXPECT_EQ(f.max_stops, 1);
  ASSERT_EQ(f.slice_max_stops.size(), 1u);
  EXPECT_EQ(f.slice_max_stops[0], 0);
  ASSERT_TRUE(f.departure_windows[0].has_value());
  EXPECT_EQ(f.departure_windows[0]->from_minute, 22 * 60);
  EXPECT_EQ(f.departure_windows[0]->to_minute, 6 * 60);
  EXPECT_EQ(f.include_airlines.size(), 2u);
  EXPECT_EQ(f.exclude_alliances, std::vector<refdata::Alliance>{refdata::Alliance::kSkyTeam});
  // JPY has no minor unit, even though "currency" came after "filters": 1500.5 rounds to 1501.
  EXPECT_EQ(f.max_price_minor, 1501);
  EXPECT_TRUE(f.checked_bag_included);
  EXPECT_EQ(f.layover_airports_exclude, std::vector<LocationCode>{LocationCode::Parse("CDG")});
  EXPECT_EQ(f.min_layover_minutes, 60);
  EXPECT_TRUE(f.no_airport_change);
  EXPECT_EQ(f.max_co2_kg, 600);
  EXPECT_FALSE(f.max_duration_minutes.has_value());
}

TEST(DecodeSearchRequestTest, AppliesDefaults) {
  auto r = DecodeSearchRequest(WithSlices(""), kNoDates);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->passengers.adults, 1);
  EXPECT_EQ(r->cabin, Cabin::kEconomy);
  EXPECT_EQ(r->currency, CurrencyCode::Parse("EUR"));
  EXPECT_EQ(r->sort, SortKey::kBest);
  EXPECT_EQ(r->limit, kDefaultLimit);
  EXPECT_TRUE(r->filters.empty());
  EXPECT_EQ(r->cache, CacheMode::kPrefer);
}

TEST(DecodeSearchRequestTest, ReadsTheCacheMode) {
  for (auto [name, mode] :
       {std::pair{"prefer", CacheMode::kPrefer}, std::pair{"refresh", CacheMode::kRefresh},
        std::pair{"bypass", CacheMode::kBypass}}) {
    auto r = DecodeSearchRequest(WithSlices(std::string(R"(,"cache":")") + name + "\""), kNoDates);
    ASSERT_TRUE(r.has_value()) << name << ": " << r.error().message;
    EXPECT_EQ(r->cache, mode) << name;
  }
  // "only" is a price calendar's, not a search's: a search always answers.
  for (const char* bad : {R"("only")", R"("PREFER")", "true", "1"}) {
    auto r = DecodeSearchRequest(WithSlices(std::string(R"(,"cache":)") + bad), kNoDates);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().field, "/cache") << bad;
    if (bad[0] == '"') {
      EXPECT_NE(r.error().message.find("prefer, refresh or bypass"), std::string::npos)
          << r.error().message;
    }
  }
}

TEST(DecodeSearchRequestTest, ReadsTheAnswerForm) {
  auto none = DecodeSearchRequest(WithSlices(""), kNoDates);
  ASSERT_TRUE(none.has_value()) << none.error().message;
  EXPECT_FALSE(none->answer_form.has_value());  // the Accept header may still choose
  for (auto [name, form] :
       {std::pair{"full", AnswerForm::kFull}, std::pair{"compact", AnswerForm::kCompact}}) {
    auto r =
        DecodeSearchRequest(WithSlices(std::string(R"(,"answer_form":")") + name + "\""), kNoDates);
    ASSERT_TRUE(r.has_value()) << name << ": " << r.error().message;
    EXPECT_EQ(r->answer_form, form) << name;
  }
  auto null = DecodeSearchRequest(WithSlices(R"(,"answer_form":null)"), kNoDates);
  ASSERT_TRUE(null.has_value()) << null.error().message;
  EXPECT_FALSE(null->answer_form.has_value());
  for (const char* bad : {R"("Compact")", R"("minimal")", R"("")", "true", "1", "{}"}) {
    auto r = DecodeSearchRequest(WithSlices(std::string(R"(,"answer_form":)") + bad), kNoDates);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << bad;
    EXPECT_EQ(r.error().field, "/answer_form") << bad;
    if (bad[0] == '"') {
      EXPECT_NE(r.error().message.find("full or compact"), std::string::npos) << r.error().message;
    }
  }
  auto twice =
      DecodeSearchRequest(WithSlices(R"(,"answer_form":"full","answer_form":"compact")"), kNoDates);
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().field, "/answer_form");
}

TEST(DecodeSearchRequestTest, NamesTheFieldOfEveryError) {
  struct Case {
    std::string json;
    std::string field;
  };
  const Case cases[] = {
      {"[1]", ""},
      {"{", ""},
      {R"({"passengers":{"adults":1}})", "/slices"},
      {R"({"slices":[]})", "/slices"},
      {R"({"slices":[{"origin":"LON","departure_date":"2026-12-20"}]})", "/slices/0/destination"},
      {R"({"slices":[{"origin":"LO","destination":"JFK","departure_date":"2026-12-20"}]})",
       "/slices/0/origin"},
      {R"({"slices":[{"origin":"QQQ","destination":"JFK","departure_date":"2026-12-20"}]})",
       "/slices/0/origin"},
      {R"({"slices":[{"origin":"LHR","destination":"LHR","departure_date":"2026-12-20"}]})",
       "/slices/0/destination"},
      {R"({"slices":[{"origin":"LHR","destination":"JFK","departure_date":"2026-12-32"}]})",
       "/slices/0/departure_date"},
      {R"({"slices":[{"origin":"LHR","destination":"JFK","departure_date":"2026-12-20","x":1}]})",
       "/slices/0/x"},
      {WithSlices(R"(,"passengers":{"adults":0})"), "/passengers/adults"},
      {WithSlices(R"(,"passengers":{"adults":5,"children":[8,9,10,11,12]})"), "/passengers"},
      {WithSlices(R"(,"passengers":{"adults":1,"infants":2})"), "/passengers/infants"},
      {WithSlices(R"(,"passengers":{"adults":1,"children":[1]})"), "/passengers/children/0"},
      {WithSlices(R"(,"passengers":{"adults":"two"})"), "/passengers/adults"},
      {WithSlices(R"(,"cabin":"steerage")"), "/cabin"},
      {WithSlices(R"(,"currency":"ZZZ")"), "/currency"},
      {WithSlices(R"(,"currency":"EURO")"), "/currency"},
      {WithSlices(R"(,"sort":"random")"), "/sort"},
      {WithSlices(R"(,"limit":-1)"), "/limit"},
      {WithSlices(R"(,"max_connections":7)"), "/max_connections"},
      {WithSlices(R"(,"filters":{"max_stops":"one"})"), "/filters/max_stops"},
      {WithSlices(R"(,"filters":{"include_airlines":["BAW"]})"), "/filters/include_airlines/0"},
      {WithSlices(R"(,"filters":{"include_alliances":["gold"]})"), "/filters/include_alliances/0"},
      {WithSlices(R"(,"filters":{"max_price":"cheap"})"), "/filters/max_price"},
      {WithSlices(R"(,"filters":{"slices":[{"departure_window":{"from":"25:00"}}]})"),
       "/filters/slices/0/departure_window"},
      {WithSlices(R"(,"filters":{"slices":[{},{"max_stops":1}]})"), "/filters/slices"},
      {WithSlices(R"(,"filters":{"maxstops":1})"), "/filters/maxstops"},
      {WithSlices(R"(,"unknown":true)"), "/unknown"},
  };
  for (const Case& c : cases) {
    auto r = DecodeSearchRequest(c.json, kNoDates);
    ASSERT_FALSE(r.has_value()) << c.json;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << c.json;
    EXPECT_EQ(r.error().field, c.field) << c.json << " -> " << r.error().message;
    EXPECT_FALSE(r.error().message.empty());
  }
}

TEST(DecodeSearchRequestTest, ChecksDatesAgainstToday) {
  const Days today = *ParseDate("2026-11-28");
  const ValidationOptions live{.check_dates = true, .today = today};
  auto at = [](const char* date) {
    return std::string(R"({"slices":[{"origin":"LHR","destination":"JFK","departure_date":")") +
           date + R"("}]})";
  };
  EXPECT_TRUE(DecodeSearchRequest(at("2026-11-28"), live).has_value());
  EXPECT_TRUE(DecodeSearchRequest(at("2027-11-24"), live).has_value());  // today + 361
  auto past = DecodeSearchRequest(at("2026-11-27"), live);
  ASSERT_FALSE(past.has_value());
  EXPECT_EQ(past.error().field, "/slices/0/departure_date");
  EXPECT_FALSE(DecodeSearchRequest(at("2027-11-25"), live).has_value());
  EXPECT_TRUE(DecodeSearchRequest(at("2020-01-01"), kNoDates).has_value());
  // Slices may not go back in time.
  auto backwards = DecodeSearchRequest(R"({"slices":[
      {"origin":"LHR","destination":"JFK","departure_date":"2026-12-20"},
      {"origin":"JFK","destination":"LHR","departure_date":"2026-12-19"}]})",
                                       kNoDates);
  ASSERT_FALSE(backwards.has_value());
  EXPECT_EQ(backwards.error().field, "/slices/1/departure_date");
}

TEST(DecodeSearchRequestTest, DuplicateKeysAreRefusedAtTheirPointer) {
  for (
      const auto& [json, field] : std::vector<std::pair<std::string, std::string>>{
          {WithSlices(R"(,"limit":5,"limit":0)"), "/limit"},
          {WithSlices(R"(,"currency":"EUR","currency":"GBP")"), "/currency"},
          {WithSlices(R"(,"passengers":{"adults":1,"adults":9})"), "/passengers/adults"},
          {WithSlices(R"(,"filters":{"max_stops":0,"max_stops":null})"), "/filters/max_stops"},
          {WithSlices(R"(,"filters":{"slices":[{"max_stops":0,"max_stops":1}]})"),
           "/filters/slices/0/max_stops"},
          {WithSlices(
               R"(,"filters":{"slices":[{"departure_window":{"from":"06:00","from":"00:00"}}]})"),
           "/filters/slices/0/departure_window/from"},
          {R"({"slices":[{"origin":"LON","origin":"PAR","destination":"JFK","departure_date":"2026-12-20"}]})",
           "/slices/0/origin"},
          {WithSlices(R"(,"slices":[])"), "/slices"},
      }) {
    auto r = DecodeSearchRequest(json, kNoDates);
    ASSERT_FALSE(r.has_value()) << json;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << json;
    EXPECT_EQ(r.error().field, field) << json;
    EXPECT_EQ(r.error().message, "appears twice") << json;
  }
}

TEST(DecodeSearchRequestTest, OverLongIntegersAreOutOfRangeNamingTheField) {
  const std::string forty = "1234567890123456789012345678901234567890";
  for (const auto& [json, field] : std::vector<std::pair<std::string, std::string>>{
           {WithSlices(R"(,"limit":)" + forty), "/limit"},
           {WithSlices(R"(,"passengers":{"adults":)" + forty + "}"), "/passengers/adults"},
           {WithSlices(R"(,"passengers":{"adults":1,"children":[-)" + forty + "]}"),
            "/passengers/children/0"},
           {WithSlices(R"(,"filters":{"max_co2_kg":1e999})"), "/filters/max_co2_kg"},
       }) {
    auto r = DecodeSearchRequest(json, kNoDates);
    ASSERT_FALSE(r.has_value()) << json;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument) << json;
    EXPECT_EQ(r.error().field, field) << json;
    EXPECT_EQ(r.error().message, "is out of range") << json;
  }
}

TEST(DecodeSearchRequestTest, LongUnknownKeysAreNamedByABoundedPrefix) {
  auto r = DecodeSearchRequest(WithSlices(R"(,"filters":{")" + std::string(5000, 'z') + R"(":1})"),
                               kNoDates);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().field, "/filters/" + std::string(64, 'z') + "\u2026");
  EXPECT_EQ(r.error().message, "unknown field");
}

TEST(DecodeSearchRequestTest, AcceptsSixSlicesAndNotSeven) {
  std::string six = R"({"slices":[)";
  for (int i = 0; i < 6; ++i) {
    six += std::string(i ? "," : "") +
           R"({"origin":"LHR","destination":"JFK","departure_date":"2026-12-2)" +
           std::to_string(i) + "\"}";
  }
  EXPECT_TRUE(DecodeSearchRequest(six + "]}", kNoDates).has_value());
  std::string seven =
      six + R"(,{"origin":"LHR","destination":"JFK","departure_date":"2026-12-27"}]})";
  auto r = DecodeSearchRequest(seven, kNoDates);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().field, "/slices");
}

}  // namespace
}  // namespace fareflow
