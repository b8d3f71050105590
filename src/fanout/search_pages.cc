// SearchState's calls answered in pages (search_state.h, BeginPages): a file of its own so that
// the one-payload path in search_state.cc stays readable.

#include <chrono>
#include <utility>

#include "engine/payload_parser.h"
#include "fanout/search_state.h"
#include "pipeline/fare_summary.h"

namespace fareflow::fanout {

void SearchState::BeginPages(std::size_t i, std::string_view head, std::string_view tail) {
  std::lock_guard lock(mu_);
  Pages& p = pages_[i];
  p.active = true;
  p.joined.assign(head);
  p.head_size = head.size();
  p.tail = tail;
}

bool SearchState::DeliverPage(std::size_t i, std::string page, std::size_t items_begin,
                              std::size_t items_end) {
  std::lock_guard lock(mu_);
  Call& call = calls_[i];
  Pages& p = pages_[i];
  if (closed_ || call.phase != CallPhase::kInFlight || !p.active || p.failure) return false;
  p.bytes += static_cast<int64_t>(page.size());
  ++p.delivered;
  p.waiting.push_back(PendingPage{std::move(page), items_begin, items_end});
  if (!p.parsing) SubmitPageLocked(i);
  return true;
}

void SearchState::SubmitPageLocked(std::size_t i) {
  Pages& p = pages_[i];
  p.parsing = true;
  PendingPage page = std::move(p.waiting.front());
  p.waiting.pop_front();
  // Submitted under the lock, as QueueLocked: the search cannot close before the task is queued,
  // and it waits for every task of a call with `parsing` set.
  pool_->Submit([self = shared_from_this(), i,
                 page = std::move(page)](simdjson::ondemand::parser& parser) mutable {
    self->ParsePage(i, std::move(page), parser);
  });
}

void SearchState::ParsePage(std::size_t i, PendingPage page, simdjson::ondemand::parser& parser) {
  // `parsing` is set: the search waits for this task, so the borrowed context and enricher are
  // alive, and the batch and arena are this task's until it clears `parsing`.
  Pages& p = pages_[i];
  const Call& call = calls_[i];
  bool wanted = false;
  {
    std::lock_guard lock(mu_);
    wanted = call.phase == CallPhase::kInFlight && !p.unreadable;
  }
  Result<void> parsed;
  if (wanted) {
    if (p.batch == nullptr) {
      p.arena = &context_->NewArena();
      p.batch = &context_->NewBatch(*p.arena);
    }
    const simdjson::padded_string_view bytes = context_->AddPayload(std::move(page.bytes));
    parsed = ParsePayload(call.outcome.kind, bytes, parser, *enricher_, *p.arena,
                          static_cast<uint16_t>(i), *p.batch);
    // Only pages parsed join the answer, so that it parses again to the offers kept.
    if (parsed && page.items_begin < page.items_end && page.items_end <= bytes.size()) {
      if (p.joined.size() > p.head_size) p.joined += ',';
      p.joined.append(bytes.data() + page.items_begin, page.items_end - page.items_begin);
    }
  }
  {
    std::lock_guard lock(mu_);
    if (wanted && parsed) ++p.parsed;
    if (!parsed) p.unreadable = true;
    if (!parsed && !p.failure) {
      p.failure = SupplierFailure{
          SupplierStatus::kMalformed,
          "page " + std::to_string(p.parsed + 1) + " of the offers: " + parsed.error().message,
          200};
    }
    const bool in_flight = call.phase == CallPhase::kInFlight;
    if (in_flight && !p.unreadable && !p.waiting.empty()) {
      if (std::chrono::steady_clock::now() < call.deadline) {
        SubmitPageLocked(i);
        return;
      }
      if (!p.failure)
        p.failure = SupplierFailure{SupplierStatus::kTimeout,
                                    "page " + std::to_string(p.parsed + 1) +
                                        " of the offers: not parsed before the deadline",
                                    200};
    }
    p.waiting.clear();
    p.parsing = false;
    cv_.notify_all();
    if (!in_flight || (!p.ended && !p.failure)) return;
    calls_[i].phase = CallPhase::kParsing;  // FinishPages is waited for
  }
  FinishPages(i);
}

void SearchState::EndPages(std::size_t i, std::optional<SupplierFailure> failure) {
  {
    std::lock_guard lock(mu_);
    Call& call = calls_[i];
    Pages& p = pages_[i];
    if (closed_ || call.phase != CallPhase::kInFlight || !p.active) return;
    p.ended = true;
    if (failure && !p.failure) p.failure = std::move(failure);
    if (p.parsing) return;  // the page task finishes the call
    call.phase = CallPhase::kParsing;
  }
  FinishPages(i);
}

void SearchState::TakePages(std::size_t i, SupplierOutcome& outcome, std::string& error) {
  Pages& p = pages_[i];
  outcome.bytes = p.bytes;
  outcome.max_offers = calls_[i].max_offers;
  if (p.batch == nullptr) return;
  p.joined += p.tail;
  outcome.payload = context_->AddPayload(std::move(p.joined));
  p.batch->KeepFirst(calls_[i].max_offers);
  outcome.batch = p.batch;
  if (!error.empty()) {
    error += " (after " + std::to_string(p.parsed) + " pages: their " +
             std::to_string(p.batch->offers.size()) + " offers kept)";
    // Whatever ended the pages (a failed page, the deadline), those that came are answered.
    outcome.offers_despite_failure = p.parsed > 0;
  }
}

void SearchState::FinishPages(std::size_t i) {
  // The call is kParsing: the search waits for this, so the borrowed objects are alive and the
  // pages are this thread's.
  Pages& p = pages_[i];
  Call& call = calls_[i];
  SupplierOutcome outcome;
  outcome.name = call.outcome.name;
  outcome.kind = call.outcome.kind;
  outcome.cache = call.cache;
  bool leads = false;
  {
    std::lock_guard lock(mu_);
    call.http_status = p.failure ? p.failure->http_status : 200;
    leads = call.leads_flight;
    if (p.failure && call.claimed) {  // nothing will be stored: let other instances call at once
      call.claimed = false;
      cache_->ReleaseCallLater(*call.key);
    }
  }
  // The whole answer, for the calls sharing its flight and for the cache: only when every page
  // came (a part of an answer is not an answer to share or keep).
  const bool whole = !p.failure && p.batch != nullptr;
  std::string kept = whole && (call.store || leads) ? p.joined + std::string(p.tail) : "";
  if (leads) {
    LandFlight(i, cache::FlightResult{whole ? SupplierResult<std::string>(kept)
                                            : tl::unexpected(p.failure.value_or(SupplierFailure{
                                                  SupplierStatus::kMalformed, "no pages", 0})),
                                      CacheUse{}});
  }
  std::string error = p.failure ? p.failure->error : std::string();
  TakePages(i, outcome, error);
  if (p.failure) {
    outcome.status = p.failure->status;
    outcome.error = std::move(error);
  } else if (outcome.batch != nullptr && (call.store || summaries_only_)) {
    outcome.summary = SummarizeOffers(outcome.batch->offers);
    if (call.store) {
      cache_->StoreLater(*call.key, std::make_shared<const std::string>(std::move(kept)),
                         *outcome.summary);
    }
  }
  outcome.micros = MicrosSinceStart();
  Finish(i, std::move(outcome));
}

}  // namespace fareflow::fanout
