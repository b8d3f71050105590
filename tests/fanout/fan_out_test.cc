// FanOut against the Amadeus and Duffel emulators on real loopback HTTP servers, plus the
// built-in supplier. Only statuses and counts are asserted, never durations.

#include "fanout/fan_out.h"

#include <gtest/gtest.h>

#include <atomic>
#include <ctime>
#include <map>
#include <memory>

#include "fanout/fan_out_fixture.h"
#include "fanout/supplier_server.h"
#include "refdata/fx_rates.h"

namespace fareflow::fanout {
namespace {

using std::chrono::milliseconds;
using testing::FanOutTest;
using testing::kAmadeusId;
using testing::kAmadeusSecret;
using testing::kDuffelToken;
using testing::LondonNewYork;
using testing::SupplierServer;
using testing::SystemUnixSeconds;

TEST_F(FanOutTest, EverySupplierAnswersWithOffers) {
  ASSERT_TRUE(amadeus_->started() && duffel_->started());
  auto fan_out = Make({Builtin(), Amadeus(), Duffel()});
  const std::vector<SupplierOutcome> outcomes = Search(*fan_out);
  ASSERT_EQ(outcomes.size(), 3u);
  const char* names[] = {"builtin", "amadeus", "duffel"};
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(outcomes[i].name, names[i]);
    EXPECT_EQ(outcomes[i].status, SupplierStatus::kOk) << Describe(outcomes[i]);
    EXPECT_GT(outcomes[i].kept(), 0) << Describe(outcomes[i]);
    ASSERT_NE(outcomes[i].batch, nullptr);
    for (const Offer& offer : outcomes[i].batch->offers) ASSERT_EQ(offer.supplier, i);
  }
  EXPECT_EQ(outcomes[1].kind, SupplierKind::kAmadeus);
  EXPECT_LE(outcomes[1].kept(), 40);
  EXPECT_EQ(outcomes[2].kept(), 100);
  EXPECT_GT(outcomes[1].bytes, 0);
  EXPECT_GT(outcomes[2].bytes, 0);
  // What a search snapshot replays: the payload each batch was parsed from, and the cap.
  EXPECT_TRUE(outcomes[0].payload.empty());
  EXPECT_EQ(outcomes[0].max_offers, 200);
  for (std::size_t i : {1u, 2u}) {
    EXPECT_EQ(static_cast<int64_t>(outcomes[i].payload.size()), outcomes[i].bytes);
    EXPECT_EQ(outcomes[i].payload.substr(0, 1), "{");
  }
  EXPECT_EQ(outcomes[1].max_offers, 40);
  EXPECT_EQ(outcomes[2].max_offers, 100);
  EXPECT_EQ(amadeus_->token_requests, 1);

