#ifndef FAREFLOW_FANOUT_SUPPLIER_CALLS_H_
#define FAREFLOW_FANOUT_SUPPLIER_CALLS_H_

#include <cstddef>
#include <memory>
#include <string>

#include "fanout/search_state.h"
#include "fanout/supplier_endpoint.h"
#include "net/http_client.h"

namespace fareflow::fanout {

// Starts call `i` of `search` to an Amadeus supplier: a token from the endpoint's cache, then
// `POST {base}/v2/shopping/flight-offers` with `body`. A 401 (token expired or revoked)
// invalidates the token, fetches a new one and retries once, within the call's deadline. The
// answer reaches search->Deliver on the HTTP client's io thread (or on this thread when the
// token cache fails at once).
void StartAmadeusCall(std::shared_ptr<SupplierEndpoint> endpoint,
                      std::shared_ptr<SearchState> search, std::size_t i, std::string body,
                      net::HttpClient& http);

// Starts call `i` to a Duffel supplier: `POST {base}/air/offer_requests?return_offers=true…`.
void StartDuffelCall(std::shared_ptr<SupplierEndpoint> endpoint,
                     std::shared_ptr<SearchState> search, std::size_t i, std::string body,
                     net::HttpClient& http);

// The token fetcher of an Amadeus endpoint: `POST {base}/v1/security/oauth2/token` with the
// client credentials, bounded by the supplier's timeout. `endpoint` must outlive the fetcher
// (it is stored in the endpoint's own token cache).
amadeus::AmadeusTokenCache::Fetcher AmadeusTokenFetcher(const SupplierEndpoint& endpoint,
                                                        net::HttpClient& http);

}  // namespace fareflow::fanout

#endif  // FAREFLOW_FANOUT_SUPPLIER_CALLS_H_
