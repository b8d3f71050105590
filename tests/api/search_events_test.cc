// The events of a streamed search answer: each event's data is one line of JSON, parsed here.

#include "api/search_events.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "api/offer_json.h"
#include "api/search_request_json.h"
#include "api/search_response.h"
#include "engine/search_service.h"
#include "refdata/fx_rates.h"
#include "support/staged_source.h"

namespace fareflow {
namespace {

struct Event {
  std::string name;
  std::string data;
};

// Splits a stream into its events; each must be exactly "event: <name>\ndata: <data>\n\n".
std::vector<Event> Events(std::string_view stream) {
  std::vector<Event> events;
  while (!stream.empty()) {
    const std::size_t end = stream.find("\n\n");
    EXPECT_NE(end, std::string_view::npos) << "an event ends with a blank line";
    if (end == std::string_view::npos) break;
    std::string_view event = stream.substr(0, end);
    stream.remove_prefix(end + 2);
    const std::size_t line = event.find('\n');
    EXPECT_EQ(event.substr(0, 7), "event: ");
    EXPECT_EQ(event.substr(line + 1, 6), "data: ");
    Event e{std::string(event.substr(7, line - 7)), std::string(event.substr(line + 7))};
    EXPECT_EQ(e.data.find('\n'), std::string::npos) << "one line of JSON a data: line";
    EXPECT_EQ(e.data.find('\r'), std::string::npos);
    events.push_back(std::move(e));
  }
  return events;
}

SearchRequest LondonNewYork() {
  Result<SearchRequest> request = DecodeSearchRequest(
      R"({"slices":[{"origin":"LON","destination":"NYC","departure_date":"2027-03-01"}],
          "passengers":{"adults":1},"limit":5})",
      {.check_dates = false});
  EXPECT_TRUE(request) << request.error().message;
  return *request;
}

// Writes each event as the search reports it, as the HTTP side does.
class StreamWriter final : public SearchProgress {
 public:
  void SupplierDone(const SupplierOutcome& outcome, std::size_t done, std::size_t total) override {
    WriteSupplierEvent(outcome, done, total, /*include_timings=*/true, stream);
  }
  void PartialResults(const SearchResult& result, const SearchRequest& request, std::size_t done,
                      std::size_t total) override {
    WriteResultsEvent(result, request, done, total, 0, stream);
  }
  std::string stream;
};

