// A supplier answer past the supplier's body limit (max_body_bytes), against the Duffel and
// Amadeus emulators on real loopback HTTP servers (answers gzipped on the wire): the offers
// complete before the cut are kept, each as the uncut answer gives it, the supplier reports
// `truncated`, and the cut answer is never cached. Only statuses, counts and offers are asserted.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "cache/supplier_cache.h"
#include "core/clock.h"
#include "fanout/fan_out.h"
#include "fanout/fan_out_fixture.h"
#include "fanout/supplier_server.h"
#include "support/offer_texts.h"

namespace fareflow::fanout {
namespace {

using testing_support::OfferTexts;

using testing::FanOutTest;
using testing::SupplierServer;

class CutAnswerTest : public FanOutTest {
 protected:
  // A Duffel emulator of its own: its first answer is the same bytes as any other fresh one's.
  // Every one reads the same clock, stopped when the first was made: `created_at` and the offers'
  // times would otherwise differ between two searches a second boundary falls between.
  static std::unique_ptr<SupplierServer> FreshDuffel() {
    static const int64_t now = UnixSecondsNow();
    emulators::DuffelEmulatorOptions options;
    options.now_unix_seconds = [] { return now; };
    auto duffel = std::make_shared<emulators::DuffelEmulator>(std::move(options));
    return std::make_unique<SupplierServer>(
        [duffel](const net::WireRequest& r) { return duffel->Handle(r); });
  }

  // One search of a fresh Duffel emulator with the given limit; the outcome, and the payload
  // and offers it gave, copied.
  struct Searched {
    SupplierOutcome outcome;
    std::string payload;
    std::vector<std::string> offers;  // each as its JSON
    int gzip_requests = 0;
  };
  Searched SearchDuffel(std::size_t max_body_bytes, int max_offers = 100) {
    auto server = FreshDuffel();
    SupplierConfig config = Duffel();
    config.base_url = server->url();
    config.max_body_bytes = max_body_bytes;
    config.max_offers = max_offers;
    auto fan_out = Make({config});
    Searched s;
    s.outcome = Search(*fan_out)[0];
    s.payload = std::string(s.outcome.payload);
    if (s.outcome.batch) s.offers = OfferTexts(*s.outcome.batch);
    s.gzip_requests = server->gzip_search_requests.load();
    return s;
  }

  // Where each offer of a Duffel offer request ends in `payload`: the offer is complete in the
  // first `n` bytes when n >= its entry (the comma after it; the last one's closing brace + 1).
  static std::vector<std::size_t> OfferEnds(const std::string& payload) {
    std::vector<std::size_t> ends;
    constexpr std::string_view kNext = R"(,{"id":"off_)";
    for (std::size_t at = payload.find(kNext); at != std::string::npos;
         at = payload.find(kNext, at + 1)) {
      ends.push_back(at);
    }
    return ends;  // the last offer is never cut into in these tests
  }

  static int CompleteWithin(const std::vector<std::size_t>& ends, std::size_t n) {
    int complete = 0;
    while (static_cast<std::size_t>(complete) < ends.size() &&
           ends[static_cast<std::size_t>(complete)] <= n) {
      ++complete;
    }
    return complete;
  }

