#include "api/search_request_validation.h"

#include <gtest/gtest.h>

#include <string>

namespace fareflow {
namespace {

const ValidationOptions kNoDates{.check_dates = false, .today = 0};

// A valid one-way request, as the CLI or a supplier's query reader would build it.
SearchRequest OneWay() {
  SearchRequest r;
  r.slices.push_back(
      {LocationCode::Parse("LON"), LocationCode::Parse("NYC"), *ParseDate("2026-12-20")});
  return r;
}

// The field the request is refused at; "(valid)" when it is not.
std::string RefusedAt(const SearchRequest& r, const ValidationOptions& options = kNoDates) {
  Result<void> valid = ValidateSearchRequest(r, options);
  if (valid) return "(valid)";
  EXPECT_EQ(valid.error().code, ErrorCode::kInvalidArgument);
  EXPECT_FALSE(valid.error().message.empty());
  return valid.error().field;
}

TEST(ValidateSearchRequestTest, AcceptsAPlainRequest) { EXPECT_EQ(RefusedAt(OneWay()), "(valid)"); }

TEST(ValidateSearchRequestTest, NamesTheFieldOfEveryRule) {
  SearchRequest r = OneWay();
  r.slices.clear();
  EXPECT_EQ(RefusedAt(r), "/slices");
  r = OneWay();
  r.slices[0].destination = LocationCode::Parse("QQQ");
  EXPECT_EQ(RefusedAt(r), "/slices/0/destination");
  r = OneWay();
  r.slices.push_back(
      {LocationCode::Parse("NYC"), LocationCode::Parse("LON"), r.slices[0].departure_date - 1});
  EXPECT_EQ(RefusedAt(r), "/slices/1/departure_date");
  r = OneWay();
  r.passengers.infants = 2;
  EXPECT_EQ(RefusedAt(r), "/passengers/infants");
  r = OneWay();
  r.passengers.child_ages = {8, 1};
  EXPECT_EQ(RefusedAt(r), "/passengers/children/1");
  r = OneWay();
  r.currency = CurrencyCode::Parse("ZZZ");
  EXPECT_EQ(RefusedAt(r), "/currency");
  r = OneWay();
  r.limit = kMaxLimit + 1;
  EXPECT_EQ(RefusedAt(r), "/limit");
  r = OneWay();
  r.max_connections = 4;
  EXPECT_EQ(RefusedAt(r), "/max_connections");
  r = OneWay();
  r.filters.departure_windows.resize(2);
  EXPECT_EQ(RefusedAt(r), "/filters/slices");
}

TEST(ValidateSearchRequestTest, ChecksDatesOnlyWhenAsked) {
  SearchRequest r = OneWay();
  const Days day = r.slices[0].departure_date;
  EXPECT_EQ(RefusedAt(r, {.check_dates = true, .today = day + 1}), "/slices/0/departure_date");
  EXPECT_EQ(RefusedAt(r, {.check_dates = true, .today = day - 362}), "/slices/0/departure_date");
  EXPECT_EQ(RefusedAt(r, {.check_dates = true, .today = day - 361}), "(valid)");
  EXPECT_EQ(RefusedAt(r, {.check_dates = false, .today = day + 1}), "(valid)");
}

}  // namespace
}  // namespace fareflow
