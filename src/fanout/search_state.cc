#include "fanout/search_state.h"

#include <algorithm>
#include <utility>

#include "cache/payload_frames.h"
#include "engine/builtin_supplier.h"
#include "engine/cut_payload.h"
#include "engine/payload_parser.h"
#include "pipeline/fare_summary.h"

namespace fareflow::fanout {
namespace {

std::string CutMessage(std::size_t cut_at) {
  return "answer cut at " + std::to_string(cut_at) + " bytes (max_body_bytes)";
}

// A cut answer's parse must have read exactly the offers complete before the cut; any other
// outcome is a payload broken before the cut, reported as such.
void JudgeCut(const ClosedCut& cut, std::size_t cut_at, Result<void>& parsed,
              const OfferBatch& batch) {
  if (!parsed) {
    parsed = MakeError(ErrorCode::kMalformed, CutMessage(cut_at) + ": " + parsed.error().message);
  } else if (batch.received != cut.complete) {
    parsed =
        MakeError(ErrorCode::kMalformed, CutMessage(cut_at) + ": " + std::to_string(cut.complete) +
                                             " offers complete before the cut, but " +
                                             std::to_string(batch.received) + " read");
  }
}

}  // namespace

SearchState::SearchState(RequestContext& context, const Enricher& enricher, WorkerPool& pool,
                         std::vector<Call> calls, cache::SupplierCache* cache, bool summaries_only)
    : start_(std::chrono::steady_clock::now()),
      context_(&context),
      enricher_(&enricher),
      pool_(&pool),
      calls_(std::move(calls)),
      pages_(calls_.size()),
      cache_(cache),
      summaries_only_(summaries_only) {
  done_order_.reserve(calls_.size());
  for (std::size_t i = 0; i < calls_.size(); ++i) {
    if (calls_[i].phase == CallPhase::kDone) done_order_.push_back(i);
  }
}

void SearchState::MarkDoneLocked(std::size_t i) {
  if (calls_[i].phase == CallPhase::kDone) return;
  calls_[i].phase = CallPhase::kDone;
  done_order_.push_back(i);
  cv_.notify_all();
}

bool SearchState::closed() const {
  std::lock_guard lock(mu_);
  return closed_;
}

int64_t SearchState::MicrosSinceStart() const {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                               start_)
      .count();
}

void SearchState::LandFlight(std::size_t i, const cache::FlightResult& result) {
  std::string digest;
  {
    std::lock_guard lock(mu_);
    Call& call = calls_[i];
    if (!call.leads_flight) return;
    call.leads_flight = false;
    digest = call.key->digest;
  }
  // Outside the lock: joiners' callbacks take their own searches' locks.
  cache_->flights().Land(digest, result);
}

void SearchState::Deliver(std::size_t i, SupplierResult<std::string> payload, std::size_t cut_at) {
  {
    // Joiners copy the payload while it lands; it is taken back for this search afterwards.
    cache::FlightResult landing{std::move(payload), CacheUse{}, cut_at};
    LandFlight(i, landing);
    payload = std::move(landing.payload);
  }
  std::lock_guard lock(mu_);
  Call& call = calls_[i];
  if (closed_ || call.phase != CallPhase::kInFlight || !payload || cut_at != 0) {
    if (call.claimed) {  // nothing will be stored: let other instances call at once
      call.claimed = false;
      cache_->ReleaseCallLater(*call.key);
    }
  }
  if (closed_ || call.phase != CallPhase::kInFlight) return;
  if (!payload) {
    call.outcome.status = payload.error().status;
    call.outcome.error = std::move(payload.error().error);
    call.http_status = payload.error().http_status;
    call.outcome.micros = MicrosSinceStart();
    MarkDoneLocked(i);
    return;
  }
  call.http_status = 200;
  call.cut_at = cut_at;
  QueueLocked(i, *std::move(payload));
}

void SearchState::Update(std::size_t i, const std::function<void(Call&)>& change) {
  std::lock_guard lock(mu_);
  change(calls_[i]);
}

void SearchState::DeliverShared(std::size_t i, const cache::FlightResult& result) {
  std::lock_guard lock(mu_);
  Call& call = calls_[i];
  if (closed_ || call.phase != CallPhase::kInFlight) return;
  if (!result.payload) {
    call.outcome.status = result.payload.error().status;
    call.outcome.error = result.payload.error().error;
    call.outcome.micros = MicrosSinceStart();
    MarkDoneLocked(i);
    return;
  }
  call.cache = result.cache;
  call.cut_at = result.cut_at;
  QueueLocked(i, *result.payload);
}

void SearchState::QueueLocked(std::size_t i, std::string payload) {
  calls_[i].phase = CallPhase::kQueued;
  // Submitted under the lock: WaitAndClose cannot close the search (and its caller cannot let
  // the pool go) between the caller's check and the submission.
  pool_->Submit([self = shared_from_this(), i,
                 bytes = std::move(payload)](simdjson::ondemand::parser& parser) mutable {
    if (!self->BeginWork(i)) return;
    self->Parse(i, std::move(bytes), parser);
  });
}