TEST(SearchEventsTest, AStreamedSearchIsSupplierAndResultsEventsThenDone) {
  // "b" answers first, then "a"; "c" times out.
  StagedSource source({"a", "b", "c"}, {60, 40, 30}, {1, 0});
  SearchService service(source, refdata::FxRates::Builtin(), {});
  StreamWriter writer;
  auto search = service.Run(LondonNewYork(), {.progress = &writer});
  ASSERT_TRUE(search) << search.error().message;
  std::string answer;
  WriteSearchResponse((*search)->result, (*search)->request(), (*search)->context->timings(),
                      {.search_id = (*search)->id, .expires_at = "2027-03-01T00:00:00Z"}, answer);
  WriteDoneEvent(answer, writer.stream);

  const std::vector<Event> events = Events(writer.stream);
  ASSERT_EQ(events.size(), 7u);
  const char* names[] = {"supplier", "results", "supplier", "results",
                         "supplier", "results", "done"};
  simdjson::dom::parser parser;
  for (std::size_t n = 0; n < events.size(); ++n) {
    EXPECT_EQ(events[n].name, names[n]);
    simdjson::dom::element doc;
    ASSERT_FALSE(parser.parse(events[n].data).get(doc)) << events[n].data.substr(0, 200);
  }

  // The first supplier: its entry of suppliers[] and the progress.
  simdjson::dom::element first = parser.parse(events[0].data);
  EXPECT_EQ(std::string_view(first["name"]), "b");
  EXPECT_EQ(std::string_view(first["status"]), "ok");
  EXPECT_EQ(int64_t(first["offers_kept"]), 40);
  EXPECT_EQ(int64_t(first["progress"]["done"]), 1);
  EXPECT_EQ(int64_t(first["progress"]["of"]), 3);

  // The answer so far: progress first, nothing stored, only b's offers.
  EXPECT_EQ(events[1].data.rfind(R"({"progress":{"done":1,"of":3},"search":)", 0), 0u)
      << events[1].data.substr(0, 80);
  simdjson::dom::element results = parser.parse(events[1].data);
  EXPECT_TRUE(results["search_id"].error());
  EXPECT_TRUE(results["expires_at"].error());
  EXPECT_TRUE(bool(results["partial"])) << "suppliers are still in flight";
  EXPECT_EQ(int64_t(results["counts"]["received"]), 40);
  simdjson::dom::array suppliers = results["suppliers"];
  ASSERT_EQ(suppliers.size(), 1u);
  EXPECT_EQ(std::string_view(suppliers.at(0)["name"]), "b");
  simdjson::dom::array offers = results["offers"];
  ASSERT_EQ(offers.size(), 5u);
  for (simdjson::dom::element offer : offers) {
    for (simdjson::dom::element option : simdjson::dom::array(offer["pricing_options"])) {
      EXPECT_EQ(std::string_view(option["supplier"]), "b");
    }
  }
  EXPECT_EQ(std::string_view(results["highlights"]["cheapest"]["id"]).size(), kOfferIdLength);

  simdjson::dom::element second = parser.parse(events[3].data);
  EXPECT_EQ(int64_t(second["progress"]["done"]), 2);
  EXPECT_EQ(simdjson::dom::array(second["suppliers"]).size(), 2u);
  EXPECT_EQ(int64_t(second["counts"]["received"]), 100);

  simdjson::dom::element late = parser.parse(events[4].data);
  EXPECT_EQ(std::string_view(late["name"]), "c");
  EXPECT_EQ(std::string_view(late["status"]), "timeout");
  EXPECT_EQ(int64_t(late["progress"]["done"]), 3);

  EXPECT_EQ(events[6].data, answer) << "done carries the whole answer as it is";
}

TEST(SearchEventsTest, ASupplierEventIsItsEntryOfTheAnswerWithProgress) {
  SupplierOutcome outcome;
  outcome.name = "duffel-1";
  outcome.kind = SupplierKind::kDuffel;
  outcome.status = SupplierStatus::kMalformed;
  outcome.error = "bad\npayload\r\n\"quoted\"\x01";  // line breaks in the text stay escaped
  outcome.bytes = 1234;
  SearchResult result;
  result.suppliers.push_back(outcome);
  std::string answer;
  WriteSearchResponse(result, LondonNewYork(), StageTimings{}, {.include_timings = false}, answer);
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(answer);
  const std::string entry = simdjson::to_string(doc["suppliers"].at(0));

  std::string out;
  WriteSupplierEvent(outcome, 2, 4, /*include_timings=*/false, out);
  const std::vector<Event> events = Events(out);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].name, "supplier");
  EXPECT_EQ(events[0].data,
            entry.substr(0, entry.size() - 1) + R"(,"progress":{"done":2,"of":4}})");
  simdjson::dom::element event = parser.parse(events[0].data);
  EXPECT_EQ(std::string_view(event["error"]), outcome.error);
}

TEST(SearchEventsTest, DataWithALineBreakGetsADataLineForEachLine) {
  std::string out;
  WriteSseEvent("done", "{\"a\":\n1,\r\n\"b\":2}", out);
  EXPECT_EQ(out, "event: done\ndata: {\"a\":\ndata: 1,\ndata: \"b\":2}\n\n");
  out.clear();
  WriteSseEvent("done", "{}", out);
  EXPECT_EQ(out, "event: done\ndata: {}\n\n");
}

}  // namespace
}  // namespace fareflow
