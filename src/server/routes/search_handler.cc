#include "server/routes/search_handler.h"

#include <array>
#include <cstdio>
#include <ctime>
#include <exception>
#include <memory>
#include <utility>

#include "api/search_request_json.h"
#include "api/search_response.h"
#include "core/clock.h"
#include "server/post_response/post_response.h"
#include "server/routes/api_error.h"

namespace fareflow::server {
namespace {

int64_t MicrosSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                               start)
      .count();
}

}  // namespace

std::string ServerTiming(const StageTimings& timings, std::span<const Stage> stages) {
  std::string out;
  for (const Stage stage : stages) {
    char dur[32];
    std::snprintf(dur, sizeof dur, ";dur=%.2f", static_cast<double>(timings[stage]) / 1000.0);
    if (!out.empty()) out += ", ";
    out += StageName(stage);
    out += dur;
  }
  return out;
}

std::string ServerTiming(const StageTimings& timings) {
  std::array<Stage, static_cast<std::size_t>(Stage::kCount)> all;
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<Stage>(i);
  return ServerTiming(timings, all);
}

SearchAnswer AnswerSearch(std::string_view body, const ApiServices& services,
                          std::chrono::steady_clock::time_point deadline_cap,
                          std::string_view owner) {
  const auto decode_start = std::chrono::steady_clock::now();
  const ValidationOptions validation{.check_dates = true,
                                     .today = services.today != 0 ? services.today : TodayUtc()};
  Result<SearchRequest> request = DecodeSearchRequest(body, validation);
  if (!request) return {RequestError(request.error()), nullptr};

  Result<std::shared_ptr<CompletedSearch>> search = services.search->Run(
      std::move(*request),
      {.decode_micros = MicrosSince(decode_start), .deadline_cap = deadline_cap});
  if (!search) return {RequestError(search.error()), nullptr};

  CompletedSearch& s = **search;
  s.owner = owner;
  SearchAnswer answer;
  const std::string expires = IsoUtc(s.expires);
  {
    ScopedStageTimer t(s.context->timings(), Stage::kSerialize);
    WriteSearchResponse(s.result, s.request(), s.context->timings(),
                        {.search_id = s.id, .expires_at = expires}, answer.response.body);
  }
  answer.response.headers.emplace_back("Server-Timing", ServerTiming(s.context->timings()));
  answer.response.headers.emplace_back("Location", "/v1/searches/" + s.id + "/offers");
  answer.search = std::move(*search);
  return answer;
}

net::WireResponse Overloaded() {
  net::WireResponse response =
      ApiError(503, "overloaded", "too many searches are waiting; retry in a moment");
  response.headers.emplace_back("Retry-After", "1");
  return response;
}

RouteHandler MakeSearchHandler(const ApiServices& services) {
  return [services](std::shared_ptr<net::Exchange> exchange, const RouteMatch& match) {
    // The copy keeps the worker independent of the connection's buffers.
    std::string body(exchange->request().body);
    const auto deadline_cap = exchange->request().deadline;
    std::shared_ptr<net::Exchange> refused = exchange;  // answers if the queue is full
    const bool queued = services.search_pool->TrySubmit(
        [exchange = std::move(exchange), body = std::move(body), deadline_cap, services,
         owner = match.client](simdjson::ondemand::parser&) {
          SearchAnswer answer;
          try {
            answer = AnswerSearch(body, services, deadline_cap, owner);
          } catch (const std::exception& e) {
            // Nothing a client sends should get here; answer rather than drop the connection.
            answer.response = ApiError(500, "internal", e.what());
          }
          if (answer.search == nullptr) return exchange->Respond(std::move(answer.response));
          exchange->RespondThen(std::move(answer.response),
                                FinishSearchAfterSent(std::move(answer.search), services));
        },
        services.queue_limit);
    if (!queued) refused->Respond(Overloaded());
  };
}

}  // namespace fareflow::server