void SearchState::Serve(std::size_t i, cache::EntryPtr entry, CacheUse use) {
  std::lock_guard lock(mu_);
  Call& call = calls_[i];
  if (closed_) return;
  call.cache = use;
  if (summaries_only_) {
    call.outcome.summary = entry->summary;
    call.outcome.cache = use;
    call.outcome.micros = MicrosSinceStart();
    MarkDoneLocked(i);
    return;
  }
  call.phase = CallPhase::kQueued;
  pool_->Submit(
      [self = shared_from_this(), i, entry = std::move(entry)](simdjson::ondemand::parser& parser) {
        if (!self->BeginWork(i)) return;
        // Into a block the search's arenas hold, which the context keeps as it keeps payloads;
        // a large answer with help from another worker, which is free once it has parsed the
        // other suppliers' (usually smaller) answers.
        Result<simdjson::padded_string_view> payload = cache::DecompressPayload(
            *entry, self->cache_->max_payload_bytes(), self->context_->NewArena(), self->pool_);
        if (payload) {
          // Never stored again: the cache has it, and a stale answer served in place of a
          // refused call must not come back as fresh.
          self->ParseHeld(i, *payload, payload->size(), nullptr, nullptr, parser);
          return;
        }
        SupplierOutcome outcome = self->calls_[i].outcome;
        outcome.status = SupplierStatus::kMalformed;
        outcome.error = "cached answer unreadable: " + payload.error().message;
        outcome.cache = self->calls_[i].cache;
        outcome.micros = self->MicrosSinceStart();
        self->Finish(i, std::move(outcome));
      });
}

void SearchState::StartBuiltin(std::size_t i) {
  std::lock_guard lock(mu_);
  if (closed_) return;
  calls_[i].phase = CallPhase::kQueued;
  pool_->Submit([self = shared_from_this(), i](simdjson::ondemand::parser&) {
    if (!self->BeginWork(i)) return;
    // BeginWork succeeded: the search waits for this task, so the borrowed objects are alive.
    const Call& call = self->calls_[i];
    SupplierOutcome outcome =
        RunBuiltinSupplier(*self->enricher_, *self->context_, static_cast<uint16_t>(i),
                           call.max_offers, call.outcome.name);
    if (outcome.batch && (call.key || self->summaries_only_)) {
      outcome.summary = SummarizeOffers(outcome.batch->offers);
      // In process and free to run again: only the summary is worth keeping (calendars).
      if (call.key) self->cache_->StoreSummary(*call.key, *outcome.summary);
    }
    outcome.micros = self->MicrosSinceStart();
    self->Finish(i, std::move(outcome));
  });
}

bool SearchState::BeginWork(std::size_t i) {
  std::lock_guard lock(mu_);
  if (closed_ || calls_[i].phase != CallPhase::kQueued) return false;
  calls_[i].phase = CallPhase::kParsing;
  return true;
}

void SearchState::Parse(std::size_t i, std::string payload, simdjson::ondemand::parser& parser) {
  // Called after BeginWork: from here until Finish the search waits for this task (kParsing), so
  // the borrowed context, enricher and the call's fixed fields may be read without the lock.
  const Call& call = calls_[i];
  const std::size_t received = payload.size();
  std::optional<ClosedCut> cut;
  if (call.cut_at != 0) {
    cut = CloseCutPayload(payload);
    ApplyClosedCut(*cut, payload);
  }
  auto [bytes, shared] = context_->AddSharedPayload(std::move(payload));
  // The cache stores the bytes as received, parsed in place (simdjson only reads them): not a
  // copy made first, which delayed the parse of a 45 MB answer by the copy's time. A cut answer is
  // never stored as whole.
  if (!call.store || cut) shared.reset();
  ParseHeld(i, bytes, received, std::move(shared), cut ? &*cut : nullptr, parser);
}

