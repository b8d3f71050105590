#include "suppliers/amadeus/client/token_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <optional>

namespace fareflow::amadeus {
namespace {

using std::chrono::seconds;

// A token endpoint the test answers by hand.
struct FakeEndpoint {
  std::vector<AmadeusTokenCache::FetchDone> pending;
  AmadeusTokenCache::Fetcher fetcher() {
    return [this](AmadeusTokenCache::FetchDone done) { pending.push_back(std::move(done)); };
  }
  void Answer(std::string token, int64_t expires_in) {
    auto done = std::move(pending.front());
    pending.erase(pending.begin());
    done(AmadeusToken{std::move(token), seconds(expires_in)});
  }
};

struct FakeClock {
  std::shared_ptr<std::atomic<int64_t>> s = std::make_shared<std::atomic<int64_t>>(1000);
  SteadyClockSource source() const {
    return [s = s] { return std::chrono::steady_clock::time_point(seconds(s->load())); };
  }
};

// The token (or failure text) the cache hands to a search.
struct Outcome {
  std::optional<std::string> value;
  AmadeusTokenCache::TokenCallback callback() {
    return [this](SupplierResult<std::string> r) { value = r ? *r : "error: " + r.error().error; };
  }
};

TEST(AmadeusTokenCacheTest, ConcurrentSearchesShareOneFetch) {
  FakeEndpoint endpoint;
  auto cache = AmadeusTokenCache::Create(endpoint.fetcher());
  Outcome a, b;
  cache->Get(a.callback());
  cache->Get(b.callback());
  EXPECT_EQ(endpoint.pending.size(), 1u);
  EXPECT_FALSE(a.value);
  endpoint.Answer("tok1", 1799);
  EXPECT_EQ(a.value, "tok1");
  EXPECT_EQ(b.value, "tok1");
  Outcome c;
  cache->Get(c.callback());  // cached: answered at once
  EXPECT_EQ(c.value, "tok1");
  EXPECT_EQ(cache->fetches(), 1);
}

TEST(AmadeusTokenCacheTest, RefetchesBeforeExpiryWithAMargin) {
  FakeEndpoint endpoint;
  FakeClock clock;
  auto cache = AmadeusTokenCache::Create(endpoint.fetcher(), clock.source());
  Outcome a;
  cache->Get(a.callback());
  endpoint.Answer("tok1", 1799);
  *clock.s += 1799 - 60 - 1;  // still inside the margin
  Outcome b;
  cache->Get(b.callback());
  EXPECT_EQ(b.value, "tok1");
  *clock.s += 1;
  Outcome c;
  cache->Get(c.callback());
  ASSERT_EQ(endpoint.pending.size(), 1u);
  endpoint.Answer("tok2", 100);  // a short life: 10% margin
  EXPECT_EQ(c.value, "tok2");
  *clock.s += 89;
  Outcome d;
  cache->Get(d.callback());
  EXPECT_EQ(d.value, "tok2");
  *clock.s += 1;
  Outcome e;
  cache->Get(e.callback());
  EXPECT_FALSE(e.value);
  EXPECT_EQ(cache->fetches(), 3);
}

TEST(AmadeusTokenCacheTest, InvalidateForgetsOnlyTheRejectedToken) {
  FakeEndpoint endpoint;
  auto cache = AmadeusTokenCache::Create(endpoint.fetcher());
  Outcome a;
  cache->Get(a.callback());
  endpoint.Answer("tok1", 1799);
  cache->Invalidate("an older token");
  Outcome b;
  cache->Get(b.callback());
  EXPECT_EQ(b.value, "tok1");
  cache->Invalidate("tok1");
  Outcome c;
  cache->Get(c.callback());
  EXPECT_FALSE(c.value);
  endpoint.Answer("tok2", 1799);
  EXPECT_EQ(c.value, "tok2");
}

TEST(AmadeusTokenCacheTest, FailuresReachEveryWaiterAndAreNotCached) {
  FakeEndpoint endpoint;
  auto cache = AmadeusTokenCache::Create(endpoint.fetcher());
  Outcome a, b;
  cache->Get(a.callback());
  cache->Get(b.callback());
  auto done = std::move(endpoint.pending.front());
  endpoint.pending.clear();
  done(tl::unexpected(HttpFailure(401, "token")));
  EXPECT_EQ(a.value, "error: token: HTTP 401");
  EXPECT_EQ(b.value, "error: token: HTTP 401");
  Outcome c;
  cache->Get(c.callback());
  EXPECT_EQ(endpoint.pending.size(), 1u);
}

TEST(AmadeusTokenCacheTest, AFetchThatCompletesAtOnceIsFine) {
  auto cache = AmadeusTokenCache::Create([](AmadeusTokenCache::FetchDone done) {
    done(AmadeusToken{"now", seconds(1799)});
  });
  Outcome a;
  cache->Get(a.callback());
  EXPECT_EQ(a.value, "now");
}

TEST(AmadeusTokenTest, RequestBodyIsFormEncoded) {
  EXPECT_EQ(AmadeusTokenRequestBody("id&1", "s=cr t"),
            "grant_type=client_credentials&client_id=id%261&client_secret=s%3Dcr%20t");
}

TEST(AmadeusTokenTest, ReadsTheTokenAnswer) {
  auto token = ReadAmadeusTokenResponse(
      200, R"({"type":"amadeusOAuth2Token","access_token":"abc","expires_in":1799})");
  ASSERT_TRUE(token);
  EXPECT_EQ(token->access_token, "abc");
  EXPECT_EQ(token->expires_in, seconds(1799));
  auto refused = ReadAmadeusTokenResponse(401, R"({"error":"invalid_client"})");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().status, SupplierStatus::kAuthError);
  EXPECT_EQ(refused.error().error, "token: HTTP 401 invalid_client");
  EXPECT_EQ(ReadAmadeusTokenResponse(503, "").error().status, SupplierStatus::kHttpError);
  EXPECT_EQ(ReadAmadeusTokenResponse(200, "{").error().status, SupplierStatus::kMalformed);
  EXPECT_EQ(ReadAmadeusTokenResponse(200, "{}").error().status, SupplierStatus::kMalformed);
}

}  // namespace
}  // namespace fareflow::amadeus
