#include "fanout/fan_out.h"

#include <algorithm>
#include <utility>

#include "fanout/amadeus_query.h"
#include "fanout/circuit_breaker.h"
#include "fanout/duffel_offer_request.h"
#include "fanout/search_state.h"
#include "fanout/supplier_calls.h"
#include "fanout/supplier_endpoint.h"

namespace fareflow {
namespace {

using fanout::SupplierEndpoint;

// Reads the variable `name` into `out`; notes it in `missing` when unset or empty.
void ReadCredential(const FanOutOptions& options, const std::string& name, std::string& out,
                    std::string& missing) {
  std::optional<std::string> value = options.env ? options.env(name) : std::nullopt;
  if (value && !value->empty()) {
    out = *std::move(value);
    return;
  }
  missing += missing.empty() ? "credentials missing: " : ", ";
  missing += "environment variable " + name + " is not set";
}

}  // namespace

FanOut::FanOut(std::vector<SupplierConfig> suppliers, WorkerPool& parse_pool, net::HttpClient& http,
               FanOutOptions options)
    : parse_pool_(parse_pool), http_(http) {
  const fanout::SteadyClockSource clock = fanout::ClockOrSteady(options.clock);
  for (SupplierConfig& config : suppliers) {
    if (!config.enabled) continue;
    auto endpoint = std::make_shared<SupplierEndpoint>(std::move(config), clock);
    SupplierEndpoint& e = *endpoint;
    switch (e.config.kind) {
      case SupplierKind::kAmadeus:
        ReadCredential(options, e.config.client_id_env, e.client_id, e.missing_credentials);
        ReadCredential(options, e.config.client_secret_env, e.client_secret, e.missing_credentials);
        // The fetcher copies what it needs, so the cache does not point back at the endpoint.
        e.tokens = fanout::AmadeusTokenCache::Create(fanout::AmadeusTokenFetcher(e, http), clock);
        break;
      case SupplierKind::kDuffel:
        ReadCredential(options, e.config.token_env, e.access_token, e.missing_credentials);
        break;
      case SupplierKind::kBuiltin:
        break;
    }
    endpoints_.push_back(std::move(endpoint));
  }
}

FanOut::~FanOut() = default;

std::vector<SupplierOutcome> FanOut::Fetch(RequestContext& context, const Enricher& enricher,
                                           std::chrono::steady_clock::time_point deadline) {
  const auto start = std::chrono::steady_clock::now();
  const std::size_t n = endpoints_.size();
  std::vector<fanout::Call> calls(n);
  std::vector<fanout::CircuitBreaker::Admission> admissions(n);
  for (std::size_t i = 0; i < n; ++i) {
    const SupplierEndpoint& e = *endpoints_[i];
    fanout::Call& call = calls[i];
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
    call.phase = fanout::CallPhase::kInFlight;
  }

  auto search = std::make_shared<fanout::SearchState>(context, enricher, parse_pool_, calls);
  const SearchRequest& request = context.request();
  for (std::size_t i = 0; i < n; ++i) {
    if (!admissions[i].allowed) continue;
    const std::shared_ptr<SupplierEndpoint>& e = endpoints_[i];
    switch (e->config.kind) {
      case SupplierKind::kAmadeus:
        fanout::StartAmadeusCall(e, search, i,
                                 fanout::AmadeusQueryBody(request, e->config.max_offers), http_);
        break;
      case SupplierKind::kDuffel:
        fanout::StartDuffelCall(e, search, i, fanout::DuffelOfferRequestBody(request), http_);
        break;
      case SupplierKind::kBuiltin:
        search->StartBuiltin(i);
        break;
    }
  }

  std::vector<fanout::Call> done = search->WaitAndClose();
  std::vector<SupplierOutcome> outcomes;
  outcomes.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (admissions[i].allowed) {
      endpoints_[i]->breaker.Record(admissions[i].trial,
                                    fanout::VerdictOf(done[i].outcome.status, done[i].http_status));
    }
    outcomes.push_back(std::move(done[i].outcome));
  }
  return outcomes;
}

}  // namespace fareflow
