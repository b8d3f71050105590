// How the fan-out answers each supplier's part of a search: from the cache, by joining an
// identical call in flight, or by calling the supplier within its budget. The cache's tiers and
// flights are in src/cache/; this file holds the decisions (docs/api.md, "Cache").
//
//   mode      fresh entry    stale entry                 none
//   prefer    serve it       serve it + one refresh      join or call
//   refresh   join or call   join or call                join or call
//   bypass    call           call                        call        (nothing read or written)
//   only      serve it       not_cached                  not_cached  (never calls)
//
// A call that the breaker or the budget refuses is answered by any entry still kept (stale
// included), else skipped / rate_limited.

#include <utility>

#include "cache/cache_key.h"
#include "cache/payload_frames.h"
#include "fanout/breaker_verdict.h"
#include "fanout/fan_out.h"
#include "fanout/search_state.h"
#include "fanout/supplier_calls.h"
#include "fanout/supplier_endpoint.h"

namespace fareflow::fanout {
namespace {

// Refreshes waiting for a refresh thread; more are not queued (the stale entry keeps serving).
constexpr std::size_t kMaxQueuedRefreshes = 64;

SupplierFailure Failure(SupplierStatus status, std::string error) {
  return SupplierFailure{status, std::move(error), 0};
}

}  // namespace

CircuitBreaker::Admission FanOut::StartCall(std::size_t i,
                                            const std::shared_ptr<SearchState>& search,
                                            const SearchRequest& request, FetchOptions options) {
  const CircuitBreaker::Admission not_called{.allowed = false, .trial = false, .reason = {}};
  const std::shared_ptr<SupplierEndpoint>& e = endpoints_[i];
  const SupplierClient* client = ClientFor(e->config.kind);
  const CacheMode mode = request.cache;
  std::optional<cache::CacheKey> key;
  if (cache_ && mode != CacheMode::kBypass) key = cache::MakeCacheKey(e->cache_identity, request);
  const int64_t now = cache_ ? cache_->Now() : 0;
  auto serve = [&](const cache::EntryPtr& entry) {
    const bool stale = !entry->Fresh(now);
    cache_->Note(stale ? cache::CacheEvent::kStaleServe : cache::CacheEvent::kHit);
    search->Serve(i, entry, CacheUse{true, entry->AgeSeconds(now), stale});
  };

  if (!client) {
    // The built-in supplier runs in process and costs no call: only a calendar's summaries are
    // worth caching, never its offers.
    if (key && options.summaries_only && mode != CacheMode::kRefresh) {
      cache::EntryPtr entry = cache_->LookupLocal(*key);
      if (entry && entry->Fresh(now)) {
        serve(entry);
        return not_called;
      }
    }
    if (key && options.summaries_only) search->Update(i, [&](Call& c) { c.key = key; });
    search->StartBuiltin(i);
    return not_called;
  }
  if (!e->missing_credentials.empty()) {
    search->Deliver(i, tl::unexpected(Failure(SupplierStatus::kAuthError, e->missing_credentials)));
    return not_called;
  }

  cache::EntryPtr entry;
  if (key && (mode == CacheMode::kPrefer || mode == CacheMode::kOnly)) {
    entry = cache_->Lookup(*key, search->deadline(i));
    if (entry && entry->Fresh(now)) {
      serve(entry);
      return not_called;
    }
    if (mode == CacheMode::kPrefer && entry) {
      serve(entry);
      RefreshLater(i, *key, request);
      return not_called;
    }
    cache_->Note(cache::CacheEvent::kMiss);
  }
  if (mode == CacheMode::kOnly) {
    search->Deliver(
        i, tl::unexpected(Failure(SupplierStatus::kNotCached,
                                  cache_ ? "no fresh cached answer" : "no cache is configured")));
    return not_called;
  }

  if (key) {
    const bool leads = cache_->flights().JoinOrLead(
        key->digest, [search, i](const cache::FlightResult& r) { search->DeliverShared(i, r); });
    if (!leads) {
      cache_->Note(cache::CacheEvent::kJoin);
      return not_called;
    }
    search->Update(i, [&](Call& c) {
      c.key = key;
      c.leads_flight = true;
      c.store = true;
    });
  }

  // Refused before calling: a kept entry of any age stands in, else the refusal is the status.
  auto refuse = [&](SupplierStatus status, std::string why) {
    if (key && !entry && mode == CacheMode::kRefresh)
      entry = cache_->Lookup(*key, search->deadline(i));
    if (entry) {
      search->LandFlight(i, cache::FlightResult{tl::unexpected(Failure(status, why)), CacheUse{}});
      serve(entry);
    } else {
      search->Deliver(i, tl::unexpected(Failure(status, std::move(why))));
    }
  };
  CircuitBreaker::Admission admission = e->breaker.Admit();
  if (!admission.allowed) {
    refuse(SupplierStatus::kSkipped, admission.reason);
    return not_called;
  }
  if (e->budget && e->budget->Acquire(0) != 0) {
    if (cache_) cache_->Note(cache::CacheEvent::kBudgetRefusal);
    e->breaker.Record(admission.trial, BreakerVerdict::kNeutral);
    refuse(
        SupplierStatus::kRateLimited,
        "call budget spent (" + std::to_string(e->config.calls_per_second) + " calls per second)");
    return not_called;
  }

  if (key && cache_->shared() && !cache_->ClaimCall(*key, search->deadline(i))) {
    // Another instance is making this call: wait for the answer it stores, or call when its
    // claim lapses without one. The request is copied: the wait may outlive this thread's.
    cache_->Note(cache::CacheEvent::kJoin);
    // The callback runs on a cache thread, possibly after the FanOut is gone: it holds what it
    // uses (the cache outlives it by construction, and the HTTP client outlives the cache).
    cache_->AwaitOtherInstance(
        *key, search->deadline(i),
        [cache = cache_, &http = http_, endpoint = e, search, i,
         request = std::make_shared<const SearchRequest>(request)](cache::EntryPtr found) {
          if (!found) {
            if (search->closed()) {
              search->Deliver(i, tl::unexpected(Failure(SupplierStatus::kTimeout, "closed")));
              return;
            }
            ClientFor(endpoint->config.kind)->start(endpoint, search, i, *request, http);
            return;
          }
          const int64_t at = cache->Now();
          Result<std::string> payload =
              cache::DecompressPayload(*found, cache->max_payload_bytes());
          cache::FlightResult result{
              payload
                  ? SupplierResult<std::string>(*std::move(payload))
                  : tl::unexpected(Failure(SupplierStatus::kMalformed,
                                           "cached answer unreadable: " + payload.error().message)),
              CacheUse{true, found->AgeSeconds(at), !found->Fresh(at)}};
          search->LandFlight(i, result);  // this process's joiners get what it got
          search->Update(i, [](Call& c) { c.store = false; });
          search->DeliverShared(i, result);
        });
    return admission;
  }
  if (key && cache_->shared()) search->Update(i, [](Call& c) { c.claimed = true; });
  CallSupplier(i, search, request);
  return admission;
}

void FanOut::CallSupplier(std::size_t i, const std::shared_ptr<SearchState>& search,
                          const SearchRequest& request) {
  if (search->closed()) {
    search->Deliver(i, tl::unexpected(Failure(SupplierStatus::kTimeout, "search closed")));
    return;
  }
  ClientFor(endpoints_[i]->config.kind)->start(endpoints_[i], search, i, request, http_);
}

void FanOut::RefreshLater(std::size_t i, const cache::CacheKey& key, const SearchRequest& request) {
  if (cache_->flights().InFlight(key.digest)) return;  // a call of it is on its way already
  SearchRequest copy = request;
  copy.cache = CacheMode::kRefresh;
  refresh_pool_.TrySubmit(
      [this, i, key, copy = std::move(copy)](simdjson::ondemand::parser&) mutable {
        Refresh(i, key, std::move(copy));
      },
      kMaxQueuedRefreshes);
}

void FanOut::Refresh(std::size_t i, const cache::CacheKey& key, SearchRequest request) {
  const std::shared_ptr<SupplierEndpoint>& e = endpoints_[i];
  if (!cache_->flights().JoinOrLead(key.digest, [](const cache::FlightResult&) {})) return;
  auto give_up = [&](SupplierStatus status, std::string why) {
    cache_->flights().Land(key.digest,
                           cache::FlightResult{tl::unexpected(Failure(status, why)), CacheUse{}});
  };
  const CircuitBreaker::Admission admission = e->breaker.Admit();
  if (!admission.allowed) return give_up(SupplierStatus::kSkipped, admission.reason);
  if (e->budget && e->budget->Acquire(0) != 0) {
    cache_->Note(cache::CacheEvent::kBudgetRefusal);
    e->breaker.Record(admission.trial, BreakerVerdict::kNeutral);
    return give_up(SupplierStatus::kRateLimited, "call budget spent");
  }
  if (cache_->shared() && !cache_->ClaimCall(key)) {
    e->breaker.Record(admission.trial, BreakerVerdict::kNeutral);
    return give_up(SupplierStatus::kSkipped, "another instance is refreshing it");
  }
  cache_->Note(cache::CacheEvent::kRefresh);
  RequestContext context(std::move(request));
  const Enricher enricher(context.request(), fx_);
  Call call;
  call.outcome.name = e->config.name;
  call.outcome.kind = e->config.kind;
  call.max_offers = e->config.max_offers;
  call.deadline = std::chrono::steady_clock::now() + e->config.timeout;
  call.phase = CallPhase::kInFlight;
  call.key = key;
  call.leads_flight = true;
  call.claimed = cache_->shared();
  call.store = true;
  auto state = std::make_shared<SearchState>(context, enricher, parse_pool_,
                                             std::vector<Call>{std::move(call)}, cache_);
  ClientFor(e->config.kind)->start(e, state, 0, context.request(), http_);
  const std::vector<Call> done = state->WaitAndClose();
  e->breaker.Record(admission.trial, VerdictOf(done[0].outcome.status, done[0].http_status));
  e->NoteTlsOutcome(done[0].outcome);
}

}  // namespace fareflow::fanout
