#include "api/refine_query.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace fareflow {
namespace {

using Query = std::vector<std::pair<std::string, std::string>>;

Error ErrorOf(const Query& query) {
  Result<RefineQuery> r = DecodeRefineQuery(query, CurrencyCode::Parse("EUR"), 2);
  EXPECT_FALSE(r.has_value());
  return r ? Error{} : r.error();
}

TEST(RefineQueryTest, ReadsSortLimitAndFilters) {
  Result<RefineQuery> r = DecodeRefineQuery(
      {{"sort", "cheapest"}, {"limit", "7"}, {"max_stops", "1"}, {"airlines", "BA,AA"}},
      CurrencyCode::Parse("EUR"), 2);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->limit, 7);
  ASSERT_TRUE(r->filters.has_value());
  EXPECT_EQ(r->filters->max_stops, 1);
  EXPECT_EQ(r->filters->include_airlines.size(), 2u);
}

TEST(RefineQueryTest, EachRefineAsksForItsOwnAnswerForm) {
  Result<RefineQuery> compact =
      DecodeRefineQuery({{"answer_form", "compact"}}, CurrencyCode::Parse("EUR"), 2);
  ASSERT_TRUE(compact.has_value()) << compact.error().message;
  EXPECT_EQ(compact->answer_form, AnswerForm::kCompact);
  EXPECT_FALSE(compact->filters.has_value());  // not a filter: the search's filters still apply

  SearchRequest stored;
  stored.slices = {{LocationCode::Parse("LHR"), LocationCode::Parse("JFK"), 0}};
  stored.answer_form = AnswerForm::kCompact;
  Result<RefineQuery> none = DecodeRefineQuery({}, CurrencyCode::Parse("EUR"), 1);
  ASSERT_TRUE(none.has_value());
  Result<SearchRequest> refined = RefinedRequest(stored, *none);
  ASSERT_TRUE(refined.has_value()) << refined.error().message;
  EXPECT_FALSE(refined->answer_form.has_value());  // the search's form is not kept
  refined = RefinedRequest(stored, *compact);
  ASSERT_TRUE(refined.has_value()) << refined.error().message;
  EXPECT_EQ(refined->answer_form, AnswerForm::kCompact);

  Error bad = ErrorOf({{"answer_form", "tiny"}});
  EXPECT_EQ(bad.field, "answer_form");
  EXPECT_EQ(bad.message, "must be full or compact");
  EXPECT_EQ(ErrorOf({{"answer_form", "full"}, {"answer_form", "compact"}}).field, "answer_form");
}

TEST(RefineQueryTest, RepeatedParametersAreRefused) {
  Error e = ErrorOf({{"limit", "5"}, {"limit", "0"}});
  EXPECT_EQ(e.field, "limit");
  EXPECT_EQ(e.message, "is given more than once");
}

TEST(RefineQueryTest, OverLongNumbersAreOutOfRangeNotMalformed) {
  const std::string forty = "1234567890123456789012345678901234567890";
  Error e = ErrorOf({{"limit", forty}});
  EXPECT_EQ(e.field, "limit");
  EXPECT_EQ(e.message, "must be between 0 and 100000");
  e = ErrorOf({{"max_stops", "-" + forty}});
  EXPECT_EQ(e.field, "max_stops");
  EXPECT_EQ(e.message, "must be between 0 and 3");
  // Not a number at all stays so.
  EXPECT_EQ(ErrorOf({{"limit", "12x"}}).message, "must be a whole number");
}

TEST(RefineQueryTest, LongNamesAndValuesAreEchoedAsABoundedPrefix) {
  Error e = ErrorOf({{std::string(5000, 'p'), "1"}});
  EXPECT_EQ(e.field, std::string(64, 'p') + "\u2026");
  EXPECT_EQ(e.message, "unknown query parameter");
  e = ErrorOf({{"airlines", "BA," + std::string(5000, 'X')}});
  EXPECT_EQ(e.field, "airlines");
  EXPECT_EQ(e.message, "has an invalid item \"" + std::string(64, 'X') + "\u2026\"");
}

}  // namespace
}  // namespace fareflow
