#include "fanout/supplier_calls.h"

#include <chrono>
#include <utility>

#include "fanout/duffel_pages.h"
#include "suppliers/amadeus/client/query.h"
#include "suppliers/amadeus/client/token.h"
#include "suppliers/amadeus/client/token_cache.h"
#include "suppliers/amadeus/paths.h"
#include "suppliers/duffel/client/offer_request.h"

namespace fareflow::fanout {
namespace {

// Reads the variable `name` into `out`; notes it in `missing` when unset or empty.
void ReadCredential(const EnvReader& env, const std::string& name, std::string& out,
                    std::string& missing) {
  std::optional<std::string> value = env ? env(name) : std::nullopt;
  if (value && !value->empty()) {
    out = *std::move(value);
    return;
  }
  missing += missing.empty() ? "credentials missing: " : ", ";
  missing += "environment variable " + name + " is not set";
}

// A payload for 2xx answers, the failure otherwise.
SupplierResult<std::string> PayloadOf(Result<net::ClientResponse> response) {
  if (std::optional<SupplierFailure> failure = FailureOf(response)) {
    return tl::unexpected(*std::move(failure));
  }
  return std::move(response->body);
}

// Bounds the answer to `request` by the endpoint's max_body_bytes, keeping what came before the
// cut (SearchState parses the offers complete in it).
void LimitBody(const SupplierEndpoint& endpoint, net::ClientRequest& request) {
  request.max_body = endpoint.config.max_body_bytes;
  request.keep_cut = true;
}

// Hands call `i` its answer, with where it was cut when it passed the body limit.
void DeliverAnswer(SearchState& search, std::size_t i, Result<net::ClientResponse> response) {
  const std::size_t cut_at = response && response->cut ? response->body.size() : 0;
  search.Deliver(i, PayloadOf(std::move(response)), cut_at);
}

// The token fetcher of an Amadeus endpoint. It copies what it needs from `endpoint`, so the
// cache holding it does not point back at the endpoint.
amadeus::AmadeusTokenCache::Fetcher AmadeusTokenFetcher(const SupplierEndpoint& endpoint,
                                                        net::HttpClient& http) {
  return [url = endpoint.config.base_url + std::string(amadeus::kAmadeusTokenPath),
          form = amadeus::AmadeusTokenRequestBody(endpoint.client_id, endpoint.client_secret),
          timeout = endpoint.config.timeout, &http](amadeus::AmadeusTokenCache::FetchDone done) {
    net::ClientRequest request;
    request.method = "POST";
    request.url = url;
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                       {"Accept", "application/json"}};
    request.body = form;
    // One fetch serves every search waiting for it, so no single search's deadline bounds it.
    request.deadline = std::chrono::steady_clock::now() + timeout;
    http.Send(std::move(request), [done = std::move(done)](Result<net::ClientResponse> response) {
      if (!response) {
        done(tl::unexpected(TransportFailure(response.error())));
        return;
      }
      done(amadeus::ReadAmadeusTokenResponse(response->status, response->body));
    });
  };
}

void SendAmadeusSearch(std::shared_ptr<SupplierEndpoint> endpoint,
                       std::shared_ptr<SearchState> search, std::size_t i, std::string body,
                       net::HttpClient& http, bool retried) {
  // Runs on the io thread (or the searching thread for a cached token); the lambda below owns
  // everything it needs, so it may run after the search returned.
  endpoint->tokens->Get([endpoint, search, i, body = std::move(body), &http,
                         retried](SupplierResult<std::string> token) mutable {
    if (!token) {
      search->Deliver(i, tl::unexpected(token.error()));
      return;
    }
    if (search->closed()) return;
    net::ClientRequest request;
    request.method = "POST";
    request.url = endpoint->config.base_url + std::string(amadeus::kAmadeusFlightOffersPath);
    request.headers = {{"Authorization", "Bearer " + *token},
                       {"Content-Type", "application/vnd.amadeus+json"},
                       {"Accept", "application/vnd.amadeus+json, application/json"},
                       {"X-HTTP-Method-Override", "GET"}};
    request.body = body;
    request.deadline = search->deadline(i);
    LimitBody(*endpoint, request);
    http.Send(std::move(request),
              [endpoint, search, i, body = std::move(body), &http, retried,
               used = *std::move(token)](Result<net::ClientResponse> response) mutable {
                if (response && response->status == 401 && !retried) {
                  endpoint->tokens->Invalidate(used);
                  if (search->closed()) return;
                  SendAmadeusSearch(endpoint, search, i, std::move(body), http, true);
                  return;
                }
                DeliverAnswer(*search, i, std::move(response));
              });
  });
}

void PrepareAmadeus(SupplierEndpoint& e, const EnvReader& env, net::HttpClient& http,
                    const SteadyClockSource& clock) {
  ReadCredential(env, e.config.client_id_env, e.client_id, e.missing_credentials);
  ReadCredential(env, e.config.client_secret_env, e.client_secret, e.missing_credentials);
  e.tokens = amadeus::AmadeusTokenCache::Create(AmadeusTokenFetcher(e, http), clock);
}

void StartAmadeus(std::shared_ptr<SupplierEndpoint> endpoint, std::shared_ptr<SearchState> search,
                  std::size_t i, const SearchRequest& request, net::HttpClient& http) {
  std::string body = amadeus::AmadeusQueryBody(request, endpoint->config.max_offers);
  SendAmadeusSearch(std::move(endpoint), std::move(search), i, std::move(body), http, false);
}

void PrepareDuffel(SupplierEndpoint& e, const EnvReader& env, net::HttpClient&,
                   const SteadyClockSource&) {
  ReadCredential(env, e.config.token_env, e.access_token, e.missing_credentials);
}

void StartDuffel(std::shared_ptr<SupplierEndpoint> endpoint, std::shared_ptr<SearchState> search,
                 std::size_t i, const SearchRequest& search_request, net::HttpClient& http) {
  if (endpoint->config.page_size > 0) {
    StartDuffelPages(std::move(endpoint), std::move(search), i, search_request, http);
    return;
  }
  net::ClientRequest request =
      DuffelApiRequest(*endpoint, "POST", duffel::DuffelOfferRequestTarget(search->time_left(i)),
                       duffel::DuffelOfferRequestBody(search_request), search->deadline(i));
  LimitBody(*endpoint, request);
  http.Send(std::move(request), [search, i](Result<net::ClientResponse> response) {
    DeliverAnswer(*search, i, std::move(response));
  });
}

constexpr SupplierClient kAmadeusClient{&PrepareAmadeus, &StartAmadeus};
constexpr SupplierClient kDuffelClient{&PrepareDuffel, &StartDuffel};

}  // namespace

std::optional<SupplierFailure> FailureOf(const Result<net::ClientResponse>& response) {
  if (!response) return TransportFailure(response.error());
  if (response->status < 200 || response->status > 299) return HttpFailure(response->status);
  return std::nullopt;
}

const SupplierClient* ClientFor(SupplierKind kind) {
  switch (kind) {
    case SupplierKind::kAmadeus:
      return &kAmadeusClient;
    case SupplierKind::kDuffel:
      return &kDuffelClient;
    case SupplierKind::kBuiltin:
      break;
  }
  return nullptr;
}

}  // namespace fareflow::fanout
