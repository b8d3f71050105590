#ifndef FAREFLOW_SUPPLIERS_AMADEUS_CLIENT_TOKEN_CACHE_H_
#define FAREFLOW_SUPPLIERS_AMADEUS_CLIENT_TOKEN_CACHE_H_

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/steady_clock_source.h"
#include "model/supplier_failure.h"
#include "suppliers/amadeus/client/token.h"

namespace fareflow::amadeus {

// One Amadeus supplier's access token, shared by every search. A token is kept until
// `expires_in` minus a safety margin (10% of its life, at most 60 s) so that it is never sent
// about to expire. At most one token request is in flight: searches that need a token while one
// is being fetched wait for that fetch and share its result.
//
// Thread-safe. Hold it in a std::shared_ptr (Create): a fetch in flight keeps the cache alive.
class AmadeusTokenCache : public std::enable_shared_from_this<AmadeusTokenCache> {
 public:
  using TokenCallback = std::function<void(SupplierResult<std::string>)>;
  using FetchDone = std::function<void(SupplierResult<AmadeusToken>)>;
  // Starts one token request and calls `done` exactly once with its result, on any thread
  // (possibly before returning).
  using Fetcher = std::function<void(FetchDone done)>;

  static std::shared_ptr<AmadeusTokenCache> Create(Fetcher fetch, SteadyClockSource now = {});

  AmadeusTokenCache(const AmadeusTokenCache&) = delete;
  AmadeusTokenCache& operator=(const AmadeusTokenCache&) = delete;

  // Calls `done` with a bearer token: on this thread before returning when a valid one is
  // cached, otherwise on the thread that completes the fetch (the HTTP client's io thread).
  // A failed fetch is reported to every search waiting for it and is not cached.
  void Get(TokenCallback done);

  // Forgets `token` when it is the cached one (the search endpoint answered 401: expired or
  // revoked). A token fetched meanwhile by another search is kept.
  void Invalidate(const std::string& token);

  // Token requests started so far.
  int fetches() const;

 private:
  AmadeusTokenCache(Fetcher fetch, SteadyClockSource now);
  void Finish(SupplierResult<AmadeusToken> result);

  const Fetcher fetch_;
  const SteadyClockSource now_;
  mutable std::mutex mu_;
  std::string token_;  // empty: none cached
  std::chrono::steady_clock::time_point valid_until_{};
  bool fetching_ = false;
  std::vector<TokenCallback> waiting_;
  int fetches_ = 0;
};

}  // namespace fareflow::amadeus

#endif  // FAREFLOW_SUPPLIERS_AMADEUS_CLIENT_TOKEN_CACHE_H_
