// SearchService: deadlines, ids, and the pipeline over whatever the supplier source returns.

#include "engine/search_service.h"

#include <atomic>
#include <chrono>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "api/search_request_json.h"
#include "api/search_response.h"
#include "core/clock.h"
#include "engine/builtin_source.h"
#include "support/staged_source.h"

namespace fareflow {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

SearchRequest LondonToNewYork() {
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
  auto search = service.Run(LondonToNewYork());
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
  SearchRequest r = LondonToNewYork();
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
  SearchRequest r = LondonToNewYork();
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
  auto first = service.Run(LondonToNewYork());
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_EQ((*first)->id, "recorded-200");
  ASSERT_FALSE((*first)->result.page.next_cursor.empty());

  SearchRequest r = LondonToNewYork();
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

// What a streamed search told its SearchProgress, captured during each call (the views are valid
// only then).
class RecordingProgress final : public SearchProgress {
 public:
  struct Event {
    bool partial = false;  // PartialResults; else SupplierDone
    std::size_t done = 0;
    std::size_t total = 0;
    std::string supplier;  // SupplierDone: the supplier
    SupplierStatus status = SupplierStatus::kOk;
    std::vector<std::string> finished;   // PartialResults: the suppliers with an entry
    std::set<uint16_t> offer_suppliers;  // every supplier an offer or pricing option names
    std::size_t offers = 0;              // deduplicated
    int received = 0;
    std::size_t returned = 0;
  };
  void SupplierDone(const SupplierOutcome& outcome, std::size_t done, std::size_t total) override {
    events.push_back({.partial = false,
                      .done = done,
                      .total = total,
                      .supplier = outcome.name,
                      .status = outcome.status});
  }
  void PartialResults(const SearchResult& result, const SearchRequest& /*request*/,
                      std::size_t done, std::size_t total) override {
    Event e{.partial = true, .done = done, .total = total};
    for (const SupplierOutcome& s : result.suppliers) {
      if (!s.name.empty()) e.finished.push_back(s.name);
    }
    for (const Offer* offer : result.offers) {
      e.offer_suppliers.insert(offer->supplier);
      for (const PricingOption& p : offer->pricing_options) e.offer_suppliers.insert(p.supplier);
    }
    e.offers = result.offers.size();
    e.received = result.received;
    e.returned = result.page.count;
    events.push_back(std::move(e));
  }
  std::vector<Event> events;
};

// Three suppliers: "b" answers first, then "a"; "c" is still in flight at the deadline.
StagedSource ThreeSuppliers() { return StagedSource({"a", "b", "c"}, {120, 80, 60}, {1, 0}); }

TEST(SearchServiceTest, AStreamedSearchReportsEachSupplierThenTheAnswerSoFar) {
  StagedSource source = ThreeSuppliers();
  SearchService service(source, refdata::FxRates::Builtin(), {});
  RecordingProgress progress;
  auto search = service.Run(LondonToNewYork(), {.progress = &progress});
  ASSERT_TRUE(search.has_value()) << search.error().message;
  const std::vector<RecordingProgress::Event>& ev = progress.events;
  ASSERT_EQ(ev.size(), 6u);

  EXPECT_FALSE(ev[0].partial);
  EXPECT_EQ(ev[0].supplier, "b");
  EXPECT_EQ(ev[0].done, 1u);
  EXPECT_EQ(ev[0].total, 3u);
  ASSERT_TRUE(ev[1].partial);
  EXPECT_EQ(ev[1].done, 1u);
  EXPECT_EQ(ev[1].total, 3u);
  EXPECT_EQ(ev[1].finished, std::vector<std::string>{"b"});
  EXPECT_EQ(ev[1].offer_suppliers, std::set<uint16_t>{1}) << "only b's offers so far";
  EXPECT_EQ(ev[1].received, 80);
  EXPECT_GT(ev[1].returned, 0u);

  EXPECT_FALSE(ev[2].partial);
  EXPECT_EQ(ev[2].supplier, "a");
  EXPECT_EQ(ev[2].done, 2u);
  ASSERT_TRUE(ev[3].partial);
  EXPECT_EQ(ev[3].done, 2u);
  EXPECT_EQ(ev[3].finished, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(ev[3].offer_suppliers, (std::set<uint16_t>{0, 1}));
  EXPECT_EQ(ev[3].received, 200);

  // The one still in flight at the deadline comes last, as a timeout.
  EXPECT_FALSE(ev[4].partial);
  EXPECT_EQ(ev[4].supplier, "c");
  EXPECT_EQ(ev[4].status, SupplierStatus::kTimeout);
  EXPECT_EQ(ev[4].done, 3u);
  EXPECT_EQ(ev[4].total, 3u);
  ASSERT_TRUE(ev[5].partial);
  EXPECT_EQ(ev[5].done, 3u);
  EXPECT_EQ(ev[5].finished, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(ev[5].offers, (*search)->result.offers.size());

  ASSERT_EQ((*search)->result.suppliers.size(), 3u);
  EXPECT_EQ((*search)->result.suppliers[2].status, SupplierStatus::kTimeout);
}

// The whole answer of a streamed search is the answer of the same search not streamed, and it
// costs the same memory: the partial answers leave nothing behind in the search's context.
TEST(SearchServiceTest, AStreamedSearchAnswersAsTheSameSearchNotStreamed) {
  StagedSource source = ThreeSuppliers();
  SearchService service(source, refdata::FxRates::Builtin(), {});
  SearchRequest request = LondonToNewYork();
  request.limit = 0;  // every offer, with its tags, score and pricing options
  auto plain = service.Run(request);
  RecordingProgress progress;
  auto streamed = service.Run(request, {.progress = &progress});
  ASSERT_TRUE(plain.has_value() && streamed.has_value());
  ASSERT_EQ(progress.events.size(), 6u);
  const CompletedSearch& a = **plain;
  const CompletedSearch& b = **streamed;
  EXPECT_LT(a.result.offers.size(), static_cast<std::size_t>(a.result.parsed))
      << "suppliers sell the same offers: dedupe merges them";

  auto answer = [](const CompletedSearch& s) {
    std::string out;
    WriteSearchResponse(s.result, s.request(), s.context->timings(),
                        {.include_timings = false, .search_id = s.id}, out);
    return out;
  };
  EXPECT_EQ(answer(a), answer(b));
  EXPECT_EQ(a.context->MemoryBytes(), b.context->MemoryBytes());

  // Offers dedupe did not keep are as parsed: no pricing options (the partial answers' pointed
  // into arenas since released), score or tags.
  const std::set<const Offer*> kept(b.result.offers.begin(), b.result.offers.end());
  int lost = 0;
  for (const SupplierOutcome& s : b.result.suppliers) {
    if (s.batch == nullptr) continue;
    for (const Offer& offer : s.batch->offers) {
      if (kept.contains(&offer)) continue;
      ++lost;
      EXPECT_TRUE(offer.pricing_options.empty());
      EXPECT_EQ(offer.tags, 0);
      EXPECT_EQ(offer.score, 0.0f);
    }
  }
  EXPECT_GT(lost, 0);
}

// A search that does not stream never begins a fetch: it asks Fetch, as it always did.
TEST(SearchServiceTest, ASearchThatDoesNotStreamFetches) {
  RecordingSource source;
  SearchService service(source, refdata::FxRates::Builtin(), {});
  ASSERT_TRUE(service.Run(LondonToNewYork()).has_value());
  EXPECT_EQ(source.calls.load(), 1);
}

}  // namespace
}  // namespace fareflow
