#include "server/facade/search.h"

#include <memory>
#include <utility>
#include <vector>

#include "core/arena.h"
#include "engine/completed_search.h"
#include "server/facade/currency.h"
#include "server/facade/request.h"
#include "server/routes/search_handler.h"
#include "suppliers/amadeus/response_writer.h"
#include "suppliers/amadeus/server/issues.h"
#include "suppliers/amadeus/server/offer_filters.h"

namespace fareflow::server {

net::WireResponse AnswerFacadeSearch(const amadeus::FlightSearch& search,
                                     const ApiServices& services, const SearchCall& call) {
  Result<std::shared_ptr<CompletedSearch>> run =
      services.search->Run(ToFareflowRequest(search), call);
  if (!run) {
    return amadeus::ErrorResponse(500, amadeus::kSystemError, run.error().message);
  }
  // `completed` owns the offers the copies below point into; it lives until this function
  // returns, after the body has been written.
  const std::shared_ptr<CompletedSearch> completed = std::move(*run);
  const SearchResult& result = completed->result;
  StageTimings& timings = completed->context->timings();

  net::WireResponse response;
  response.content_type = std::string(amadeus::kAmadeusJson);
  {
    ScopedStageTimer t(timings, Stage::kSerialize);
    // Restated passenger prices live here, as long as the copies that view them.
    Arena arena(4 * 1024);
    std::vector<Offer> offers;
    offers.reserve(std::min<std::size_t>(result.selection.size(),
                                         static_cast<std::size_t>(std::max(search.max_offers, 0))));
    // The selection is sorted cheapest first; the pipeline's filters already hold, and
    // MatchesFilters adds what only Amadeus means, maxPrice per traveler.
    for (uint32_t index : result.selection) {
      if (offers.size() >= static_cast<std::size_t>(std::max(search.max_offers, 0))) break;
      Offer offer = InRequestedCurrency(*result.offers[index], arena);
      if (amadeus::MatchesFilters(offer, search)) offers.push_back(offer);
    }
    amadeus::WriteFlightOffersResponse(offers, completed->request(), response.body);
  }
  response.headers.emplace_back("Server-Timing", ServerTiming(timings));
  return response;
}

}  // namespace fareflow::server
