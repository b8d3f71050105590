// SearchService: deadlines, ids, and the pipeline over whatever the supplier source returns.

#include "engine/search_service.h"

#include <atomic>
#include <chrono>

#include <gtest/gtest.h>

#include "api/search_request_json.h"
#include "core/clock.h"
#include "engine/builtin_source.h"

namespace fareflow {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

SearchRequest LondonNewYork() {
  SearchRequest r;
  r.slices.push_back({LocationCode::Parse("LON"), LocationCode::Parse("NYC"), TodayUtc() + 30});
  r.slices.push_back({LocationCode::Parse("NYC"), LocationCode::Parse("LON"), TodayUtc() + 37});
  return r;
}

// Remembers the deadline it was given and answers from the built-in supplier.
class RecordingSource final : public SupplierSource {
 public:
  std::vector<SupplierOutcome> Fetch(RequestContext& context, const Enricher& enricher,
                                     steady_clock::time_point deadline) override {
    ++calls;
    last_deadline = deadline;
    return builtin_.Fetch(context, enricher, deadline);
  }
  std::atomic<int> calls{0};
  steady_clock::time_point last_deadline;

 private:
  BuiltinSource builtin_{200};
};

TEST(SearchServiceTest, RunsThePipelineAndNamesTheSearch) {
  RecordingSource source;
  SearchService service(source, refdata::FxRates::Builtin(), {.ttl = std::chrono::seconds(60)});
  auto search = service.Run(LondonNewYork());
  ASSERT_TRUE(search.has_value()) << search.error().message;
  const CompletedSearch& s = **search;
  EXPECT_EQ(source.calls.load(), 1);
  EXPECT_EQ(s.id.rfind("srch_", 0), 0u);
  EXPECT_EQ(s.expires - s.created, std::chrono::seconds(60));
  ASSERT_EQ(s.result.suppliers.size(), 1u);
  EXPECT_EQ(s.result.suppliers[0].status, SupplierStatus::kOk);
  EXPECT_GT(s.result.offers.size(), 0u);
  EXPECT_EQ(s.result.page.count, std::min<std::size_t>(kDefaultLimit, s.result.selection.size()));
  EXPECT_GT(s.context->MemoryBytes(), 0u) << "the offers live in the search's arenas";
}

TEST(SearchServiceTest, DeadlineIsTheRequestsCappedByConfigAndCaller) {
  RecordingSource source;
  SearchService service(
      source, refdata::FxRates::Builtin(),
      {.default_deadline = milliseconds(3000), .max_deadline = milliseconds(5000)});
  const auto start = steady_clock::now();
  SearchRequest r = LondonNewYork();
  EXPECT_EQ(service.Deadline(r, start, steady_clock::time_point::max()),
            start + milliseconds(3000));
  r.deadline_ms = 1000;
  EXPECT_EQ(service.Deadline(r, start, steady_clock::time_point::max()),
            start + milliseconds(1000));
  r.deadline_ms = 60000;
  EXPECT_EQ(service.Deadline(r, start, steady_clock::time_point::max()),
            start + milliseconds(5000));
  EXPECT_EQ(service.Deadline(r, start, start + milliseconds(200)), start + milliseconds(200));

  // What Run hands the source lies within the request's own deadline.
  r.deadline_ms = 1500;
  const auto before = steady_clock::now();
  ASSERT_TRUE(service.Run(r).has_value());
  EXPECT_GE(source.last_deadline, before + milliseconds(1500));
  EXPECT_LE(source.last_deadline, steady_clock::now() + milliseconds(1500));
}

TEST(SearchServiceTest, ACursorInANewSearchIsRefusedWithoutAskingSuppliers) {
  RecordingSource source;
  SearchService service(source, refdata::FxRates::Builtin(), {});
  SearchRequest r = LondonNewYork();
  r.cursor = "abc";
  auto search = service.Run(r);
  ASSERT_FALSE(search.has_value());
  EXPECT_EQ(search.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(search.error().field, "/cursor");
  EXPECT_EQ(source.calls.load(), 0);
}

// Answers from the built-in supplier, as recorded answers named "recorded-200".
class NamedSource final : public SupplierSource {
 public:
  std::vector<SupplierOutcome> Fetch(RequestContext& context, const Enricher& enricher,
                                     steady_clock::time_point deadline) override {
    ++calls;
    return builtin_.Fetch(context, enricher, deadline);
  }
  bool Recorded() const override { return true; }
  std::string RecordingId(std::span<const SupplierOutcome> outcomes) const override {
    return "recorded-" + std::to_string(outcomes[0].received());
  }
  std::atomic<int> calls{0};

 private:
  BuiltinSource builtin_{200};
};

TEST(SearchServiceTest, ARecordedSourceNamesTheSearchAndTakesACursor) {
  NamedSource source;
  SearchService service(source, refdata::FxRates::Builtin(), {});
  auto first = service.Run(LondonNewYork());
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_EQ((*first)->id, "recorded-200");
  ASSERT_FALSE((*first)->result.page.next_cursor.empty());

  SearchRequest r = LondonNewYork();
  r.cursor = (*first)->result.page.next_cursor;
  auto second = service.Run(r);
  ASSERT_TRUE(second.has_value()) << second.error().message;
  EXPECT_EQ((*second)->result.page.offset, (*first)->result.page.count);
  EXPECT_EQ(source.calls.load(), 2);
}

TEST(SearchServiceTest, DeadlineMsIsDecodedAndBounded) {
  const ValidationOptions options{.check_dates = false};
  const std::string base =
      R"({"slices":[{"origin":"LON","destination":"NYC","departure_date":"2030-01-10"}])";
  auto ok = DecodeSearchRequest(base + R"(,"deadline_ms":2500})", options);
  ASSERT_TRUE(ok.has_value()) << ok.error().message;
  EXPECT_EQ(ok->deadline_ms, 2500);
  auto low = DecodeSearchRequest(base + R"(,"deadline_ms":5})", options);
  ASSERT_FALSE(low.has_value());
  EXPECT_EQ(low.error().field, "/deadline_ms");
  auto high = DecodeSearchRequest(base + R"(,"deadline_ms":999999})", options);
  ASSERT_FALSE(high.has_value());
  EXPECT_EQ(high.error().field, "/deadline_ms");
}

}  // namespace
}  // namespace fareflow
