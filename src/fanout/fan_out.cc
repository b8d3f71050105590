#include "fanout/fan_out.h"

#include <algorithm>
#include <utility>

#include "fanout/breaker_verdict.h"
#include "fanout/search_state.h"
#include "fanout/supplier_calls.h"
#include "fanout/supplier_endpoint.h"

namespace fareflow::fanout {

FanOut::FanOut(std::vector<SupplierConfig> suppliers, WorkerPool& parse_pool, net::HttpClient& http,
               FanOutOptions options)
    : parse_pool_(parse_pool), http_(http) {
  const SteadyClockSource clock = ClockOrSteady(options.clock);
  for (SupplierConfig& config : suppliers) {
    if (!config.enabled) continue;
    auto endpoint = std::make_shared<SupplierEndpoint>(std::move(config), clock);
    if (const SupplierClient* client = ClientFor(endpoint->config.kind)) {
      client->prepare(*endpoint, options.env, http, clock);
    }
    endpoints_.push_back(std::move(endpoint));
  }
}

FanOut::~FanOut() = default;

std::vector<SupplierOutcome> FanOut::Fetch(RequestContext& context, const Enricher& enricher,
                                           std::chrono::steady_clock::time_point deadline) {
  const auto start = std::chrono::steady_clock::now();
  const std::size_t n = endpoints_.size();
  std::vector<Call> calls(n);
  std::vector<CircuitBreaker::Admission> admissions(n);
  for (std::size_t i = 0; i < n; ++i) {
    const SupplierEndpoint& e = *endpoints_[i];
    Call& call = calls[i];
    call.outcome.name = e.config.name;
    call.outcome.kind = e.config.kind;
    call.max_offers = e.config.max_offers;
    call.deadline = std::min(deadline, start + e.config.timeout);
    if (!e.missing_credentials.empty()) {
      call.outcome.status = SupplierStatus::kAuthError;
      call.outcome.error = e.missing_credentials;
      admissions[i].allowed = false;
      continue;
    }
    admissions[i] = endpoints_[i]->breaker.Admit();
    if (!admissions[i].allowed) {
      call.outcome.status = SupplierStatus::kSkipped;
      call.outcome.error = admissions[i].reason;
      continue;
    }
    call.phase = CallPhase::kInFlight;
  }

  auto search = std::make_shared<SearchState>(context, enricher, parse_pool_, calls);
  const SearchRequest& request = context.request();
  for (std::size_t i = 0; i < n; ++i) {
    if (!admissions[i].allowed) continue;
    const std::shared_ptr<SupplierEndpoint>& e = endpoints_[i];
    if (const SupplierClient* client = ClientFor(e->config.kind)) {
      client->start(e, search, i, request, http_);
    } else {
      search->StartBuiltin(i);
    }
  }

  std::vector<Call> done = search->WaitAndClose();
  std::vector<SupplierOutcome> outcomes;
  outcomes.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (admissions[i].allowed) {
      endpoints_[i]->breaker.Record(admissions[i].trial,
                                    VerdictOf(done[i].outcome.status, done[i].http_status));
    }
    outcomes.push_back(std::move(done[i].outcome));
  }
  return outcomes;
}

}  // namespace fareflow::fanout
