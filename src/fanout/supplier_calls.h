#ifndef FAREFLOW_FANOUT_SUPPLIER_CALLS_H_
#define FAREFLOW_FANOUT_SUPPLIER_CALLS_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/steady_clock_source.h"
#include "engine/supplier_kind.h"
#include "fanout/search_state.h"
#include "fanout/supplier_endpoint.h"
#include "model/search_request.h"
#include "model/supplier_failure.h"
#include "net/http_client.h"

namespace fareflow::fanout {

// The value of an environment variable, nullopt when unset (FanOutOptions::env).
using EnvReader = std::function<std::optional<std::string>(const std::string& name)>;

// How the fan-out calls one kind of HTTP supplier. The table behind ClientFor is the fan-out's
// only list of supplier kinds (docs/architecture.md, "Adding a supplier"); what is sent and how
// the answers are read comes from the supplier's own folder (suppliers/<name>/client).
struct SupplierClient {
  // Reads the endpoint's credentials through `env`, noting each missing one in
  // endpoint.missing_credentials, and builds what the endpoint keeps across searches (Amadeus's
  // token cache). Called once per endpoint, by the FanOut constructor.
  void (*prepare)(SupplierEndpoint& endpoint, const EnvReader& env, net::HttpClient& http,
                  const SteadyClockSource& clock);
  // Starts call `i` of `search`, asking for `request`. The answer reaches search->Deliver on the
  // HTTP client's io thread, or on this thread when the call fails at once. `request` is read
  // only during the call.
  void (*start)(std::shared_ptr<SupplierEndpoint> endpoint, std::shared_ptr<SearchState> search,
                std::size_t i, const SearchRequest& request, net::HttpClient& http);
};

// Why `response`, a supplier's HTTP answer, is not a usable one: a transport failure, or a status
// that is not 2xx; nullopt for a 2xx answer.
std::optional<SupplierFailure> FailureOf(const Result<net::ClientResponse>& response);

// How to call a supplier of `kind`; nullptr for the built-in supplier, which runs in process.
//
// Amadeus: a token from the endpoint's cache, then `POST {base}/v2/shopping/flight-offers`; a 401
// (token expired or revoked) invalidates the token, fetches a new one and retries once, within
// the call's deadline. Tokens come from `POST {base}/v1/security/oauth2/token` with the client
// credentials, bounded by the supplier's timeout.
// Duffel: `POST {base}/air/offer_requests?return_offers=true…` with the access token; with a
// page_size, the offer request without offers and then its pages (fanout/duffel_pages.h).
const SupplierClient* ClientFor(SupplierKind kind);

}  // namespace fareflow::fanout

#endif  // FAREFLOW_FANOUT_SUPPLIER_CALLS_H_
