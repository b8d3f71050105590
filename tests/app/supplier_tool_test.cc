// `fareflow-supplier` as a user starts it: the real binary on a free loopback port, real HTTP,
// answers read back by fareflow's own parsers.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <simdjson.h>

#include "core/arena.h"
#include "enrich/enricher.h"
#include "refdata/fx_rates.h"
#include "suppliers/amadeus/offers_parser.h"
#include "suppliers/duffel/offers_parser.h"
#include "support/child_process.h"
#include "support/dates.h"
#include "support/http_test_client.h"

namespace fareflow {
namespace {

using testing_support::ChildProcess;
using testing_support::DaysFromNow;
using testing_support::Fetch;
using testing_support::TestResponse;

// Starts `fareflow-supplier` with `args` and reads the port it announces.
struct SupplierTool {
  explicit SupplierTool(std::vector<std::string> args) {
    std::vector<std::string> argv = {FAREFLOW_SUPPLIER_BINARY, "--port", "0"};
    argv.insert(argv.end(), args.begin(), args.end());
    process = std::make_unique<ChildProcess>(argv);
    const std::string line = process->ReadLine();
    const std::size_t colon = line.rfind(':');
    if (line.find("listening on http://127.0.0.1:") != std::string::npos &&
        colon != std::string::npos) {
      port = static_cast<uint16_t>(std::stoi(line.substr(colon + 1)));
    }
  }
  std::unique_ptr<ChildProcess> process;
  uint16_t port = 0;
};

std::string AmadeusToken(uint16_t port) {
  TestResponse r = Fetch(port, "POST", "/v1/security/oauth2/token",
                         "grant_type=client_credentials&client_id=fareflow-client&client_secret="
                         "fareflow-secret",
                         {{"Content-Type", "application/x-www-form-urlencoded"}});
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (!r.ok() || r.status != 200 || parser.parse(r.body).get(doc)) return "";
  std::string_view token;
  if (doc["access_token"].get_string().get(token)) return "";
  return std::string(token);
}

// Offers parsed from a supplier answer, with everything they point into.
struct Parsed {
  simdjson::padded_string payload;
  Arena arena;
  OfferBatch batch{arena.resource()};
  Result<void> result;
};

SearchRequest Route(const char* from, const char* to, const std::string& depart,
                    const std::string& back) {
  SearchRequest r;
  r.slices.push_back({LocationCode::Parse(from), LocationCode::Parse(to), *ParseDate(depart)});
  if (!back.empty()) {
    r.slices.push_back({LocationCode::Parse(to), LocationCode::Parse(from), *ParseDate(back)});
  }
  return r;
}

void ParseAs(bool amadeus, const std::string& body, const SearchRequest& request, Parsed& p) {
  Enricher enricher(request, refdata::FxRates::Builtin());
  simdjson::ondemand::parser parser;
  p.payload = simdjson::padded_string(body);
  p.result = amadeus ? amadeus::ParseFlightOffers(p.payload, parser, enricher, p.arena, 0, p.batch)
                     : duffel::ParseOffers(p.payload, parser, enricher, p.arena, 0, p.batch);
}

TEST(SupplierCommandTest, AmadeusAnswersParseForManySearches) {
  SupplierTool amadeus({"--kind", "amadeus"});
  ASSERT_NE(amadeus.port, 0);
  const std::string token = AmadeusToken(amadeus.port);
  ASSERT_FALSE(token.empty());
  struct Case {
    const char* from;
    const char* to;
    bool round_trip;
    std::string passengers;
    const char* cabin;
    int max;
  };
  const Case cases[] = {{"LHR", "JFK", true, "adults=2", "ECONOMY", 50},
                        {"CDG", "SIN", false, "adults=1&children=1&infants=1", "BUSINESS", 30},
                        {"SYD", "LAX", true, "adults=3", "PREMIUM_ECONOMY", 20},
                        {"FRA", "MAD", false, "adults=1", "FIRST", 10}};
  for (const Case& c : cases) {
    const std::string depart = DaysFromNow(40), back = c.round_trip ? DaysFromNow(47) : "";
    std::string target = std::string("/v2/shopping/flight-offers?originLocationCode=") + c.from +
                         "&destinationLocationCode=" + c.to + "&departureDate=" + depart +
                         (back.empty() ? "" : "&returnDate=" + back) + "&" + c.passengers +
                         "&travelClass=" + c.cabin + "&max=" + std::to_string(c.max);
    TestResponse r = Fetch(amadeus.port, "GET", target, "",
                           {{"Authorization", "Bearer " + token}, {"Accept-Encoding", "gzip"}});
    ASSERT_TRUE(r.ok()) << r.error;
    ASSERT_EQ(r.status, 200) << r.body.substr(0, 400);
    EXPECT_EQ(r.Header("Content-Encoding"), "gzip");
    Parsed p;
    ParseAs(true, r.body, Route(c.from, c.to, depart, back), p);
    ASSERT_TRUE(p.result.has_value()) << p.result.error().message;
    EXPECT_GT(p.batch.offers.size(), 0u) << c.from << c.to;
    EXPECT_LE(p.batch.offers.size(), static_cast<std::size_t>(c.max));
    EXPECT_EQ(p.batch.dropped_total(), 0) << p.batch.first_drop_detail;
  }
  // Without a token: Amadeus's 401 envelope, which the parser reports as an error.
  TestResponse denied = Fetch(amadeus.port, "GET",
                              "/v2/shopping/flight-offers?originLocationCode=LHR&"
                              "destinationLocationCode=JFK&departureDate=" +
                                  DaysFromNow(40) + "&adults=1");
  EXPECT_EQ(denied.status, 401);
  Parsed p;
  ParseAs(true, denied.body, {}, p);
  EXPECT_FALSE(p.result.has_value());
}

TEST(SupplierCommandTest, DuffelAnswersParseAndPagesCoverEveryOffer) {
  SupplierTool duffel({"--kind", "duffel", "--offers-cap", "120"});
  ASSERT_NE(duffel.port, 0);
  const testing_support::Headers headers = {{"Authorization", "Bearer duffel_test_fareflow"},
                                            {"Duffel-Version", "v2"},
                                            {"Content-Type", "application/json"}};
  const std::string depart = DaysFromNow(30), back = DaysFromNow(35);
  const std::string body =
      R"({"data":{"slices":[{"origin":"LHR","destination":"JFK","departure_date":")" + depart +
      R"("},{"origin":"JFK","destination":"LHR","departure_date":")" + back +
      R"("}],"passengers":[{"type":"adult"},{"age":9}],"cabin_class":"economy"}})";
  TestResponse created =
      Fetch(duffel.port, "POST", "/air/offer_requests?return_offers=true", body, headers);
  ASSERT_TRUE(created.ok()) << created.error;
  ASSERT_EQ(created.status, 201) << created.body.substr(0, 400);
  Parsed all;
  duffel::PageInfo info;
  {
    Enricher enricher(Route("LHR", "JFK", depart, back), refdata::FxRates::Builtin());
    simdjson::ondemand::parser parser;
    all.payload = simdjson::padded_string(created.body);
    all.result = duffel::ParseOffers(all.payload, parser, enricher, all.arena, 0, all.batch, &info);
  }
  ASSERT_TRUE(all.result.has_value()) << all.result.error().message;
  EXPECT_EQ(all.batch.offers.size(), 120u);
  EXPECT_EQ(all.batch.dropped_total(), 0) << all.batch.first_drop_detail;
  ASSERT_FALSE(info.offer_request_id.empty());

  // The same offers, page by page.
  std::size_t paged = 0;
  std::string after;
  for (int page = 0; page < 20; ++page) {
    TestResponse r = Fetch(duffel.port, "GET",
                           "/air/offers?offer_request_id=" + info.offer_request_id + "&limit=50" +
                               (after.empty() ? "" : "&after=" + after),
                           "", headers);
    ASSERT_EQ(r.status, 200) << r.body.substr(0, 400);
    Parsed p;
    duffel::PageInfo page_info;
    Enricher enricher(Route("LHR", "JFK", depart, back), refdata::FxRates::Builtin());
    simdjson::ondemand::parser parser;
    p.payload = simdjson::padded_string(r.body);
    p.result = duffel::ParseOffers(p.payload, parser, enricher, p.arena, 0, p.batch, &page_info);
    ASSERT_TRUE(p.result.has_value()) << p.result.error().message;
    paged += p.batch.offers.size();
    after = page_info.after;
    if (after.empty()) break;
  }
  EXPECT_EQ(paged, 120u);
}

