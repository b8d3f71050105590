// POST /v1/searches answered as Server-Sent Events (docs/api.md, "Streaming answers") over real
// loopback HTTP, read raw as `curl -N -H 'Accept: text/event-stream'` reads it.

#include "server/routes/search_stream.h"

#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "engine/search_service.h"
#include "engine/worker_pool.h"
#include "net/http_server.h"
#include "refdata/fx_rates.h"
#include "server/api/api_router.h"
#include "server/observability/metrics.h"
#include "support/api_test_server.h"
#include "support/canonical_json.h"
#include "support/compact_answer.h"
#include "support/gated_source.h"
#include "support/http_test_client.h"
#include "support/stream_test_client.h"

namespace fareflow::server {
namespace {

using testing_support::CanonicalJson;
using testing_support::Fetch;
using testing_support::SseEvent;
using testing_support::StreamTestClient;
using testing_support::TestResponse;

constexpr char kAcceptEvents[] = "Accept: text/event-stream\r\n";

// What differs between two runs of the same search.
std::string Content(std::string_view answer) {
  return CanonicalJson(answer,
                       {"search_id", "expires_at", "timings_ms", "ms", "age_s", "next_cursor"});
}

// Every event of a streamed answer, until its end.
std::vector<SseEvent> ReadEvents(StreamTestClient& client) {
  std::vector<SseEvent> events;
  while (std::optional<SseEvent> event = client.NextEvent()) events.push_back(*std::move(event));
  EXPECT_EQ(client.last_read(), StreamTestClient::Read::kEnd);
  return events;
}

std::vector<std::string> Names(const std::vector<SseEvent>& events) {
  std::vector<std::string> names;
  for (const SseEvent& event : events) names.push_back(event.name);
  return names;
}

TEST(SearchStreamTest, WantsEventStreamOnlyWhenTheAcceptHeaderNamesIt) {
  auto wants = [](std::string_view accept) {
    net::WireRequest request;
    request.headers.emplace_back("accept", accept);
    return WantsEventStream(request);
  };
  EXPECT_TRUE(wants("text/event-stream"));
  EXPECT_TRUE(wants("application/json;q=0.9, TEXT/EVENT-STREAM"));
  EXPECT_FALSE(wants("*/*"));
  EXPECT_FALSE(wants("text/event-stream;q=0"));
  EXPECT_FALSE(WantsEventStream(net::WireRequest{}));
}

TEST(SearchStreamTest, EventsComeInOrderAndDoneIsTheJsonAnswerWhoseIdPages) {
  ApiTestServer server;
  StreamTestClient client(server.port());
  ASSERT_TRUE(client.Post("/v1/searches", RoundTripRequest(),
                          std::string(kAcceptEvents) + "Accept-Encoding: gzip\r\n"));
  ASSERT_TRUE(client.ReadHead());
  EXPECT_EQ(client.status(), 200);
  EXPECT_EQ(client.Header("Content-Type"), "text/event-stream");
  EXPECT_EQ(client.Header("Cache-Control"), "no-store");
  EXPECT_EQ(client.Header("X-Accel-Buffering"), "no");
  EXPECT_EQ(client.Header("Transfer-Encoding"), "chunked");
  EXPECT_FALSE(client.Header("Content-Encoding"));
  EXPECT_FALSE(client.Header("Server-Timing"));
  EXPECT_TRUE(client.Header("X-Content-Type-Options"));  // the API's security headers too

  const std::vector<SseEvent> events = ReadEvents(client);
  ASSERT_FALSE(events.empty());
  const SseEvent& done = events.back();
  // One supplier (the built-in one): its status, the results so far, the answer.
  EXPECT_EQ(Names(events), (std::vector<std::string>{"supplier", "results", "done"}));
  EXPECT_EQ(testing_support::JsonStringField(events.front().data, "name"), "builtin");
  EXPECT_EQ(testing_support::JsonStringField(done.data, "search_id").rfind("srch_", 0), 0u);

  // The same search without the header: the JSON answer, equal in content.
  TestResponse json = Fetch(server.port(), "POST", "/v1/searches", RoundTripRequest());
  ASSERT_EQ(json.status, 200) << json.body;
  EXPECT_EQ(json.Header("Content-Type"), "application/json");
  EXPECT_EQ(Content(done.data), Content(json.body));
  EXPECT_NE(Content(json.body), "<invalid>");

  // The done event's search pages at once.
  const std::string id = testing_support::JsonStringField(done.data, "search_id");
  TestResponse page = Fetch(server.port(), "GET", "/v1/searches/" + id + "/offers?limit=5");
  EXPECT_EQ(page.status, 200) << page.body;
}

// A stream's results and done events are in the form the request asks for: by its body, or by a
// JSON range with the compact profile next to text/event-stream.
TEST(SearchStreamTest, EventsAreInTheFormTheRequestAsksFor) {
  ApiTestServer server;
  for (const auto& [extra, accept] :
       {std::pair<std::string, std::string>{R"(,"answer_form":"compact")", kAcceptEvents},
        std::pair<std::string, std::string>{
            "", R"(Accept: text/event-stream, application/json;profile="compact";q=0.5)"
                "\r\n"}}) {
    StreamTestClient client(server.port());
    ASSERT_TRUE(client.Post("/v1/searches", RoundTripRequest(extra), accept));
    ASSERT_TRUE(client.ReadHead());
    EXPECT_EQ(client.Header("Content-Type"), "text/event-stream");
    const std::vector<SseEvent> events = ReadEvents(client);
    ASSERT_EQ(Names(events), (std::vector<std::string>{"supplier", "results", "done"})) << extra;
    TestResponse json = Fetch(server.port(), "POST", "/v1/searches",
                              RoundTripRequest(R"(,"answer_form":"compact")"));
    ASSERT_EQ(json.status, 200) << json.body;
    EXPECT_EQ(Content(events[2].data), Content(json.body));
    EXPECT_NE(events[1].data.find("\"dictionaries\":{"), std::string::npos);
    TestResponse full = Fetch(server.port(), "POST", "/v1/searches", RoundTripRequest());
    EXPECT_EQ(testing_support::RebuildFullOffers(events[1].data),
              testing_support::OffersAsWritten(full.body));
  }
  // The header alone names no JSON form: the events are full.
  StreamTestClient client(server.port());
  ASSERT_TRUE(client.Post("/v1/searches", RoundTripRequest(), kAcceptEvents));
  ASSERT_TRUE(client.ReadHead());
  const std::vector<SseEvent> events = ReadEvents(client);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().data.find("\"dictionaries\""), std::string::npos);
}

TEST(SearchStreamTest, WithoutTheHeaderOrWithAWildcardTheAnswerIsJson) {
  ApiTestServer server;
  for (const char* accept : {"*/*", "application/json", "text/event-stream;q=0", "text/*"}) {
    TestResponse r =
        Fetch(server.port(), "POST", "/v1/searches", RoundTripRequest(), {{"Accept", accept}});
    EXPECT_EQ(r.status, 200) << accept;
    EXPECT_EQ(r.Header("Content-Type"), "application/json") << accept;
    EXPECT_TRUE(r.HasHeader("Server-Timing")) << accept;
  }
}

TEST(SearchStreamTest, RequestsThatCannotRunGetTheirJsonError) {
  ApiTestServer server;
  const testing_support::Headers events = {{"Accept", "text/event-stream"}};
  TestResponse bad = Fetch(server.port(), "POST", "/v1/searches", "{\"slices\":[]}", events);
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.Header("Content-Type"), "application/json");
  TestResponse cursor =
      Fetch(server.port(), "POST", "/v1/searches", RoundTripRequest(",\"cursor\":\"abc\""), events);
  EXPECT_EQ(cursor.status, 400) << cursor.body;
  EXPECT_EQ(cursor.Header("Content-Type"), "application/json");
}

