// POST /v1/searches sheds load: with every search thread busy and the queue full, a search is
// refused at once with 503 instead of waiting behind work nobody will wait for.

#include <future>
#include <memory>
#include <thread>

#include <gtest/gtest.h>

#include "engine/builtin_source.h"
#include "engine/search_service.h"
#include "engine/worker_pool.h"
#include "net/http_server.h"
#include "refdata/fx_rates.h"
#include "server/api/api_router.h"
#include "support/api_test_server.h"
#include "support/http_test_client.h"

namespace fareflow::server {
namespace {

// Holds every search until the test releases it, saying when one has started.
class GatedSource final : public SupplierSource {
 public:
  std::vector<SupplierOutcome> Fetch(RequestContext& context, const Enricher& enricher,
                                     std::chrono::steady_clock::time_point deadline) override {
    entered_.set_value();
    released_.wait();
    return builtin_.Fetch(context, enricher, deadline);
  }
  void WaitEntered() { entered_future_.wait(); }
  void Release() { release_.set_value(); }

 private:
  BuiltinSource builtin_{50};
  std::promise<void> entered_;
  std::future<void> entered_future_ = entered_.get_future();
  std::promise<void> release_;
  std::shared_future<void> released_ = release_.get_future().share();
};

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

}  // namespace
}  // namespace fareflow::server
