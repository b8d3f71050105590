#include "fanout/search_state.h"

#include <algorithm>
#include <utility>

#include "engine/builtin_supplier.h"
#include "engine/payload_parser.h"

namespace fareflow::fanout {

SearchState::SearchState(RequestContext& context, const Enricher& enricher, WorkerPool& pool,
                         std::vector<Call> calls)
    : start_(std::chrono::steady_clock::now()),
      context_(&context),
      enricher_(&enricher),
      pool_(&pool),
      calls_(std::move(calls)) {}

bool SearchState::closed() const {
  std::lock_guard lock(mu_);
  return closed_;
}

int64_t SearchState::MicrosSinceStart() const {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                               start_)
      .count();
}

void SearchState::Deliver(std::size_t i, SupplierResult<std::string> payload) {
  std::lock_guard lock(mu_);
  if (closed_ || calls_[i].phase != CallPhase::kInFlight) return;
  Call& call = calls_[i];
  if (!payload) {
    call.phase = CallPhase::kDone;
    call.outcome.status = payload.error().status;
    call.outcome.error = std::move(payload.error().error);
    call.http_status = payload.error().http_status;
    call.outcome.micros = MicrosSinceStart();
    cv_.notify_all();
    return;
  }
  call.phase = CallPhase::kQueued;
  call.http_status = 200;
  // Submitted under the lock: WaitAndClose cannot close the search (and its caller cannot let
  // the pool go) between the check above and the submission.
  pool_->Submit([self = shared_from_this(), i,
                 bytes = *std::move(payload)](simdjson::ondemand::parser& parser) mutable {
    self->Parse(i, std::move(bytes), parser);
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
  if (!BeginWork(i)) return;
  // From here until Finish the search waits for this task (kParsing), so the borrowed context,
  // enricher and the call's fixed fields may be read without the lock.
  const Call& call = calls_[i];
  SupplierOutcome outcome;
  outcome.name = call.outcome.name;
  outcome.kind = call.outcome.kind;
  outcome.bytes = static_cast<int64_t>(payload.size());
  outcome.max_offers = call.max_offers;
  RequestContext& context = *context_;
  const simdjson::padded_string_view bytes = context.AddPayload(std::move(payload));
  outcome.payload = bytes;
  Arena& arena = context.NewArena();
  OfferBatch& batch = context.NewBatch(arena);
  auto parsed =
      ParsePayload(outcome.kind, bytes, parser, *enricher_, arena, static_cast<uint16_t>(i), batch);
  if (!parsed) {
    outcome.status = SupplierStatus::kMalformed;
    outcome.error = parsed.error().message;
  }
  // Suppliers without a limit parameter (Duffel) may send more than configured.
  batch.KeepFirst(call.max_offers);
  outcome.batch = &batch;
  outcome.micros = MicrosSinceStart();
  Finish(i, std::move(outcome));
}

void SearchState::Finish(std::size_t i, SupplierOutcome outcome) {
  std::lock_guard lock(mu_);
  calls_[i].outcome = std::move(outcome);
  calls_[i].phase = CallPhase::kDone;
  cv_.notify_all();
}

std::vector<Call> SearchState::WaitAndClose() {
  std::unique_lock lock(mu_);
  for (;;) {
    const auto now = std::chrono::steady_clock::now();
    bool pending = false;
    auto wake = std::chrono::steady_clock::time_point::max();
    for (Call& call : calls_) {
      switch (call.phase) {
        case CallPhase::kDone:
          break;
        case CallPhase::kParsing:
          pending = true;  // bounded CPU work already under way: waited for
          break;
        case CallPhase::kInFlight:
        case CallPhase::kQueued:
          if (now >= call.deadline) {
            call.outcome.status = SupplierStatus::kTimeout;
            call.outcome.error = call.phase == CallPhase::kInFlight
                                     ? "no answer before the deadline"
                                     : "answered, but not parsed before the deadline";
            call.outcome.micros = MicrosSinceStart();
            call.phase = CallPhase::kDone;
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
  closed_ = true;
  context_ = nullptr;
  enricher_ = nullptr;
  pool_ = nullptr;
  return calls_;  // a copy: late callbacks still read calls_ (and find the search closed)
}

}  // namespace fareflow::fanout