void SearchState::ParseHeld(std::size_t i, simdjson::padded_string_view bytes, std::size_t received,
                            std::shared_ptr<const std::string> kept, const ClosedCut* cut,
                            simdjson::ondemand::parser& parser) {
  // As Parse: the search waits for this task, so what it borrows may be read without the lock.
  const Call& call = calls_[i];
  SupplierOutcome outcome;
  outcome.name = call.outcome.name;
  outcome.kind = call.outcome.kind;
  outcome.bytes = static_cast<int64_t>(received);
  outcome.max_offers = call.max_offers;
  outcome.cache = call.cache;
  outcome.payload = bytes;
  RequestContext& context = *context_;
  Arena& arena = context.NewArena();
  OfferBatch& batch = context.NewBatch(arena);
  auto parsed = ParsePayload(outcome.kind, bytes, parser, *enricher_, arena,
                             static_cast<uint16_t>(i), batch, pool_);
  // Suppliers without a limit parameter (Duffel) may send more than configured.
  batch.KeepFirst(call.max_offers);
  if (cut) JudgeCut(*cut, call.cut_at, parsed, batch);
  if (!parsed) {
    outcome.status = SupplierStatus::kMalformed;
    outcome.error = parsed.error().message;
    // Not kept: the claim on the call goes when the search closes.
  } else {
    if (cut) {
      outcome.status = SupplierStatus::kTruncated;
      outcome.error =
          CutMessage(call.cut_at) + "; " + std::to_string(batch.offers.size()) + " offers kept";
    }
    if (kept || summaries_only_) {
      outcome.summary = SummarizeOffers(batch.offers);
      if (kept) cache_->StoreLater(*call.key, std::move(kept), *outcome.summary);
    }
  }
  outcome.batch = &batch;
  outcome.micros = MicrosSinceStart();
  Finish(i, std::move(outcome));
}

void SearchState::Finish(std::size_t i, SupplierOutcome outcome) {
  std::lock_guard lock(mu_);
  calls_[i].outcome = std::move(outcome);
  MarkDoneLocked(i);
}

std::vector<std::pair<std::size_t, SupplierOutcome>> SearchState::WaitForDone() {
  std::unique_lock lock(mu_);
  for (;;) {
    if (reported_ < done_order_.size()) {
      std::vector<std::pair<std::size_t, SupplierOutcome>> done;
      done.reserve(done_order_.size() - reported_);
      for (; reported_ < done_order_.size(); ++reported_) {
        const std::size_t i = done_order_[reported_];
        done.emplace_back(i, calls_[i].outcome);
      }
      return done;
    }
    const auto now = std::chrono::steady_clock::now();
    bool pending = false;
    auto wake = std::chrono::steady_clock::time_point::max();
    for (const Call& call : calls_) {
      if (call.phase == CallPhase::kParsing) {
        pending = true;
      } else if (call.phase != CallPhase::kDone && now < call.deadline) {
        pending = true;
        wake = std::min(wake, call.deadline);
      }
    }
    if (!pending) return {};
    if (wake == std::chrono::steady_clock::time_point::max()) {
      cv_.wait(lock);
    } else {
      cv_.wait_until(lock, wake);
    }
  }
}

std::vector<Call> SearchState::WaitAndClose() {
  std::unique_lock lock(mu_);
  for (;;) {
    const auto now = std::chrono::steady_clock::now();
    bool pending = false;
    auto wake = std::chrono::steady_clock::time_point::max();
    for (std::size_t i = 0; i < calls_.size(); ++i) {
      Call& call = calls_[i];
      switch (call.phase) {
        case CallPhase::kDone:
          break;
        case CallPhase::kParsing:
          pending = true;  // bounded CPU work already under way: waited for
          break;
        case CallPhase::kInFlight:
        case CallPhase::kQueued:
          if (pages_[i].parsing) {
            pending = true;  // a page being parsed, as kParsing
          } else if (now >= call.deadline) {
            call.outcome.status = SupplierStatus::kTimeout;
            call.outcome.error = call.phase == CallPhase::kInFlight
                                     ? "no answer before the deadline"
                                     : "answered, but not parsed before the deadline";
            // A paged call keeps the offers of the pages that came in time.
            if (pages_[i].active) TakePages(i, call.outcome, call.outcome.error);
            call.outcome.micros = MicrosSinceStart();
            call.phase = CallPhase::kDone;  // reported by Wait itself, not WaitForDone
          } else {
            pending = true;
            wake = std::min(wake, call.deadline);
          }
          break;
      }
    }
    if (!pending) break;
    if (wake == std::chrono::steady_clock::time_point::max()) {
      cv_.wait(lock);
    } else {
      cv_.wait_until(lock, wake);
    }
  }
  // Calls that never answered: their flights land now (others stop waiting on them) and their
  // claims go, outside the lock (joiners' callbacks take their own searches' locks).
  std::vector<std::string> unlanded;
  for (Call& call : calls_) {
    if (call.leads_flight) unlanded.push_back(call.key->digest);
    call.leads_flight = false;
    if (call.claimed && call.outcome.status != SupplierStatus::kOk) {
      cache_->ReleaseCallLater(*call.key);
    }
    call.claimed = false;
  }
  closed_ = true;
  context_ = nullptr;
  enricher_ = nullptr;
  pool_ = nullptr;
  std::vector<Call> calls = calls_;  // a copy: late callbacks still read calls_ (and find the
                                     // search closed)
  lock.unlock();
  for (const std::string& digest : unlanded) {
    cache_->flights().Land(
        digest, cache::FlightResult{tl::unexpected(SupplierFailure{SupplierStatus::kTimeout,
                                                                   "the shared call timed out", 0}),
                                    CacheUse{}});
  }
  return calls;
}

}  // namespace fareflow::fanout
