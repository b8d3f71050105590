#ifndef FAREFLOW_EMULATORS_DUFFEL_DUFFEL_EMULATOR_H_
#define FAREFLOW_EMULATORS_DUFFEL_DUFFEL_EMULATOR_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "emulators/duffel/offer_request_store.h"
#include "net/wire_exchange.h"
#include "suppliers/duffel/server/errors.h"

namespace fareflow::emulators {

// How a DuffelEmulator behaves; fixed at construction.
struct DuffelEmulatorOptions {
  // Tokens accepted in `Authorization: Bearer <token>`.
  std::vector<std::string> access_tokens = {"duffel_test_fareflow"};
  // Offers generated per offer request (builtin::GenerateOffers), before the request's
  // max_connections removes longer itineraries.
  int offers_per_request = 300;
  // Offer requests remembered; older ones (and their offers) answer 404.
  int max_stored_requests = 64;
  // The clock, in Unix seconds: `created_at` of offer requests and offers (offers expire 30
  // minutes later) and "today" for the departure-date check. Empty: the system clock.
  std::function<int64_t()> now_unix_seconds;
  // Mixed into every id (offer requests, offers, request ids), so that two emulators standing
  // for two Duffel accounts answer with different ids. The same seed and the same sequence of
  // requests give the same bytes.
  uint64_t id_seed = 0;
};

// Duffel's flight search API (v2) as plain code, for `fareflow-supplier --kind duffel` and tests;
// it knows no sockets, latency or faults (the HTTP server and its fault injection wrap it).
//
//   POST /air/offer_requests?return_offers=true|false&supplier_timeout=<ms>
//        -> 201 the offer request, with its offers unless return_offers=false
//   GET  /air/offer_requests/{id}          -> 200 the stored offer request with its offers
//   GET  /air/offers?offer_request_id=…&sort=…&limit=…&after=…&before=…&max_connections=…
//        -> 200 a list page; paging with `after` returns every offer exactly once
//   GET  /air/offers/{id}                  -> 200 one offer
//
// Every request needs `Authorization: Bearer <accepted token>` (else 401) and
// `Duffel-Version: v2` (else 400); an `Accept` header, when sent, must allow application/json
// (else 406). Errors use Duffel's envelope (see suppliers/duffel/server/errors.h); every response
// carries `x-request-id`. Offers come from the built-in generator (deterministic per search) and
// are written by the Duffel response writers; an offer keeps its id in every response. Offer
// requests are kept in memory, the most recent `max_stored_requests` of them.
//
// Thread-safe: Handle may be called from any number of threads at once.
class DuffelEmulator {
 public:
  explicit DuffelEmulator(DuffelEmulatorOptions options);
  DuffelEmulator(const DuffelEmulator&) = delete;
  DuffelEmulator& operator=(const DuffelEmulator&) = delete;

  // Answers one request. Never throws for any input.
  net::WireResponse Handle(const net::WireRequest& request);

 private:
  // The checks every endpoint shares: authorization, version, Accept. nullopt when they pass.
  std::optional<duffel::DuffelProblem> CheckHeaders(const net::WireRequest& request) const;

  // The endpoints, past the header checks; a problem becomes Duffel's error envelope.
  tl::expected<net::WireResponse, duffel::DuffelProblem> CreateOfferRequest(
      const net::WireRequest& request);
  tl::expected<net::WireResponse, duffel::DuffelProblem> GetOfferRequest(std::string_view id) const;
  tl::expected<net::WireResponse, duffel::DuffelProblem> ListOffers(
      const net::WireRequest& request) const;
  tl::expected<net::WireResponse, duffel::DuffelProblem> GetOffer(std::string_view id) const;

  // The clock of the options, or the system clock.
  int64_t Now() const;

  const DuffelEmulatorOptions options_;
  OfferRequestStore store_;
  std::atomic<uint64_t> requests_{0};        // every request: seeds x-request-id
  std::atomic<uint64_t> offer_requests_{0};  // created offer requests: seeds their ids
};

}  // namespace fareflow::emulators

#endif  // FAREFLOW_EMULATORS_DUFFEL_DUFFEL_EMULATOR_H_