// Starts an emulator with one fault on every search and returns its answer to one search.
TestResponse SearchWithFault(const std::string& flag, const std::string& value,
                             std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  SupplierTool e({"--kind", "duffel", "--offers-cap", "40", flag, value});
  if (e.port == 0) return TestResponse{.error = "emulator did not start"};
  const std::string body =
      R"({"data":{"slices":[{"origin":"CDG","destination":"FCO","departure_date":")" +
      DaysFromNow(20) + R"("}],"passengers":[{"type":"adult"}]}})";
  return Fetch(e.port, "POST", "/air/offer_requests?return_offers=true", body,
               {{"Authorization", "Bearer duffel_test_fareflow"}, {"Duffel-Version", "v2"}},
               timeout);
}

TEST(SupplierCommandTest, InjectedFaultsLookLikeRealFailures) {
  TestResponse failed = SearchWithFault("--fail-rate", "1");
  ASSERT_TRUE(failed.ok()) << failed.error;
  EXPECT_EQ(failed.status, 500);
  EXPECT_NE(failed.body.find("\"type\":\"api_error\""), std::string::npos) << failed.body;

  TestResponse limited = SearchWithFault("--rate-limit-rate", "1");
  EXPECT_EQ(limited.status, 429);
  EXPECT_TRUE(limited.HasHeader("ratelimit-reset")) << limited.body;

  TestResponse reset = SearchWithFault("--reset-rate", "1");
  EXPECT_FALSE(reset.ok());
  EXPECT_FALSE(reset.timed_out);

  TestResponse truncated = SearchWithFault("--truncate-rate", "1");
  EXPECT_FALSE(truncated.ok());

  TestResponse hang = SearchWithFault("--hang-rate", "1", std::chrono::milliseconds(500));
  EXPECT_TRUE(hang.timed_out) << hang.error;

  TestResponse malformed = SearchWithFault("--malformed-rate", "1");
  ASSERT_TRUE(malformed.ok()) << malformed.error;
  EXPECT_EQ(malformed.status, 201);
  Parsed p;
  ParseAs(false, malformed.body, {}, p);
  EXPECT_FALSE(p.result.has_value());
  EXPECT_TRUE(p.batch.offers.empty());

  const auto start = std::chrono::steady_clock::now();
  TestResponse slow = SearchWithFault("--latency-ms", "300");
  EXPECT_EQ(slow.status, 201);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(300));
}

