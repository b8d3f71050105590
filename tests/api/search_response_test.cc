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
#include "support/canonical_json.h"
#include "support/compact_answer.h"

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

  // With the timings as the search recorded them, so that two writes give the same bytes.
  std::string Write(std::size_t max_bytes, AnswerForm form = AnswerForm::kFull) const {
    std::string out;
    SearchRequest request = search_->request();
    request.answer_form = form;
    WriteSearchResponse(search_->result, request, search_->context->timings(),
                        {.time_serialize = false,
                         .search_id = search_->id,
                         .expires_at = "2027-03-01T00:00:00Z",
                         .max_bytes = max_bytes},
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

// timings_ms is written last, so its serialize can hold the writing of the rest of the answer.
TEST_F(SearchResponseBoundTest, TheTimingsSayHowLongWritingTheAnswerTook) {
  StageTimings timings = search_->context->timings();
  timings[Stage::kSerialize] = 7000;  // recorded before the call: kept, in ms
  auto serialize_ms = [&](bool time_serialize) {
    std::string out;
    WriteSearchResponse(search_->result, search_->request(), timings,
                        {.time_serialize = time_serialize}, out);
    simdjson::dom::parser parser;
    double ms = -1;
    EXPECT_FALSE(parser.parse(out)["timings_ms"]["serialize"].get_double().get(ms)) << out.size();
    return ms;
  };
  // 300 whole offers, about a megabyte: more than the microsecond the timings count in.
  EXPECT_GT(serialize_ms(true), 7.0);
  EXPECT_EQ(serialize_ms(false), 7.0);
}

TEST_F(SearchResponseBoundTest, TheFirstOfferIsWrittenWhateverTheBound) {
  const Written cut = Read(Write(1));
  EXPECT_EQ(cut.returned, 1);
  EXPECT_EQ(cut.ids.size(), 1u);
  EXPECT_TRUE(cut.cut);
  EXPECT_FALSE(cut.next_cursor.empty());
}

// What an answer's "highlights" says of one sort: id, price and duration, or null.
struct Highlight {
  std::string id;
  std::string price;
  int64_t duration = -1;
  bool operator==(const Highlight&) const = default;
};

Highlight HighlightOf(simdjson::dom::element value) {
  Highlight h;
  if (value.is_null()) return h;
  h.id = std::string(std::string_view(value["id"]));
  h.price = std::string(std::string_view(value["price"]));
  h.duration = int64_t(value["duration_minutes"]);
  return h;
}

// The highlights are the offers tagged best, cheapest and fastest, each the first under its sort.
TEST_F(SearchResponseBoundTest, HighlightsAreTheFirstOfferUnderEachSort) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(whole_);
  simdjson::dom::array offers = doc["offers"];
  ASSERT_GT(offers.size(), 10u);
  for (const char* sort : {"best", "cheapest", "fastest"}) {
    SCOPED_TRACE(sort);
    Highlight tagged;
    int tagged_count = 0;
    for (simdjson::dom::element offer : offers) {
      for (simdjson::dom::element tag : simdjson::dom::array(offer["tags"])) {
        if (std::string_view(tag) != sort) continue;
        ++tagged_count;
        tagged.id = std::string(std::string_view(offer["id"]));
        tagged.price = std::string(std::string_view(offer["price"]["amount"]));
        tagged.duration = int64_t(offer["duration_minutes"]);
      }
    }
    EXPECT_EQ(tagged_count, 1);
    EXPECT_EQ(HighlightOf(doc["highlights"][sort]), tagged);
    EXPECT_FALSE(tagged.id.empty());
  }
  // The first offer of the page, under the request's sort (best).
  EXPECT_EQ(HighlightOf(doc["highlights"]["best"]).id, std::string_view(offers.at(0)["id"]));
  // In the answer's place: after the offers, before the facets.
  EXPECT_LT(whole_.find(R"("offers":[)"), whole_.find(R"("highlights":{"best":{"id":")"));
  EXPECT_LT(whole_.find(R"("highlights":)"), whole_.find(R"("facets":)"));
}

// Whichever page is returned, and whatever the byte bound, the highlights are the same.
TEST_F(SearchResponseBoundTest, HighlightsDoNotDependOnThePage) {
  simdjson::dom::parser parser;
  const std::string whole_highlights =
      simdjson::to_string(parser.parse(whole_)["highlights"].value());
  const std::string cut = Write(20'000);
  ASSERT_TRUE(Read(cut).cut);
  EXPECT_EQ(simdjson::to_string(parser.parse(cut)["highlights"].value()), whole_highlights);

  SearchResult one_page = search_->result;
  one_page.page.offset = one_page.selection.size() - 1;  // the last offer alone
  one_page.page.count = 1;
  std::string out;
  WriteSearchResponse(one_page, search_->request(), search_->context->timings(),
                      {.include_timings = false}, out);
  EXPECT_EQ(simdjson::to_string(parser.parse(out)["highlights"].value()), whole_highlights);
}

TEST_F(SearchResponseBoundTest, HighlightsAreNullWhenNoOfferMatches) {
  SearchResult none = search_->result;
  none.selection.clear();
  none.page = Page{};
  std::string out;
  WriteSearchResponse(none, search_->request(), search_->context->timings(),
                      {.include_timings = false}, out);
  EXPECT_NE(out.find(R"("highlights":{"best":null,"cheapest":null,"fastest":null})"),
            std::string::npos);
}

TEST_F(SearchResponseBoundTest, WithoutOffersTheAnswerIsTheSameButForTheOffersArray) {
  std::string head;
  WriteSearchResponse(search_->result, search_->request(), search_->context->timings(),
                      {.time_serialize = false,
                       .search_id = search_->id,
                       .expires_at = "2027-03-01T00:00:00Z",
                       .include_offers = false},
                      head);
  const std::size_t begin = whole_.find("\"offers\":[") + 10;
  const std::size_t end = whole_.find("],\"highlights\":");
  ASSERT_LT(begin, end);
  std::string expected = whole_;
  expected.erase(begin, end - begin);
  EXPECT_EQ(head, expected);
  EXPECT_EQ(Read(head).returned, 300) << "counts.returned still counts the page";
}

TEST_F(SearchResponseBoundTest, ACompactAnswerRebuildsToTheFullAnswerOfferByOffer) {
  const std::string compact = Write(0, AnswerForm::kCompact);
  const std::vector<std::string> full = testing_support::OffersAsWritten(whole_);
  const std::vector<std::string> rebuilt = testing_support::RebuildFullOffers(compact);
  ASSERT_EQ(full.size(), 300u);
  ASSERT_EQ(rebuilt.size(), full.size());
  for (std::size_t i = 0; i < full.size(); ++i) EXPECT_EQ(rebuilt[i], full[i]) << i;
  // Everything but the offers and the dictionaries is the full answer's.
  EXPECT_EQ(testing_support::CanonicalJson(compact, {"offers", "dictionaries"}),
            testing_support::CanonicalJson(whole_, {"offers"}));
  EXPECT_LT(compact.size() * 3, whole_.size());
  // The full form is the default, and says nothing of dictionaries.
  EXPECT_EQ(whole_.find("\"dictionaries\""), std::string::npos);
}

TEST_F(SearchResponseBoundTest, TheBoundCountsACompactAnswersDictionaries) {
  const std::string whole = Write(0, AnswerForm::kCompact);
  const std::vector<std::string> full = testing_support::OffersAsWritten(whole_);
  for (std::size_t bound = whole.size() / 20; bound < whole.size(); bound += whole.size() / 7) {
    const std::string cut_body = Write(bound, AnswerForm::kCompact);
    EXPECT_LE(cut_body.size(), bound);
    const Written cut = Read(cut_body);
    EXPECT_TRUE(cut.cut) << bound;
    ASSERT_GT(cut.returned, 0);
    ASSERT_LT(cut.returned, 300);
    // The offers written rebuild to the full answer's first ones, from dictionaries holding
    // nothing the page does not name: the same page written alone has the same dictionaries.
    const std::vector<std::string> rebuilt = testing_support::RebuildFullOffers(cut_body);
    ASSERT_EQ(rebuilt.size(), static_cast<std::size_t>(cut.returned));
    for (std::size_t i = 0; i < rebuilt.size(); ++i) EXPECT_EQ(rebuilt[i], full[i]) << i;
    SearchResult page = search_->result;
    page.page.count = static_cast<std::size_t>(cut.returned);
    SearchRequest request = search_->request();
    request.answer_form = AnswerForm::kCompact;
    std::string alone;
    WriteSearchResponse(page, request, search_->context->timings(), {}, alone);
    EXPECT_EQ(testing_support::CanonicalJson(
                  cut_body, {"page", "timings_ms", "search_id", "expires_at", "counts"}),
              testing_support::CanonicalJson(
                  alone, {"page", "timings_ms", "search_id", "expires_at", "counts"}));
    // The cursor pages the rest.
    Result<Page> rest = TakePage(search_->result.selection, 0, cut.next_cursor,
                                 QueryFingerprint(search_->request(), search_->id));
    ASSERT_TRUE(rest) << rest.error().message;
    EXPECT_EQ(rest->offset, static_cast<std::size_t>(cut.returned));
  }
  // A compact page holds more offers under the same bound than a full one.
  const std::size_t bound = whole_.size() / 10;
  EXPECT_GT(Read(Write(bound, AnswerForm::kCompact)).returned, 2 * Read(Write(bound)).returned);
}

}  // namespace
}  // namespace fareflow
