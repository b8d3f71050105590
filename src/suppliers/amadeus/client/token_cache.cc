#include "suppliers/amadeus/client/token_cache.h"

#include <algorithm>
#include <utility>

namespace fareflow::amadeus {
namespace {

constexpr std::chrono::seconds kMaxMargin{60};

}  // namespace

std::shared_ptr<AmadeusTokenCache> AmadeusTokenCache::Create(Fetcher fetch, SteadyClockSource now) {
  return std::shared_ptr<AmadeusTokenCache>(
      new AmadeusTokenCache(std::move(fetch), std::move(now)));
}

AmadeusTokenCache::AmadeusTokenCache(Fetcher fetch, SteadyClockSource now)
    : fetch_(std::move(fetch)), now_(ClockOrSteady(std::move(now))) {}

void AmadeusTokenCache::Get(TokenCallback done) {
  std::unique_lock lock(mu_);
  if (!token_.empty() && now_() < valid_until_) {
    std::string token = token_;
    lock.unlock();
    done(std::move(token));
    return;
  }
  waiting_.push_back(std::move(done));
  if (fetching_) return;
  fetching_ = true;
  ++fetches_;
  lock.unlock();
  // The fetch may complete on this very thread, so no lock is held while it starts.
  fetch_([self = shared_from_this()](SupplierResult<AmadeusToken> result) {
    self->Finish(std::move(result));
  });
}

void AmadeusTokenCache::Finish(SupplierResult<AmadeusToken> result) {
  std::vector<TokenCallback> waiting;
  {
    std::lock_guard lock(mu_);
    fetching_ = false;
    waiting.swap(waiting_);
    if (result) {
      const std::chrono::seconds life = result->expires_in;
      const std::chrono::seconds margin = std::min(kMaxMargin, life / 10);
      token_ = result->access_token;
      valid_until_ = now_() + (life - margin);
    }
  }
  for (TokenCallback& done : waiting) {
    if (result) {
      done(result->access_token);
    } else {
      done(tl::unexpected(result.error()));
    }
  }
}

void AmadeusTokenCache::Invalidate(const std::string& token) {
  std::lock_guard lock(mu_);
  if (token_ == token) token_.clear();
}

int AmadeusTokenCache::fetches() const {
  std::lock_guard lock(mu_);
  return fetches_;
}

}  // namespace fareflow::amadeus