  // Checks a search cut at `limit` against the uncut one.
  void ExpectCut(const Searched& whole, std::size_t limit, int max_offers = 100) {
    SCOPED_TRACE("limit " + std::to_string(limit));
    const Searched cut = SearchDuffel(limit, max_offers);
    ASSERT_EQ(cut.outcome.status, SupplierStatus::kTruncated) << Describe(cut.outcome);
    EXPECT_GT(cut.gzip_requests, 0);  // the cut fell inside a gzip stream
    const int complete = CompleteWithin(OfferEnds(whole.payload), limit);
    ASSERT_NE(cut.outcome.batch, nullptr);
    EXPECT_EQ(cut.outcome.batch->received, complete);
    const int good = complete - cut.outcome.batch->dropped_total();
    const std::size_t kept = static_cast<std::size_t>(std::min(max_offers, good));
    ASSERT_EQ(cut.offers.size(), kept);
    for (std::size_t k = 0; k < kept; ++k) {
      ASSERT_LT(k, whole.offers.size());
      EXPECT_EQ(cut.offers[k], whole.offers[k]) << k;
    }
    EXPECT_EQ(cut.outcome.error, "answer cut at " + std::to_string(limit) +
                                     " bytes (max_body_bytes); " + std::to_string(kept) +
                                     " offers kept");
    EXPECT_EQ(cut.outcome.bytes, static_cast<int64_t>(limit));
  }
};

TEST_F(CutAnswerTest, DuffelCutAnywhereKeepsTheOffersCompleteBeforeTheCut) {
  const Searched whole = SearchDuffel(std::size_t{64} << 20, 5000);
  ASSERT_EQ(whole.outcome.status, SupplierStatus::kOk) << Describe(whole.outcome);
  const std::vector<std::size_t> ends = OfferEnds(whole.payload);
  ASSERT_GT(ends.size(), 200u);
  const std::size_t start40 = ends[39] + 1;          // the `{` of offer #40
  ExpectCut(whole, start40 + 9, 5000);               // inside the id string of #40
  ExpectCut(whole, (start40 + ends[40]) / 2, 5000);  // in the middle of #40
  ExpectCut(whole, ends[39], 5000);                  // right after #39's closing brace
  ExpectCut(whole, ends[39] + 1, 5000);              // right after the comma
  ExpectCut(whole, ends[150] + 3, 100);              // more complete than max_offers
  ExpectCut(whole, 200, 100);                        // before the first offer: none kept
}

TEST_F(CutAnswerTest, ALimitAboveTheAnswerChangesNothing) {
  const Searched whole = SearchDuffel(std::size_t{64} << 20);
  ASSERT_EQ(whole.outcome.status, SupplierStatus::kOk);
  const Searched just = SearchDuffel(whole.payload.size());  // exactly the answer: not past it
  EXPECT_EQ(just.outcome.status, SupplierStatus::kOk) << Describe(just.outcome);
  EXPECT_EQ(just.outcome.error, "");
  EXPECT_EQ(just.payload, whole.payload);
  EXPECT_EQ(just.offers, whole.offers);
}

TEST_F(CutAnswerTest, AmadeusCutKeepsItsCompleteOffers) {
  SupplierConfig whole_config = Amadeus();
  auto whole_fan_out = Make({whole_config});
  const SupplierOutcome whole = Search(*whole_fan_out)[0];
  ASSERT_EQ(whole.status, SupplierStatus::kOk) << Describe(whole);
  ASSERT_NE(whole.batch, nullptr);
  // Copied: the next search's context replaces the one these offers live in.
  const std::vector<std::string> whole_offers = OfferTexts(*whole.batch);
  const int whole_kept = whole.kept();
  SupplierConfig cut_config = Amadeus();
  cut_config.max_body_bytes = static_cast<std::size_t>(whole.bytes / 2);
  auto cut_fan_out = Make({cut_config});
  const SupplierOutcome cut = Search(*cut_fan_out)[0];
  ASSERT_EQ(cut.status, SupplierStatus::kTruncated) << Describe(cut);
  ASSERT_NE(cut.batch, nullptr);
  EXPECT_GT(cut.kept(), 0);
  EXPECT_LT(cut.kept(), whole_kept);
  // Its dictionaries came after the cut: carriers are named from the reference data, which the
  // emulator's names match, so the offers are the uncut ones.
  const std::vector<std::string> kept = OfferTexts(*cut.batch);
  for (std::size_t k = 0; k < kept.size(); ++k) EXPECT_EQ(kept[k], whole_offers[k]) << k;
}

TEST_F(CutAnswerTest, ACutAnswerIsNeverCached) {
  cache::SupplierCacheOptions options;
  auto cache = std::make_unique<cache::SupplierCache>(std::move(options), nullptr);
  SupplierConfig config = Duffel();
  config.max_body_bytes = 300'000;
  auto fan_out = Make({config}, cache.get());
  for (int i = 0; i < 2; ++i) {
    const SupplierOutcome o = Search(*fan_out)[0];
    EXPECT_EQ(o.status, SupplierStatus::kTruncated) << Describe(o);
    EXPECT_FALSE(o.cache.from_cache);
    EXPECT_GT(o.kept(), 0);
  }
  EXPECT_EQ(duffel_->search_requests, 2);  // asked again: nothing was stored
  EXPECT_EQ(cache->stats().stores, 0u);
}

// Identical searches at once share one call: every one of them hears that its answer was cut.
TEST_F(CutAnswerTest, SearchesSharingACutCallAreAllTruncated) {
  cache::SupplierCacheOptions options;
  auto cache = std::make_unique<cache::SupplierCache>(std::move(options), nullptr);
  SupplierConfig config = Duffel();
  config.max_body_bytes = 300'000;
  config.timeout = std::chrono::milliseconds(30000);
  auto fan_out = Make({config}, cache.get());
  duffel_->latency_ms = 300;
  constexpr int kSearches = 4;
  std::vector<std::vector<SupplierOutcome>> outcomes(kSearches);
  std::vector<std::unique_ptr<RequestContext>> contexts(kSearches);
  std::vector<std::thread> threads;
  for (int t = 0; t < kSearches; ++t) {
    threads.emplace_back([&, t] {
      contexts[t] = std::make_unique<RequestContext>(testing::LondonNewYork());
      const Enricher enricher(contexts[t]->request(), refdata::FxRates::Builtin());
      outcomes[t] = fan_out->Fetch(*contexts[t], enricher,
                                   std::chrono::steady_clock::now() + std::chrono::seconds(30));
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(duffel_->search_requests, 1);
  EXPECT_EQ(cache->stats().joins, static_cast<uint64_t>(kSearches - 1));
  for (const auto& o : outcomes) {
    ASSERT_EQ(o.size(), 1u);
    EXPECT_EQ(o[0].status, SupplierStatus::kTruncated) << Describe(o[0]);
    EXPECT_EQ(o[0].kept(), outcomes[0][0].kept());
    EXPECT_GT(o[0].kept(), 0);
  }
}

}  // namespace
}  // namespace fareflow::fanout
