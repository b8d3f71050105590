#include "server/routes/search_handler.h"

#include <array>
#include <cstdio>
#include <ctime>
#include <exception>
#include <memory>
#include <utility>
#include <vector>

#include "api/answer_form.h"
#include "api/search_request_json.h"
#include "api/search_response.h"
#include "core/clock.h"
#include "engine/stage_timings.h"
#include "engine/worker_pool.h"
#include "server/post_response/post_response.h"
#include "server/routes/api_error.h"
#include "server/routes/search_stream.h"

namespace fareflow::server {
namespace {

Result<SearchRequest> DecodeSearch(std::string_view body, const ApiServices& services) {
  const ValidationOptions validation{.check_dates = true,
                                     .today = services.today != 0 ? services.today : TodayUtc()};
  return DecodeSearchRequest(body, validation);
}

// A 503 a client may retry a moment later.
net::WireResponse Unavailable(std::string_view code, std::string_view message) {
  net::WireResponse response = ApiError(503, code, message);
  response.headers.emplace_back("Retry-After", "1");
  return response;
}

// Runs the search on the calling thread and answers `exchange`. The search is in the store before
// the answer leaves, so that a refine sent as soon as the answer arrives finds it; the rest of its
// work follows the answer.
void RunAndRespond(net::Exchange& exchange, SearchRequest request, const SearchCall& call,
                   std::string_view owner, const ApiServices& services) {
  SearchAnswer answer;
  try {
    answer = RunSearch(std::move(request), services, call, owner);
  } catch (const std::exception& e) {
    // Nothing a client sends should get here; answer rather than drop the connection.
    answer.response = ApiError(500, "internal", e.what());
  }
  if (answer.search == nullptr) return exchange.Respond(std::move(answer.response));
  std::vector<std::shared_ptr<CompletedSearch>> let_go = StoreBeforeAnswer(answer.search, services);
  exchange.RespondThen(
      std::move(answer.response),
      FinishSearchAfterSent(std::move(answer.search), std::move(let_go), services));
}

}  // namespace

void SetAnswerForm(AnswerForm form, net::WireResponse& response) {
  response.content_type = AnswerContentType(form);
  response.headers.emplace_back("Vary", "Accept");
}

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

SearchAnswer RunSearch(SearchRequest request, const ApiServices& services, const SearchCall& call,
                       std::string_view owner) {
  Result<std::shared_ptr<CompletedSearch>> search = services.search->Run(std::move(request), call);
  if (!search) return {RequestError(search.error()), nullptr};

  CompletedSearch& s = **search;
  s.owner = owner;
  SearchAnswer answer;
  const std::string expires = IsoUtc(s.expires);
  {
    ScopedStageTimer t(s.context->timings(), Stage::kSerialize);
    WriteSearchResponse(
        s.result, s.request(), s.context->timings(),
        {.search_id = s.id, .expires_at = expires, .max_bytes = services.max_answer_bytes},
        answer.response.body);
  }
  SetAnswerForm(s.request().answer_form.value_or(AnswerForm::kFull), answer.response);
  answer.response.headers.emplace_back("Server-Timing", ServerTiming(s.context->timings()));
  answer.response.headers.emplace_back("Location", "/v1/searches/" + s.id + "/offers");
  answer.search = std::move(*search);
  return answer;
}

SearchAnswer AnswerSearch(std::string_view body, const ApiServices& services,
                          std::chrono::steady_clock::time_point deadline_cap,
                          std::string_view owner) {
  const auto arrived = std::chrono::steady_clock::now();
  Result<SearchRequest> request = DecodeSearch(body, services);
  if (!request) return {RequestError(request.error()), nullptr};
  return RunSearch(
      std::move(*request), services,
      {.decode_micros = MicrosSince(arrived), .deadline_cap = deadline_cap, .arrived = arrived},
      owner);
}

net::WireResponse Overloaded() {
  return Unavailable("overloaded", "too many searches are waiting; retry in a moment");
}

net::WireResponse QueuedPastDeadline() {
  return Unavailable("deadline_exceeded",
                     "the search waited for a free search thread until its deadline passed; "
                     "retry in a moment");
}

net::WireResponse ShuttingDown() {
  return Unavailable("shutting_down", "the server is shutting down; retry in a moment");
}

RouteHandler MakeSearchHandler(const ApiServices& services) {
  return [services](std::shared_ptr<net::Exchange> exchange, const RouteMatch& match) {
    // The deadline counts from here: time spent waiting for a search thread is part of it.
    const auto arrived = std::chrono::steady_clock::now();
    // Decoded here (microseconds), so that a request that cannot run takes no place in the queue
    // and the queue knows the search's deadline.
    Result<SearchRequest> request = DecodeSearch(exchange->request().body, services);
    if (!request) return exchange->Respond(RequestError(request.error()));
    request->answer_form =
        ChooseAnswerForm(request->answer_form, exchange->request().Header("Accept"));
    const SearchCall call{.decode_micros = MicrosSince(arrived),
                          .deadline_cap = exchange->request().deadline,
                          .arrived = arrived};
    const auto deadline = services.search->Deadline(*request, arrived, call.deadline_cap);
    // A page of a stored search is not a search that runs: it gets its JSON answer (a 400 here).
    const bool stream = WantsEventStream(exchange->request()) && request->cursor.empty();
    std::shared_ptr<net::Exchange> refused = exchange;  // answers if the search never runs
    const bool queued = services.search_pool->TrySubmit(
        [exchange = std::move(exchange), request = std::move(*request), call, services,
         owner = match.client, stream](simdjson::ondemand::parser&) mutable {
          // The stream starts as the search does: one refused before it ran got its JSON 503.
          if (stream) {
            if (std::shared_ptr<net::ResponseStream> out =
                    exchange->StartStream(EventStreamHead())) {
              return StreamSearch(std::move(out), std::move(request), call, owner, services);
            }
          }
          RunAndRespond(*exchange, std::move(request), call, owner, services);
        },
        services.queue_limit,
        {.deadline = deadline, .refuse = [refused](PoolRefusal why) {
           refused->Respond(why == PoolRefusal::kClosed ? ShuttingDown() : QueuedPastDeadline());
         }});
    if (!queued) {
      refused->Respond(services.search_pool->closed() ? ShuttingDown() : Overloaded());
    }
  };
}

}  // namespace fareflow::server
