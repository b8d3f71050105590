#include "fanout/fan_out.h"

#include <algorithm>
#include <utility>

#include "fanout/breaker_verdict.h"
#include "fanout/search_state.h"
#include "fanout/supplier_calls.h"
#include "fanout/supplier_endpoint.h"

namespace fareflow::fanout {
namespace {

// A fan-out under way: the search state its calls deliver to, and the breaker admissions to
// settle once they are done.
class FanOutFetch final : public PendingFetch {
 public:
  FanOutFetch(std::shared_ptr<SearchState> search,
              std::vector<std::shared_ptr<SupplierEndpoint>> endpoints,
              std::vector<CircuitBreaker::Admission> admissions)
      : search_(std::move(search)),
        endpoints_(std::move(endpoints)),
        admissions_(std::move(admissions)) {}

  std::vector<SupplierOutcome> Wait() override {
    std::vector<Call> done = search_->WaitAndClose();
    std::vector<SupplierOutcome> outcomes;
    outcomes.reserve(done.size());
    for (std::size_t i = 0; i < done.size(); ++i) {
      if (admissions_[i].allowed) {
        endpoints_[i]->breaker.Record(admissions_[i].trial,
                                      VerdictOf(done[i].outcome.status, done[i].http_status));
        endpoints_[i]->NoteTlsOutcome(done[i].outcome);
      }
      outcomes.push_back(std::move(done[i].outcome));
    }
    return outcomes;
  }

  std::vector<std::pair<std::size_t, SupplierOutcome>> Progress() override {
    return search_->WaitForDone();
  }
  std::size_t SupplierCount() const override { return endpoints_.size(); }

 private:
  std::shared_ptr<SearchState> search_;
  std::vector<std::shared_ptr<SupplierEndpoint>> endpoints_;
  std::vector<CircuitBreaker::Admission> admissions_;  // allowed: the supplier was called
};

}  // namespace

FanOut::FanOut(std::vector<SupplierConfig> suppliers, WorkerPool& parse_pool, net::HttpClient& http,
               FanOutOptions options)
    : parse_pool_(parse_pool),
      http_(http),
      cache_(options.cache),
      fx_(options.fx ? *options.fx : refdata::FxRates::Builtin()),
      refresh_pool_(std::max(1u, options.refresh_threads)) {
  const SteadyClockSource clock = ClockOrSteady(options.clock);
  for (SupplierConfig& config : suppliers) {
    if (!config.enabled) continue;
    auto endpoint = std::make_shared<SupplierEndpoint>(std::move(config), clock);
    endpoint->tls_sink = options.tls_failures;
    if (const SupplierClient* client = ClientFor(endpoint->config.kind)) {
      client->prepare(*endpoint, options.env, http, clock);
    }
    endpoints_.push_back(std::move(endpoint));
  }
}

FanOut::~FanOut() { refresh_pool_.Close(); }

std::vector<SupplierOutcome> FanOut::Fetch(RequestContext& context, const Enricher& enricher,
                                           std::chrono::steady_clock::time_point deadline) {
  return Begin(context, enricher, deadline, FetchOptions{})->Wait();
}

std::unique_ptr<PendingFetch> FanOut::Begin(RequestContext& context, const Enricher& enricher,
                                            std::chrono::steady_clock::time_point deadline,
                                            FetchOptions options) {
  const auto start = std::chrono::steady_clock::now();
  const std::size_t n = endpoints_.size();
  std::vector<Call> calls(n);
  for (std::size_t i = 0; i < n; ++i) {
    const SupplierEndpoint& e = *endpoints_[i];
    Call& call = calls[i];
    call.outcome.name = e.config.name;
    call.outcome.kind = e.config.kind;
    call.max_offers = e.config.max_offers;
    call.deadline = std::min(deadline, start + e.config.timeout);
    call.phase = CallPhase::kInFlight;  // until StartCall answers it otherwise
  }
  auto search = std::make_shared<SearchState>(context, enricher, parse_pool_, std::move(calls),
                                              cache_, options.summaries_only);
  std::vector<CircuitBreaker::Admission> admissions(n);
  for (std::size_t i = 0; i < n; ++i) {
    admissions[i] = StartCall(i, search, context.request(), options);
  }
  return std::make_unique<FanOutFetch>(std::move(search), endpoints_, std::move(admissions));
}

}  // namespace fareflow::fanout