// What arrived on the wire for one request: the head as text and the body bytes as received (not
// decoded), read until the server closed the connection.
struct WireAnswer {
  std::string head;
  std::string body;
  std::size_t content_length = 0;
};

WireAnswer RawExchange(uint16_t port, const std::string& request) {
  WireAnswer answer;
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  timeval timeout{.tv_sec = 10, .tv_usec = 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  std::string received;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size())) {
    char buf[16384];
    for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) {
      received.append(buf, static_cast<std::size_t>(n));
    }
  }
  ::close(fd);
  const std::size_t end = received.find("\r\n\r\n");
  if (end == std::string::npos) return answer;
  answer.head = received.substr(0, end);
  answer.body = received.substr(end + 4);
  const std::size_t length = answer.head.find("Content-Length: ");
  if (length != std::string::npos)
    answer.content_length = std::stoul(answer.head.substr(length + 16));
  return answer;
}

// --truncate-rate once cut by the uncompressed length, so a gzipped answer (what fareflow asks
// for) went out whole. Now half of the bytes on the wire are sent, for both kinds.
TEST(SupplierCommandTest, ATruncatedGzippedAnswerIsCutInTheBytesSent) {
  SupplierTool amadeus({"--kind", "amadeus", "--truncate-rate", "1"});
  SupplierTool duffel({"--kind", "duffel", "--truncate-rate", "1"});
  ASSERT_NE(amadeus.port, 0);
  ASSERT_NE(duffel.port, 0);
  const std::string token = AmadeusToken(amadeus.port);  // tokens are never faulted
  ASSERT_FALSE(token.empty());
  const std::string duffel_body =
      R"({"data":{"slices":[{"origin":"CDG","destination":"FCO","departure_date":")" +
      DaysFromNow(20) + R"("}],"passengers":[{"type":"adult"}]}})";
  const std::pair<uint16_t, std::string> requests[] = {
      {amadeus.port,
       "GET /v2/shopping/flight-offers?originLocationCode=LHR&destinationLocationCode=JFK&"
       "departureDate=" +
           DaysFromNow(40) +
           "&adults=1&max=50 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token +
           "\r\nAccept-Encoding: gzip\r\n\r\n"},
      {duffel.port,
       "POST /air/offer_requests?return_offers=true HTTP/1.1\r\nHost: 127.0.0.1\r\n"
       "Authorization: Bearer duffel_test_fareflow\r\nDuffel-Version: v2\r\n"
       "Content-Type: application/json\r\nAccept-Encoding: gzip\r\nContent-Length: " +
           std::to_string(duffel_body.size()) + "\r\n\r\n" + duffel_body}};
  for (const auto& [port, request] : requests) {
    const WireAnswer a = RawExchange(port, request);
    SCOPED_TRACE(a.head);
    EXPECT_NE(a.head.find("Content-Encoding: gzip"), std::string::npos);
    ASSERT_GT(a.content_length, 100u);
    EXPECT_EQ(a.body.size(), a.content_length / 2);
  }
}

TEST(SupplierCommandTest, BadFlagsAreRefused) {
  ChildProcess bad({FAREFLOW_SUPPLIER_BINARY, "--kind", "amadeus", "--fail-rate", "1.5"});
  EXPECT_EQ(bad.ReadLine(), "");  // nothing announced
  EXPECT_EQ(bad.Stop(), 2);
}

}  // namespace
}  // namespace fareflow