  // The token is cached for the next search.
  Search(*fan_out);
  EXPECT_EQ(amadeus_->token_requests, 1);
  EXPECT_EQ(amadeus_->search_requests, 2);
}

TEST_F(FanOutTest, DisabledSuppliersAreNotAskedNorReported) {
  SupplierConfig duffel = Duffel();
  duffel.enabled = false;
  auto fan_out = Make({Builtin(), duffel});
  const std::vector<SupplierOutcome> outcomes = Search(*fan_out);
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(duffel_->search_requests, 0);
}

TEST_F(FanOutTest, SlowSupplierTimesOutWhileOthersAnswer) {
  duffel_->latency_ms = 1500;
  auto fan_out = Make({Builtin(), Amadeus(), Duffel()});
  const std::vector<SupplierOutcome> outcomes = Search(*fan_out, milliseconds(600));
  ASSERT_EQ(outcomes.size(), 3u);
  EXPECT_EQ(outcomes[0].status, SupplierStatus::kOk) << Describe(outcomes[0]);
  EXPECT_EQ(outcomes[1].status, SupplierStatus::kOk) << Describe(outcomes[1]);
  EXPECT_EQ(outcomes[2].status, SupplierStatus::kTimeout) << Describe(outcomes[2]);
  EXPECT_EQ(outcomes[2].batch, nullptr);
  // The late answer must find nothing of the finished search: drop it now and search again.
  context_.reset();
  duffel_->latency_ms = 0;
  const std::vector<SupplierOutcome> again = Search(*fan_out);
  EXPECT_EQ(again[2].status, SupplierStatus::kOk) << Describe(again[2]);
}

TEST_F(FanOutTest, SupplierTimeoutBoundsItsCall) {
  amadeus_->latency_ms = 1500;
  SupplierConfig amadeus = Amadeus();
  amadeus.timeout = milliseconds(300);
  auto fan_out = Make({Builtin(), amadeus});
  const std::vector<SupplierOutcome> outcomes = Search(*fan_out, milliseconds(10'000));
  EXPECT_EQ(outcomes[0].status, SupplierStatus::kOk);
  EXPECT_EQ(outcomes[1].status, SupplierStatus::kTimeout) << Describe(outcomes[1]);
}

// Duffel's own airline timeout is what the call has left, a quarter of a second inside it:
// here the search's 3.5 s, not the supplier's configured 8 s.
TEST_F(FanOutTest, DuffelIsAskedToAnswerWithinTheSearchsRemainingTime) {
  SupplierConfig duffel = Duffel();
  duffel.timeout = milliseconds(8'000);
  auto fan_out = Make({duffel});
  const std::vector<SupplierOutcome> outcomes = Search(*fan_out, milliseconds(3'500));
  ASSERT_EQ(outcomes[0].status, SupplierStatus::kOk) << Describe(outcomes[0]);
  const int asked = duffel_->last_supplier_timeout_ms;
  EXPECT_LE(asked, 3'250);
  EXPECT_GE(asked, 2'000);  // Duffel ignores values below 2 s and falls back to its 20 s

  // The supplier's own timeout still bounds it when it is the shorter one.
  duffel.timeout = milliseconds(4'000);
  auto bounded = Make({duffel});
  ASSERT_EQ(Search(*bounded, milliseconds(30'000))[0].status, SupplierStatus::kOk);
  EXPECT_LE(duffel_->last_supplier_timeout_ms, 3'750);
  EXPECT_GE(duffel_->last_supplier_timeout_ms, 3'000);

  // A paged call's offer request is told the same.
  duffel.timeout = milliseconds(8'000);
  duffel.page_size = 50;
  auto paged = Make({duffel});
  ASSERT_EQ(Search(*paged, milliseconds(3'500))[0].status, SupplierStatus::kOk);
  EXPECT_LE(duffel_->last_supplier_timeout_ms, 3'250);
  EXPECT_GE(duffel_->last_supplier_timeout_ms, 2'000);
}

TEST_F(FanOutTest, MalformedAnswerIsMalformed) {
  duffel_->malformed = true;
  auto fan_out = Make({Builtin(), Duffel()});
  const std::vector<SupplierOutcome> outcomes = Search(*fan_out);
  EXPECT_EQ(outcomes[0].status, SupplierStatus::kOk);
  EXPECT_EQ(outcomes[1].status, SupplierStatus::kMalformed) << Describe(outcomes[1]);
  EXPECT_EQ(outcomes[1].kept(), 0);
}

// fareflow asks for gzip, and a truncated gzipped answer must be a failed supplier, not offers
// from a cut stream, a crash or a hang.
TEST_F(FanOutTest, TruncatedGzippedAnswerIsAnIoErrorWhileOthersAnswer) {
  amadeus_->truncated = true;
  duffel_->truncated = true;
  auto fan_out = Make({Amadeus(), Duffel(), Builtin()});
  const std::vector<SupplierOutcome> outcomes = Search(*fan_out);
  ASSERT_EQ(outcomes.size(), 3u);
  for (int i : {0, 1}) {
    EXPECT_EQ(outcomes[i].status, SupplierStatus::kIoError) << Describe(outcomes[i]);
    EXPECT_NE(outcomes[i].error.find("truncated answer"), std::string::npos)
        << Describe(outcomes[i]);
    EXPECT_EQ(outcomes[i].kept(), 0);
  }
  EXPECT_EQ(outcomes[2].status, SupplierStatus::kOk) << Describe(outcomes[2]);
  EXPECT_GT(amadeus_->gzip_search_requests.load(), 0);
  EXPECT_GT(duffel_->gzip_search_requests.load(), 0);
}

TEST_F(FanOutTest, ServerErrorIsHttpError) {
  amadeus_->server_error = true;
  auto fan_out = Make({Amadeus(), Duffel()});
  const std::vector<SupplierOutcome> outcomes = Search(*fan_out);
  EXPECT_EQ(outcomes[0].status, SupplierStatus::kHttpError) << Describe(outcomes[0]);
  EXPECT_EQ(outcomes[0].error, "HTTP 500");
  EXPECT_EQ(outcomes[1].status, SupplierStatus::kOk) << Describe(outcomes[1]);
}

TEST_F(FanOutTest, WrongCredentialsAreAuthErrors) {
  env_["AMADEUS_SECRET"] = "not-the-secret";
  env_["DUFFEL_TOKEN"] = "duffel_test_wrong";
  auto fan_out = Make({Builtin(), Amadeus(), Duffel()});
  const std::vector<SupplierOutcome> outcomes = Search(*fan_out);
  EXPECT_EQ(outcomes[0].status, SupplierStatus::kOk);
  EXPECT_EQ(outcomes[1].status, SupplierStatus::kAuthError) << Describe(outcomes[1]);
  EXPECT_EQ(outcomes[2].status, SupplierStatus::kAuthError) << Describe(outcomes[2]);
  EXPECT_EQ(amadeus_->search_requests, 0);  // no token, no search
}

TEST_F(FanOutTest, MissingCredentialsAreAuthErrorsWithoutARequest) {
  env_.clear();
  auto fan_out = Make({Builtin(), Amadeus(), Duffel()});
  const std::vector<SupplierOutcome> outcomes = Search(*fan_out);
  EXPECT_EQ(outcomes[0].status, SupplierStatus::kOk);
  EXPECT_EQ(outcomes[1].status, SupplierStatus::kAuthError);
  EXPECT_NE(outcomes[1].error.find("AMADEUS_ID"), std::string::npos) << outcomes[1].error;
  EXPECT_EQ(outcomes[2].status, SupplierStatus::kAuthError);
  EXPECT_EQ(amadeus_->token_requests + amadeus_->search_requests, 0);
  EXPECT_EQ(duffel_->search_requests, 0);
}

TEST_F(FanOutTest, ExpiredTokenIsRefreshedOnceAndTheSearchSucceeds) {
  auto fan_out = Make({Amadeus()});
  ASSERT_EQ(Search(*fan_out)[0].status, SupplierStatus::kOk);
  EXPECT_EQ(amadeus_->token_requests, 1);
  *amadeus_offset_ += 1800;  // the emulator's tokens live 1799 s; the FanOut's clock stands still
  const std::vector<SupplierOutcome> outcomes = Search(*fan_out);
  EXPECT_EQ(outcomes[0].status, SupplierStatus::kOk) << Describe(outcomes[0]);
  EXPECT_EQ(amadeus_->token_requests, 2);
  EXPECT_EQ(amadeus_->search_requests, 3);  // first search, the 401, the retry
}

TEST_F(FanOutTest, CircuitBreakerSkipsAFailingSupplierUntilTheCooldownEnds) {
  amadeus_->server_error = true;
  SupplierConfig amadeus = Amadeus();
  amadeus.breaker_failures = 2;
  amadeus.breaker_cooldown = milliseconds(10'000);
  auto fan_out = Make({Builtin(), amadeus});
  EXPECT_EQ(Search(*fan_out)[1].status, SupplierStatus::kHttpError);
  EXPECT_EQ(Search(*fan_out)[1].status, SupplierStatus::kHttpError);
  std::vector<SupplierOutcome> outcomes = Search(*fan_out);
  EXPECT_EQ(outcomes[0].status, SupplierStatus::kOk);
  EXPECT_EQ(outcomes[1].status, SupplierStatus::kSkipped);
  EXPECT_EQ(outcomes[1].error, "circuit open, retry in 10s");
  EXPECT_EQ(amadeus_->search_requests, 2);

  amadeus_->server_error = false;
  *now_ += 10'000;
  EXPECT_EQ(Search(*fan_out)[1].status, SupplierStatus::kOk);  // the trial closes it
  EXPECT_EQ(Search(*fan_out)[1].status, SupplierStatus::kOk);
  EXPECT_EQ(amadeus_->search_requests, 4);
}

TEST_F(FanOutTest, UnreachableSupplierIsAnIoError) {
  SupplierConfig duffel = Duffel();
  duffel.base_url = "http://127.0.0.1:1";  // nothing listens on port 1
  auto fan_out = Make({duffel});
  const std::vector<SupplierOutcome> outcomes = Search(*fan_out);
  EXPECT_EQ(outcomes[0].status, SupplierStatus::kIoError) << Describe(outcomes[0]);
}

TEST_F(FanOutTest, ConcurrentSearchesShareOneTokenFetch) {
  auto fan_out = Make({Amadeus()});
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      RequestContext context(LondonNewYork());
      Enricher enricher(context.request(), refdata::FxRates::Builtin());
      auto outcomes =
          fan_out->Fetch(context, enricher, std::chrono::steady_clock::now() + milliseconds(5000));
      if (outcomes[0].status == SupplierStatus::kOk) ++ok;
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(ok, 4);
  EXPECT_EQ(amadeus_->token_requests, 1);
}

// Progress (answers that stream) reports each supplier as it finishes: the fast one first.
TEST_F(FanOutTest, ProgressReportsSuppliersInTheOrderTheyFinish) {
  duffel_->latency_ms = 400;
  auto fan_out = Make({Duffel(), Builtin()});
  context_ = std::make_unique<RequestContext>(LondonNewYork());
  enricher_ = std::make_unique<Enricher>(context_->request(), refdata::FxRates::Builtin());
  auto fetch = fan_out->Begin(
      *context_, *enricher_, std::chrono::steady_clock::now() + milliseconds(5000), FetchOptions{});
  std::vector<std::pair<std::size_t, SupplierOutcome>> first = fetch->Progress();
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].first, 1u);
  EXPECT_EQ(first[0].second.name, "builtin");
  EXPECT_EQ(first[0].second.status, SupplierStatus::kOk);
  EXPECT_GT(first[0].second.kept(), 0);
  std::vector<std::pair<std::size_t, SupplierOutcome>> second = fetch->Progress();
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].first, 0u);
  EXPECT_EQ(second[0].second.name, "duffel");
  EXPECT_EQ(second[0].second.status, SupplierStatus::kOk) << Describe(second[0].second);
  EXPECT_EQ(second[0].second.kept(), 100);
  EXPECT_TRUE(fetch->Progress().empty()) << "nothing is left to report";
  const std::vector<SupplierOutcome> outcomes = fetch->Wait();
  ASSERT_EQ(outcomes.size(), 2u);
  EXPECT_EQ(outcomes[0].batch, second[0].second.batch) << "the outcome Progress gave is final";
  EXPECT_EQ(outcomes[1].batch, first[0].second.batch);
}

// A supplier still in flight at the deadline is not Progress's to report: it returns empty at
// the deadline, and Wait gives the timeout.
TEST_F(FanOutTest, ProgressEndsAtTheDeadlineAndWaitReportsTheTimeout) {
  // The deadline leaves the built-in supplier time to finish on a loaded machine or under a
  // sanitizer; the Duffel answer comes long after it.
  constexpr milliseconds kDeadline{3'000};
  duffel_->latency_ms = 20'000;
  SupplierConfig duffel = Duffel();
  duffel.timeout = milliseconds(60'000);  // the search's deadline is what cuts it
  auto fan_out = Make({Builtin(), duffel});
  context_ = std::make_unique<RequestContext>(LondonNewYork());
  enricher_ = std::make_unique<Enricher>(context_->request(), refdata::FxRates::Builtin());
  const auto start = std::chrono::steady_clock::now();
  auto fetch = fan_out->Begin(*context_, *enricher_, start + kDeadline, FetchOptions{});
  // The late supplier is either reported as timed out once its deadline passed, or left to Wait:
  // which one depends on whether its call's timer fired before Progress looked.
  std::vector<std::size_t> reported;
  for (auto batch = fetch->Progress(); !batch.empty(); batch = fetch->Progress()) {
    for (const auto& [index, outcome] : batch) {
      reported.push_back(index);
      if (index == 1) {
        EXPECT_EQ(outcome.status, SupplierStatus::kTimeout) << Describe(outcome);
      }
    }
  }
  ASSERT_FALSE(reported.empty());
  EXPECT_EQ(reported[0], 0u) << "the built-in supplier finishes first";
  const auto ended = std::chrono::steady_clock::now();
  EXPECT_GE(ended, start + kDeadline);
  EXPECT_LT(ended, start + milliseconds(duffel_->latency_ms)) << "not with the late answer";
  const std::vector<SupplierOutcome> outcomes = fetch->Wait();
  EXPECT_EQ(outcomes[0].status, SupplierStatus::kOk);
  EXPECT_EQ(outcomes[1].status, SupplierStatus::kTimeout) << Describe(outcomes[1]);
  context_.reset();
}

}  // namespace
}  // namespace fareflow::fanout
