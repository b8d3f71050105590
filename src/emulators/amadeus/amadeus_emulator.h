#ifndef FAREFLOW_EMULATORS_AMADEUS_AMADEUS_EMULATOR_H_
#define FAREFLOW_EMULATORS_AMADEUS_AMADEUS_EMULATOR_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "net/wire_exchange.h"
#include "suppliers/amadeus/server/token_store.h"

namespace fareflow::emulators {

// How an AmadeusEmulator behaves.
struct AmadeusEmulatorOptions {
  // The only credentials the token endpoint accepts.
  std::string client_id = "fareflow-client";
  std::string client_secret = "fareflow-secret";
  // Echoed in the token response's `username` and `application_name`.
  std::string username = "fareflow@example.com";
  std::string application_name = "fareflow";
  // Lifetime of every access token, as `expires_in` states it.
  int token_ttl_seconds = 1799;
  // Upper bound on the offers of one answer below the request's `max`; 0 = no bound beyond it.
  int offers_cap = 0;
  // The clock (Unix seconds) for token expiry and for "today" in date checks. Empty: the system
  // clock. Called from every thread that calls Handle, so it must be thread-safe.
  std::function<int64_t()> now_unix_seconds;
};

// The behaviour of Amadeus Self-Service's Flight Offers Search v2 and its OAuth2 token endpoint,
// as plain request -> response handling without sockets (the HTTP server and any fault injection
// sit outside). Routes:
//
//   POST /v1/security/oauth2/token    form body grant_type=client_credentials&client_id=…&
//                                     client_secret=…  ->  200 amadeusOAuth2Token; 400
//                                     invalid_request / unsupported_grant_type; 401 invalid_client
//   GET  /v2/shopping/flight-offers   query parameters of the spec (see get_query.h)
//   POST /v2/shopping/flight-offers   GetFlightOffersQuery body (see post_query.h); requires the
//                                     header `X-HTTP-Method-Override: GET`
//
// Flight-offers calls need `Authorization: Bearer <token>`: a missing or malformed header is 401
// code 38191, a token never issued 38190, an expired one 38192. A valid search answers offers of
// the built-in generator written in the real v2 response format (see offer_search.h); an invalid
// one answers 400 with every issue found (Error_400: status, code, title, detail, source). An
// unknown path is 404, a known path with another method 405 (with `Allow`), an unexpected
// exception 500 code 141 (Error_500).
//
// Thread-safe: Handle may be called from any number of threads at once.
class AmadeusEmulator {
 public:
  explicit AmadeusEmulator(AmadeusEmulatorOptions options);
  AmadeusEmulator(const AmadeusEmulator&) = delete;
  AmadeusEmulator& operator=(const AmadeusEmulator&) = delete;

  // Answers one request. Never throws.
  net::WireResponse Handle(const net::WireRequest& request);

 private:
  net::WireResponse Route(const net::WireRequest& request);
  net::WireResponse IssueToken(const net::WireRequest& request);
  net::WireResponse FlightOffers(const net::WireRequest& request);
  // The 401 answer when the request carries no valid access token; nullopt when it does.
  std::optional<net::WireResponse> RejectUnauthorized(const net::WireRequest& request) const;
  int64_t Now() const;

  const AmadeusEmulatorOptions options_;
  amadeus::TokenStore tokens_;
};

}  // namespace fareflow::emulators

#endif  // FAREFLOW_EMULATORS_AMADEUS_AMADEUS_EMULATOR_H_
