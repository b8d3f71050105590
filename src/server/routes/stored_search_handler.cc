#include "server/routes/stored_search_handler.h"

#include <array>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <string>
#include <utility>

#include "api/answer_form.h"
#include "api/offer_json.h"
#include "api/refine_query.h"
#include "api/search_response.h"
#include "core/clock.h"
#include "core/json_writer.h"
#include "engine/run_pipeline.h"
#include "server/post_response/post_response.h"
#include "server/routes/api_error.h"
#include "server/routes/search_handler.h"
#include "store/remote_search_store.h"
#include "store/search_store.h"

namespace fareflow::server {
namespace {

constexpr std::array<Stage, 4> kRefineStages = {Stage::kFilter, Stage::kRank, Stage::kFacets,
                                                Stage::kSerialize};

net::WireResponse SearchNotFound(std::string_view search_id) {
  return ApiError(404, "not_found",
                  "no stored search " + std::string(search_id) + " (unknown or expired)",
                  "search_id");
}

// Query parameters are named as they are, not as JSON pointers.
net::WireResponse QueryError(const Error& error) {
  if (error.code != ErrorCode::kInvalidArgument) return RequestError(error);
  std::string field = error.field;
  if (!field.empty() && field.front() == '/') field.erase(0, 1);
  return ApiError(400, "invalid_argument", error.message, field);
}

// Pages above this many offers are written on the search pool: a 20-offer page of a 5,000-offer
// search costs under 1 ms, cheap enough for the io thread, but the whole set (limit=0) took
// 45 ms to serialize, which would hold up every other connection of that io thread.
constexpr long kIoThreadPageLimit = 100;

bool LargePage(const net::WireRequest& request) {
  const std::string* limit = request.Query("limit");
  if (limit == nullptr) return false;
  char* end = nullptr;
  const long value = std::strtol(limit->c_str(), &end, 10);
  if (end == limit->c_str() || *end != '\0') return false;  // the decoder will refuse it
  return value == 0 || value > kIoThreadPageLimit;
}

// Runs `answer` and responds with its result, letting go of the search after the answer.
template <typename Answer>
void RespondStored(std::shared_ptr<net::Exchange> exchange, const ApiServices& services,
                   Answer answer) {
  StoredAnswer stored;
  try {
    stored = answer();
  } catch (const std::exception& e) {
    stored.response = ApiError(500, "internal", e.what());
  }
  if (stored.search == nullptr) return exchange->Respond(std::move(stored.response));
  exchange->RespondThen(std::move(stored.response),
                        ReleaseAfterSent(std::move(stored.search), services));
}

// Responds with answer(request, search) for a search this process holds.
template <typename Answer>
void RespondFrom(const std::shared_ptr<net::Exchange>& exchange, const ApiServices& services,
                 std::shared_ptr<CompletedSearch> search, Answer& answer) {
  RespondStored(exchange, services, [&] { return answer(exchange->request(), std::move(search)); });
}

// Responds with answer(request, search) for a search `loaded` from the shared store: 404 when it
// has none or it is another client's, 503 when it cannot be asked. A search found is kept in this
// process's store for the calls that follow.
template <typename Answer>
void RespondLoaded(const std::shared_ptr<net::Exchange>& exchange, const ApiServices& services,
                   const std::string& id, const std::string& client,
                   Result<std::shared_ptr<CompletedSearch>> loaded, Answer& answer) {
  RespondStored(exchange, services, [&]() -> StoredAnswer {
    if (!loaded) {
      return {.response = ApiError(503, "unavailable",
                                   "stored searches cannot be read now: " + loaded.error().message),
              .search = nullptr};
    }
    // Another client's search is answered as one that does not exist.
    if (*loaded == nullptr || (*loaded)->owner != client) {
      return {.response = SearchNotFound(id), .search = nullptr};
    }
    services.store->Put(*loaded);
    return answer(exchange->request(), std::move(*loaded));
  });
}

// Finds the stored search `id` of `client` (RouteMatch::client) and responds with
// answer(request, search), or 404 when there is none, or it is another client's. A search in this
// process is answered on the io thread unless the page is `large`, which is answered on the search
// pool (503 when its queue is full, or when the server stops before it runs). One that must be
// fetched from the shared store is fetched, rebuilt and answered on the shared store's Redis
// threads, never on a search thread, so a slow Redis cannot hold up searches; when their queue is
// full it is answered as not found.
template <typename Answer>
void WithStoredSearch(std::shared_ptr<net::Exchange> exchange, const ApiServices& services,
                      const std::string& id, const std::string& client, bool large, Answer answer) {
  std::shared_ptr<CompletedSearch> local = services.store->Find(id);
  if (local != nullptr && local->owner != client) return exchange->Respond(SearchNotFound(id));
  if (local == nullptr && services.shared_store != nullptr && IsSearchId(id)) {
    return services.shared_store->LoadThen(
        id, [exchange = std::move(exchange), services, id, client,
             answer = std::move(answer)](Result<std::shared_ptr<CompletedSearch>> loaded) mutable {
          RespondLoaded(exchange, services, id, client, std::move(loaded), answer);
        });
  }
  if (local == nullptr) return exchange->Respond(SearchNotFound(id));
  if (services.search_pool == nullptr || !large) {
    return RespondFrom(exchange, services, std::move(local), answer);
  }
  std::shared_ptr<net::Exchange> refused = exchange;  // answers if the queue is full
  const bool queued = services.search_pool->TrySubmit(
      [exchange = std::move(exchange), services, local = std::move(local),
       answer = std::move(answer)](simdjson::ondemand::parser&) mutable {
        RespondFrom(exchange, services, std::move(local), answer);
      },
      services.queue_limit,
      {.refuse = [refused](PoolRefusal) { refused->Respond(ShuttingDown()); }});
  if (!queued) refused->Respond(services.search_pool->closed() ? ShuttingDown() : Overloaded());
}

}  // namespace

StoredAnswer AnswerStoredOffers(const net::WireRequest& request,
                                std::shared_ptr<CompletedSearch> search,
                                std::size_t max_answer_bytes) {
  StoredAnswer answer;
  answer.search = std::move(search);
  CompletedSearch& s = *answer.search;
  const SearchRequest& stored = s.request();
  Result<RefineQuery> query =
      DecodeRefineQuery(request.query, stored.currency, static_cast<int>(stored.slices.size()));
  if (!query) {
    answer.response = QueryError(query.error());
    return answer;
  }
  Result<SearchRequest> refined = RefinedRequest(stored, *query);
  if (!refined) {
    answer.response = QueryError(refined.error());
    return answer;
  }
  refined->answer_form = ChooseAnswerForm(refined->answer_form, request.Header("Accept"));

  StageTimings timings;
  const std::string expires = IsoUtc(s.expires);
  {
    // The refine writes the offers' score and tags, shared by every refine of the search.
    std::lock_guard lock(s.refine_mu);
    Result<SearchResult> view = RefineSearch(s, *refined, timings);
    if (!view) {
      answer.response = QueryError(view.error());
      return answer;
    }
    ScopedStageTimer t(timings, Stage::kSerialize);
    WriteSearchResponse(*view, *refined, timings,
                        {.search_id = s.id, .expires_at = expires, .max_bytes = max_answer_bytes},
                        answer.response.body);
  }
  SetAnswerForm(*refined->answer_form, answer.response);
  answer.response.headers.emplace_back("Server-Timing", ServerTiming(timings, kRefineStages));
  return answer;
}

StoredAnswer AnswerStoredOffer(std::shared_ptr<CompletedSearch> search, std::string_view offer_id) {
  StoredAnswer answer;
  answer.search = std::move(search);
  CompletedSearch& s = *answer.search;
  const Offer* found = nullptr;
  if (offer_id.size() == kOfferIdLength) {
    char id[kOfferIdLength];
    for (const Offer* offer : s.result.offers) {
      FormatOfferId(*offer, id);
      if (std::string_view(id, kOfferIdLength) == offer_id) {
        found = offer;
        break;
      }
    }
  }
  if (found == nullptr) {
    answer.response = ApiError(
        404, "not_found", "search " + s.id + " has no offer " + std::string(offer_id), "offer_id");
    return answer;
  }
  const std::string expires = IsoUtc(s.expires);
  std::lock_guard lock(s.refine_mu);  // the offer's tags are written by refines
  JsonWriter w(answer.response.body);
  w.BeginObject();
  w.Key("search_id");
  w.String(s.id);
  w.Key("expires_at");
  w.String(expires);
  w.Key("offer");
  WriteOfferJson(*found, s.result.suppliers, w);
  w.EndObject();
  w.Finish();
  return answer;
}

RouteHandler MakeStoredOffersHandler(const ApiServices& services) {
  return [services](std::shared_ptr<net::Exchange> exchange, const RouteMatch& match) {
    const std::string* id = match.Param("id");
    if (services.store == nullptr || id == nullptr) {
      return exchange->Respond(SearchNotFound(id ? *id : ""));
    }
    const bool large = LargePage(exchange->request());
    WithStoredSearch(std::move(exchange), services, *id, match.client, large,
                     [max = services.max_answer_bytes](const net::WireRequest& request,
                                                       std::shared_ptr<CompletedSearch> search) {
                       return AnswerStoredOffers(request, std::move(search), max);
                     });
  };
}

RouteHandler MakeStoredOfferHandler(const ApiServices& services) {
  return [services](std::shared_ptr<net::Exchange> exchange, const RouteMatch& match) {
    const std::string* id = match.Param("id");
    const std::string* offer_id = match.Param("offer_id");
    if (services.store == nullptr || id == nullptr || offer_id == nullptr) {
      return exchange->Respond(SearchNotFound(id ? *id : ""));
    }
    WithStoredSearch(
        std::move(exchange), services, *id, match.client, /*large=*/false,
        [offer_id = *offer_id](const net::WireRequest&, std::shared_ptr<CompletedSearch> search) {
          return AnswerStoredOffer(std::move(search), offer_id);
        });
  };
}

}  // namespace fareflow::server
