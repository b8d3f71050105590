#include "server/search_handler.h"

#include <cstdio>
#include <exception>
#include <memory>
#include <utility>
#include <vector>

#include "api/search_request_json.h"
#include "api/search_response.h"
#include "engine/request_context.h"
#include "engine/run_pipeline.h"
#include "enrich/enricher.h"
#include "refdata/fx_rates.h"
#include "server/api_error.h"

namespace fareflow::server {
namespace {

// Names the supplier answers a cursor pages over; the same as `fareflow search` without
// payloads, so a cursor from either works with the other.
constexpr std::string_view kSearchId = "builtin\n";

int64_t MicrosSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                               start)
      .count();
}

}  // namespace

std::string ServerTiming(const StageTimings& timings) {
  std::string out;
  for (std::size_t i = 0; i < static_cast<std::size_t>(Stage::kCount); ++i) {
    const Stage stage = static_cast<Stage>(i);
    char dur[32];
    std::snprintf(dur, sizeof dur, ";dur=%.2f", static_cast<double>(timings[stage]) / 1000.0);
    if (!out.empty()) out += ", ";
    out += StageName(stage);
    out += dur;
  }
  return out;
}

net::WireResponse AnswerSearch(std::string_view body, const SearchServiceOptions& options) {
  const auto decode_start = std::chrono::steady_clock::now();
  const ValidationOptions validation{.check_dates = true,
                                     .today = options.today != 0 ? options.today : TodayUtc()};
  Result<SearchRequest> request = DecodeSearchRequest(body, validation);
  if (!request) return RequestError(request.error());

  RequestContext context(std::move(*request));
  context.timings()[Stage::kDecode] = MicrosSince(decode_start);
  Enricher enricher(context.request(), refdata::FxRates::Builtin());
  std::vector<SupplierOutcome> outcomes;
  {
    ScopedStageTimer t(context.timings(), Stage::kSuppliers);
    outcomes.push_back(RunBuiltinSupplier(enricher, context, 0, options.builtin_offers));
  }
  for (const SupplierOutcome& o : outcomes) context.timings()[Stage::kParseEnrich] += o.micros;

  Result<SearchResult> result = RunPipeline(context, std::move(outcomes), kSearchId);
  if (!result) return RequestError(result.error());

  net::WireResponse response;
  {
    ScopedStageTimer t(context.timings(), Stage::kSerialize);
    WriteSearchResponse(*result, context.request(), context.timings(), {}, response.body);
  }
  response.headers.emplace_back("Server-Timing", ServerTiming(context.timings()));
  return response;
}

net::Handler MakeSearchHandler(WorkerPool& pool, SearchServiceOptions options) {
  return [&pool, options](std::shared_ptr<net::Exchange> exchange) {
    // The copy keeps the worker independent of the connection's buffers.
    std::string body(exchange->request().body);
    pool.Submit([exchange = std::move(exchange), body = std::move(body),
                 options](simdjson::ondemand::parser&) {
      net::WireResponse response;
      try {
        response = AnswerSearch(body, options);
      } catch (const std::exception& e) {
        // Nothing a client sends should get here; answer rather than drop the connection.
        response = ApiError(500, "internal", e.what());
      }
      exchange->Respond(std::move(response));
    });
  };
}

}  // namespace fareflow::server
