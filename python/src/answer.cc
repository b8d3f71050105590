#include "answer.h"

#include <atomic>
#include <mutex>

#include "api/offer_json.h"
#include "api/refine_query.h"
#include "api/search_response.h"
#include "core/json_writer.h"
#include "engine/run_pipeline.h"

namespace fareflow::python {
namespace {

uint64_t NextAnswerId() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace

Answer::Answer(std::shared_ptr<SharedSearch> shared)
    : Answer(shared, shared->search->request(), shared->search->result,
             shared->search->context->timings()) {
  std::lock_guard lock(shared_->search->refine_mu);
  shared_->scored_by = id_;  // the search's own pipeline scored for its request
}

Answer::Answer(std::shared_ptr<SharedSearch> shared, SearchRequest query, SearchResult result,
               StageTimings timings)
    : id_(NextAnswerId()),
      shared_(std::move(shared)),
      query_(std::move(query)),
      result_(std::move(result)),
      timings_(timings) {}

void Answer::ScoreIfNeeded() const {
  if (shared_->scored_by == id_) return;
  // The same query over the same offers scores and tags them exactly as it did the first time.
  SearchResult again;
  again.offers = result_.offers;
  StageTimings ignored;
  (void)RunQuery(query_, shared_->search->id, ignored, again);
  shared_->scored_by = id_;
}

std::string Answer::Json(bool include_timings, bool include_offers) const {
  std::string out;
  std::lock_guard lock(shared_->search->refine_mu);
  ScoreIfNeeded();
  WriteSearchResponse(result_, query_, timings_,
                      {.include_timings = include_timings,
                       .time_serialize = false,
                       .include_offers = include_offers},
                      out);
  return out;
}

std::string Answer::OfferJson(std::size_t i) const {
  std::string out;
  std::lock_guard lock(shared_->search->refine_mu);
  ScoreIfNeeded();
  JsonWriter w(out);
  WriteOfferJson(*result_.offers[result_.selection[result_.page.offset + i]], result_.suppliers, w);
  return out;
}

Result<std::unique_ptr<Answer>> Answer::Refine(
    const std::vector<std::pair<std::string, std::string>>& params) const {
  SearchRequest base = query_;
  base.cursor.clear();
  auto query = DecodeRefineQuery(params, base.currency, static_cast<int>(base.slices.size()));
  if (!query) return tl::unexpected(query.error());
  auto refined = RefinedRequest(base, *query);
  if (!refined) return tl::unexpected(refined.error());
  std::lock_guard lock(shared_->search->refine_mu);
  StageTimings timings;
  auto result = RefineSearch(*shared_->search, *refined, timings);
  if (!result) return tl::unexpected(result.error());
  auto answer = std::unique_ptr<Answer>(
      new Answer(shared_, std::move(*refined), std::move(*result), timings));
  shared_->scored_by = answer->id_;
  return answer;
}

}  // namespace fareflow::python