TEST(SearchStreamTest, AnOverloadedServerRefusesAStreamedSearchWithItsJson503) {
  GatedSource source;
  SearchService search(source, refdata::FxRates::Builtin(), {});
  WorkerPool pool(1);
  const ApiServices services{.search = &search, .search_pool = &pool, .queue_limit = 0};
  Router router = MakeApiRouter(services);
  net::HttpServer server(
      {}, [&router](std::shared_ptr<net::Exchange> e) { router.Handle(std::move(e)); });
  ASSERT_TRUE(server.Start().has_value());
  StreamTestClient first(server.port());
  ASSERT_TRUE(first.Post("/v1/searches", RoundTripRequest(), kAcceptEvents));
  source.WaitEntered();  // the only search thread is busy, and its stream has begun
  ASSERT_TRUE(first.ReadHead());
  EXPECT_EQ(first.Header("Content-Type"), "text/event-stream");

  TestResponse refused = Fetch(server.port(), "POST", "/v1/searches", RoundTripRequest(),
                               {{"Accept", "text/event-stream"}});
  EXPECT_EQ(refused.status, 503) << refused.body;
  EXPECT_EQ(refused.Header("Content-Type"), "application/json");
  EXPECT_EQ(ParseError(refused.body).code, "overloaded") << refused.body;

  source.Release();
  EXPECT_EQ(Names(ReadEvents(first)).back(), "done");
  server.Stop();
}

