#ifndef FAREFLOW_PYTHON_ANSWER_H_
#define FAREFLOW_PYTHON_ANSWER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "engine/completed_search.h"
#include "engine/search_result.h"
#include "engine/stage_timings.h"
#include "held_payloads.h"
#include "model/search_request.h"

namespace fareflow::python {

// One search run from Python, shared by every Answer over it (the first, and its refines): the
// offers and the payload bytes they point into. Freed with the last Answer -- the search first,
// then the payloads.
struct SharedSearch {
  std::unique_ptr<HeldPayloads> payloads;
  std::shared_ptr<CompletedSearch> search;
  // Which Answer's query last scored the offers (Answer::id; 0 = none). Scoring writes every
  // offer's score and tags, which the offers' JSON and the highlights show, so an Answer scores
  // again before writing when another has scored since. Guarded by search->refine_mu.
  uint64_t scored_by = 0;
};

// A fareflow.Result: the answer to one query over a search's offers -- the search's own request,
// or a refine of it. Immutable once made; its methods take the search's refine_mu for as long
// as they read offers, so Answers over one search may be used from many threads at once. Call
// them without the GIL: none takes it, and refine_mu must never be waited on with it held.
class Answer {
 public:
  // The answer to the request `search` ran.
  explicit Answer(std::shared_ptr<SharedSearch> shared);

  // The v1 answer (api/search_response.h), with or without its offers.
  std::string Json(bool include_timings, bool include_offers) const;
  // Offers in the page.
  std::size_t PageSize() const { return result_.page.count; }
  // The JSON of offer `i` of the page, i < PageSize().
  std::string OfferJson(std::size_t i) const;
  // A refine with the query parameters of GET /v1/searches/{id}/offers (api/refine_query.h),
  // relative to this answer's query: its filters and sort unless given; its cursor never.
  // Errors name the parameter.
  Result<std::unique_ptr<Answer>> Refine(
      const std::vector<std::pair<std::string, std::string>>& params) const;

 private:
  Answer(std::shared_ptr<SharedSearch> shared, SearchRequest query, SearchResult result,
         StageTimings timings);
  // Scores the offers for this answer's query if another answer scored them since. Caller holds
  // refine_mu.
  void ScoreIfNeeded() const;

  const uint64_t id_;
  const std::shared_ptr<SharedSearch> shared_;
  const SearchRequest query_;
  const SearchResult result_;  // points into shared_->search->context
  const StageTimings timings_;
};

}  // namespace fareflow::python

#endif  // FAREFLOW_PYTHON_ANSWER_H_
