// The facade's searches wait for a search thread as POST /v1/searches does: the deadline counts
// from the call's arrival, a search still queued when it passes is answered 503 without running,
// and at shutdown (the pool closed) queued searches are answered 503 -- each in Amadeus's error
// envelope with Retry-After, so an Amadeus SDK retries.

#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "engine/search_service.h"
#include "engine/worker_pool.h"
#include "net/http_server.h"
#include "refdata/fx_rates.h"
#include "server/facade/routes.h"
#include "support/api_test_server.h"
#include "support/gated_source.h"
#include "support/http_test_client.h"

namespace fareflow::server {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using testing_support::Fetch;
using testing_support::TestResponse;

constexpr milliseconds kDeadline{300};

// The facade (development mode) on one search thread, with a default supplier deadline of
// `deadline`, and a first facade search holding that thread until the destructor releases it.
class FacadeOnOneThread {
 public:
  explicit FacadeOnOneThread(milliseconds deadline)
      : search_(source_, refdata::FxRates::Builtin(), {.default_deadline = deadline}) {
    AddAmadeusFacadeRoutes(router_, services_, {});
    EXPECT_TRUE(server_.Start().has_value());
    token_ = Token();
    first_ = std::async(std::launch::async, [this] { return Search(std::chrono::seconds(30)); });
    source_.WaitEntered();  // the only search thread is now busy
  }
  ~FacadeOnOneThread() {
    source_.Release();
    first_.wait();
    server_.Stop();
  }

  std::string Token() {
    TestResponse r = Fetch(server_.port(), "POST", "/v1/security/oauth2/token",
                           "grant_type=client_credentials&client_id=app&client_secret=s3cret",
                           {{"Content-Type", "application/x-www-form-urlencoded"}});
    simdjson::dom::parser parser;
    std::string_view token;
    EXPECT_FALSE(parser.parse(r.body)["access_token"].get_string().get(token)) << r.body;
    return std::string(token);
  }

  // A one-way LON-NYC search in 40 days, waiting for its answer at most `wait`.
  TestResponse Search(Clock::duration wait) {
    return Fetch(server_.port(), "GET",
                 "/v2/shopping/flight-offers?originLocationCode=LON&destinationLocationCode=NYC&"
                 "departureDate=" +
                     DaysFromNow(40) + "&adults=1&max=3",
                 "", {{"Authorization", "Bearer " + token_}},
                 std::chrono::duration_cast<milliseconds>(wait));
  }

  GatedSource source_;
  SearchService search_;
  WorkerPool pool_{1};
  const ApiServices services_{.search = &search_, .search_pool = &pool_};
  Router router_;
  net::HttpServer server_{
      {}, [this](std::shared_ptr<net::Exchange> e) { router_.Handle(std::move(e)); }};
  std::string token_;
  std::future<TestResponse> first_;
};

// A 503 in Amadeus's envelope: one issue of status 503, code 141, and Retry-After: 1.
void ExpectAmadeus503(const TestResponse& r, const std::string& detail_part) {
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_EQ(r.Header("Retry-After"), "1");
  EXPECT_EQ(r.Header("Content-Type"), "application/vnd.amadeus+json");
  simdjson::dom::parser parser;
  simdjson::dom::element issue;
  ASSERT_FALSE(parser.parse(r.body)["errors"].at(0).get(issue)) << r.body;
  int64_t status = 0;
  int64_t code = 0;
  std::string_view detail;
  EXPECT_FALSE(issue["status"].get_int64().get(status)) << r.body;
  EXPECT_FALSE(issue["code"].get_int64().get(code)) << r.body;
  EXPECT_FALSE(issue["detail"].get_string().get(detail)) << r.body;
  EXPECT_EQ(status, 503);
  EXPECT_EQ(code, 141);
  EXPECT_NE(detail.find(detail_part), std::string_view::npos) << detail;
}

// Regression: the facade queued searches without a deadline, so one behind a busy search thread
// waited for the thread however long that took, then ran in full.
TEST(FacadeQueueTest, ASearchWhoseDeadlinePassesInTheQueueGets503ByItsDeadline) {
  FacadeOnOneThread facade(kDeadline);
  const auto sent = Clock::now();
  const TestResponse late = facade.Search(milliseconds(3'000));
  const auto waited = std::chrono::duration_cast<milliseconds>(Clock::now() - sent);
  ASSERT_TRUE(late.ok()) << late.error << " after " << waited.count() << " ms";
  ExpectAmadeus503(late, "deadline passed");
  EXPECT_GE(waited, kDeadline);
  EXPECT_LT(waited, kDeadline + milliseconds(1'000))
      << "answered by its deadline, not when a thread was free";
  EXPECT_EQ(facade.source_.deadlines().size(), 1u) << "the late search never asked a supplier";
}

// Regression: closing the pool dropped the facade's queued searches unanswered.
TEST(FacadeQueueTest, AQueuedSearchGets503WhenThePoolCloses) {
  // A deadline far enough away that only the shutdown can refuse the queued search.
  FacadeOnOneThread facade(milliseconds(20'000));
  std::future<TestResponse> queued =
      std::async(std::launch::async, [&facade] { return facade.Search(std::chrono::seconds(5)); });
  for (int i = 0; i < 400 && facade.pool_.queued() == 0; ++i) {
    std::this_thread::sleep_for(milliseconds(5));
  }
  ASSERT_EQ(facade.pool_.queued(), 1u);
  const auto closed = Clock::now();
  facade.pool_.Close();
  const TestResponse r = queued.get();
  ASSERT_TRUE(r.ok()) << r.error;
  ExpectAmadeus503(r, "shutting down");
  EXPECT_LT(Clock::now() - closed, milliseconds(500)) << "answered at once";
  EXPECT_EQ(facade.source_.deadlines().size(), 1u) << "the queued search never asked a supplier";
}

}  // namespace
}  // namespace fareflow::server