// An exchange of a front end that cannot stream (API Gateway): StartStream gives nullptr.
class WholeAnswerExchange final : public net::Exchange {
 public:
  explicit WholeAnswerExchange(std::string body) : body_(std::move(body)) {
    request_.method = "POST";
    request_.path = "/v1/searches";
    request_.headers.emplace_back("Accept", "text/event-stream");
    request_.body = body_;
  }
  const net::WireRequest& request() const override { return request_; }
  void RespondThen(net::WireResponse response, net::AfterSent after_sent) override {
    answered_.set_value(std::move(response));
    after_sent.Run();
  }
  std::future<net::WireResponse> answer() { return answered_.get_future(); }

 private:
  const std::string body_;
  net::WireRequest request_;
  std::promise<net::WireResponse> answered_;
};

TEST(SearchStreamTest, AFrontEndThatCannotStreamGetsTheJsonAnswer) {
  ApiTestServer server;
  Router router = MakeApiRouter(server.services());
  auto exchange = std::make_shared<WholeAnswerExchange>(RoundTripRequest());
  std::future<net::WireResponse> answer = exchange->answer();
  router.Handle(exchange);
  ASSERT_EQ(answer.wait_for(std::chrono::seconds(20)), std::future_status::ready);
  const net::WireResponse response = answer.get();
  EXPECT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_EQ(testing_support::JsonStringField(response.body, "search_id").rfind("srch_", 0), 0u);
}

TEST(SearchStreamTest, OtherRoutesIgnoreTheHeader) {
  ApiTestServer server;
  TestResponse search = Fetch(server.port(), "POST", "/v1/searches", RoundTripRequest());
  ASSERT_EQ(search.status, 200);
  const std::string id = testing_support::JsonStringField(search.body, "search_id");
  TestResponse token = Fetch(server.port(), "POST", "/v1/security/oauth2/token",
                             "grant_type=client_credentials&client_id=app&client_secret=s3cret",
                             {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(token.status, 200) << token.body;
  const testing_support::Headers events = {
      {"Accept", "text/event-stream"},
      {"Authorization", "Bearer " + testing_support::JsonStringField(token.body, "access_token")}};
  for (const std::string& path :
       {"/v1/searches/" + id + "/offers", std::string("/v1/health"),
        "/v2/shopping/flight-offers?originLocationCode=LON&destinationLocationCode=NYC&"
        "departureDate=" +
            DaysFromNow(40) + "&adults=1&max=5"}) {
    TestResponse r = Fetch(server.port(), "GET", path, "", events);
    EXPECT_EQ(r.status, 200) << path << " " << r.body;
    EXPECT_NE(r.Header("Content-Type"), "text/event-stream") << path;
    EXPECT_FALSE(r.HasHeader("Transfer-Encoding")) << path;
  }
}

TEST(SearchStreamTest, AClientThatLeavesIsCountedAndItsSearchRunsOnAndIsStored) {
  GatedSource source;
  ApiTestServer server(ApiTestServerOptions{.source = &source});
  {
    StreamTestClient client(server.port());
    ASSERT_TRUE(client.Post("/v1/searches", RoundTripRequest(), kAcceptEvents));
    source.WaitEntered();
    ASSERT_TRUE(client.ReadHead());
  }  // gone before any event
  source.Release();
  Metrics& metrics = *server.services().metrics;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (metrics.streams() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(metrics.streams(), 1u);
  EXPECT_EQ(metrics.stream_clients_gone(), 1u);
  EXPECT_EQ(server.services().store->stats().searches, 1u);
  TestResponse scrape = Fetch(server.port(), "GET", "/metrics");
  EXPECT_NE(scrape.body.find("\nfareflow_stream_clients_gone_total 1\n"), std::string::npos);
  EXPECT_NE(scrape.body.find("\nfareflow_streams_total 1\n"), std::string::npos);

  // Served on: the next streamed search runs to its end.
  StreamTestClient next(server.port());
  ASSERT_TRUE(next.Post("/v1/searches", RoundTripRequest(), kAcceptEvents));
  ASSERT_TRUE(next.ReadHead());
  EXPECT_EQ(Names(ReadEvents(next)).back(), "done");
}

}  // namespace
}  // namespace fareflow::server
