#include "api/search_response.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "api/search_request_json.h"
#include "engine/builtin_source.h"
#include "engine/search_service.h"
#include "pipeline/page.h"
#include "refdata/fx_rates.h"

namespace fareflow {
namespace {

// The parts of an answer the byte bound changes.
struct Written {
  int64_t returned = -1;
  std::vector<std::string> ids;
  std::string next_cursor;  // empty when null
  bool cut = false;
};

Written Read(const std::string& body) {
  Written out;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  EXPECT_FALSE(parser.parse(body).get(doc)) << body.substr(0, 200);
  EXPECT_FALSE(doc["counts"]["returned"].get_int64().get(out.returned));
  simdjson::dom::array offers;
  EXPECT_FALSE(doc["offers"].get_array().get(offers));
  for (simdjson::dom::element offer : offers) {
    std::string_view id;
    EXPECT_FALSE(offer["id"].get_string().get(id));
    out.ids.emplace_back(id);
  }
  std::string_view cursor;
  if (!doc["page"]["next_cursor"].get_string().get(cursor)) out.next_cursor = cursor;
  bool cut = false;
  if (!doc["page"]["cut_by_byte_limit"].get_bool().get(cut)) out.cut = cut;
  return out;
}

// A 300-offer built-in search answered whole (limit 0), serialized with and without a bound.
class SearchResponseBoundTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<SearchRequest> request = DecodeSearchRequest(
        R"({"slices":[{"origin":"LON","destination":"NYC","departure_date":"2027-03-01"},
                      {"origin":"NYC","destination":"LON","departure_date":"2027-03-08"}],
            "passengers":{"adults":1},"limit":0})",
        {.check_dates = false});
    ASSERT_TRUE(request) << request.error().message;
    Result<std::shared_ptr<CompletedSearch>> search = service_.Run(std::move(*request));
    ASSERT_TRUE(search) << search.error().message;
    search_ = std::move(*search);
    whole_ = Write(0);
  }

  std::string Write(std::size_t max_bytes) const {
    std::string out;
    WriteSearchResponse(
        search_->result, search_->request(), search_->context->timings(),
        {.search_id = search_->id, .expires_at = "2027-03-01T00:00:00Z", .max_bytes = max_bytes},
        out);
    return out;
  }

  BuiltinSource source_{300};
  SearchService service_{source_, refdata::FxRates::Builtin(), {}};
  std::shared_ptr<CompletedSearch> search_;
  std::string whole_;
};

TEST_F(SearchResponseBoundTest, UnderTheBoundTheAnswerIsByteIdentical) {
  const Written whole = Read(whole_);
  ASSERT_EQ(whole.returned, 300);
  EXPECT_TRUE(whole.next_cursor.empty());
  EXPECT_FALSE(whole.cut);
  EXPECT_EQ(Write(whole_.size() + 1024), whole_);
  EXPECT_EQ(Write(std::size_t{1} << 30), whole_);
}

TEST_F(SearchResponseBoundTest, PastTheBoundThePageIsCutAtAnOfferBoundaryWithACursor) {
  const std::size_t bound = whole_.size() / 4;
  const std::string cut_body = Write(bound);
  EXPECT_LE(cut_body.size(), bound);
  const Written whole = Read(whole_);
  const Written cut = Read(cut_body);
  EXPECT_TRUE(cut.cut);
  ASSERT_GT(cut.returned, 0);
  ASSERT_LT(cut.returned, 300);
  ASSERT_EQ(cut.ids.size(), static_cast<std::size_t>(cut.returned));
  EXPECT_TRUE(std::equal(cut.ids.begin(), cut.ids.end(), whole.ids.begin()));
  // The cursor points at the first offer left out.
  ASSERT_FALSE(cut.next_cursor.empty());
  Result<Page> rest = TakePage(search_->result.selection, 0, cut.next_cursor,
                               QueryFingerprint(search_->request(), search_->id));
  ASSERT_TRUE(rest) << rest.error().message;
  EXPECT_EQ(rest->offset, static_cast<std::size_t>(cut.returned));
  // Nothing but the count, the offers and the page differ from the whole answer.
  const std::string head_of_whole = whole_.substr(0, whole_.find("\"returned\":"));
  EXPECT_EQ(cut_body.substr(0, head_of_whole.size()), head_of_whole);
  EXPECT_EQ(cut_body.substr(cut_body.find("\"facets\":"), 200),
            whole_.substr(whole_.find("\"facets\":"), 200));
}

TEST_F(SearchResponseBoundTest, TheFirstOfferIsWrittenWhateverTheBound) {
  const Written cut = Read(Write(1));
  EXPECT_EQ(cut.returned, 1);
  EXPECT_EQ(cut.ids.size(), 1u);
  EXPECT_TRUE(cut.cut);
  EXPECT_FALSE(cut.next_cursor.empty());
}

}  // namespace
}  // namespace fareflow
