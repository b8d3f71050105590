// POST /v1/searches sheds load: with every search thread busy and the queue full, a search is
// refused at once with 503 instead of waiting behind work nobody will wait for; and a search's
// deadline counts from its arrival, so one that waits for a search thread past it gets 503 and one
// that starts late gets only what is left of it.

#include <chrono>
#include <future>
#include <memory>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "engine/search_service.h"
#include "engine/worker_pool.h"
#include "net/http_server.h"
#include "refdata/fx_rates.h"
#include "server/api/api_router.h"
#include "support/api_test_server.h"
#include "support/gated_source.h"
#include "support/http_test_client.h"

namespace fareflow::server {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

TEST(SearchOverloadTest, AFullQueueAnswers503WithRetryAfterAndLaterSearchesRunAgain) {
  GatedSource source;
  SearchService search(source, refdata::FxRates::Builtin(), {});
  WorkerPool pool(1);
  const ApiServices services{.search = &search, .search_pool = &pool, .queue_limit = 0};
  Router router = MakeApiRouter(services);
  net::HttpServer server(
      {}, [&router](std::shared_ptr<net::Exchange> e) { router.Handle(std::move(e)); });
  ASSERT_TRUE(server.Start().has_value());

  std::future<testing_support::TestResponse> first = std::async(std::launch::async, [&] {
    return testing_support::Fetch(server.port(), "POST", "/v1/searches", RoundTripRequest());
  });
  source.WaitEntered();  // the only search thread is now busy

  testing_support::TestResponse refused =
      testing_support::Fetch(server.port(), "POST", "/v1/searches", RoundTripRequest());
  ASSERT_TRUE(refused.ok()) << refused.error;
  EXPECT_EQ(refused.status, 503) << refused.body;
  EXPECT_EQ(refused.Header("Retry-After"), "1");
  EXPECT_EQ(ParseError(refused.body).code, "overloaded") << refused.body;

  source.Release();
  testing_support::TestResponse answered = first.get();
  EXPECT_EQ(answered.status, 200) << answered.body;
  server.Stop();
}

// One search thread, held by a first search: what the second one gets depends on its deadline.
class QueuedDeadlineTest : public testing::Test {
 protected:
  QueuedDeadlineTest() {
    EXPECT_TRUE(server_.Start().has_value());
    first_ = std::async(std::launch::async, [this] {
      return testing_support::Fetch(server_.port(), "POST", "/v1/searches", RoundTripRequest(), {},
                                    std::chrono::seconds(30));
    });
    source_.WaitEntered();  // the only search thread is now busy
  }
  ~QueuedDeadlineTest() override {
    source_.Release();
    first_.wait();
    server_.Stop();
  }

  GatedSource source_;
  SearchService search_{source_, refdata::FxRates::Builtin(), {}};
  WorkerPool pool_{1};
  const ApiServices services_{.search = &search_, .search_pool = &pool_};
  Router router_ = MakeApiRouter(services_);
  net::HttpServer server_{
      {}, [this](std::shared_ptr<net::Exchange> e) { router_.Handle(std::move(e)); }};
  std::future<testing_support::TestResponse> first_;
};

// Regression: the deadline started when a search thread took the search, so a search queued
// behind a slow one answered long after the deadline it asked for.
TEST_F(QueuedDeadlineTest, ASearchWhoseDeadlinePassesInTheQueueGets503ByItsDeadline) {
  const auto sent = Clock::now();
  testing_support::TestResponse late =
      testing_support::Fetch(server_.port(), "POST", "/v1/searches",
                             RoundTripRequest(R"(,"deadline_ms":300)"), {}, milliseconds(3'000));
  const auto waited = std::chrono::duration_cast<milliseconds>(Clock::now() - sent);
  ASSERT_TRUE(late.ok()) << late.error << " after " << waited.count() << " ms";
  EXPECT_EQ(late.status, 503) << late.body;
  EXPECT_EQ(late.Header("Retry-After"), "1");
  EXPECT_EQ(ParseError(late.body).code, "deadline_exceeded") << late.body;
  EXPECT_GE(waited, milliseconds(300));
  EXPECT_LT(waited, milliseconds(1'300)) << "answered by its deadline, not when a thread was free";
  EXPECT_EQ(source_.deadlines().size(), 1u) << "the late search never asked a supplier";
}

TEST_F(QueuedDeadlineTest, ASearchThatStartsLateGetsWhatIsLeftOfItsDeadline) {
  const auto sent = Clock::now();
  std::future<testing_support::TestResponse> second = std::async(std::launch::async, [this] {
    return testing_support::Fetch(server_.port(), "POST", "/v1/searches",
                                  RoundTripRequest(R"(,"deadline_ms":3000)"), {},
                                  std::chrono::seconds(10));
  });
  std::this_thread::sleep_for(milliseconds(1'000));  // the second search waits in the queue
  source_.Release();
  EXPECT_EQ(second.get().status, 200);
  const std::vector<Clock::time_point> deadlines = source_.deadlines();
  ASSERT_EQ(deadlines.size(), 2u);
  // Counted from its arrival: at most 3 s after it was sent, not 3 s after it started (4 s).
  EXPECT_LE(deadlines[1], sent + milliseconds(3'000) + milliseconds(200));
  EXPECT_GE(deadlines[1], sent + milliseconds(3'000) - milliseconds(200));
}

}  // namespace
}  // namespace fareflow::server
