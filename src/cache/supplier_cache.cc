#include "cache/supplier_cache.h"

#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <utility>

#include "cache/payload_frames.h"
#include "core/secure_random.h"

namespace fareflow::cache {

struct SupplierCache::Counters {
  std::atomic<uint64_t> hits{0}, misses{0}, stale_serves{0}, refreshes{0}, joins{0},
      budget_refusals{0};
  std::atomic<uint64_t> stores{0}, stores_dropped{0}, redis_hits{0}, redis_errors{0};
  // Bytes of payloads queued or being stored: bounded by max_pending_bytes.
  std::atomic<std::size_t> pending_bytes{0};
  // Set by the destructor: waits on other instances end at once (null) instead of at `until`.
  std::atomic<bool> stopping{false};
  // The token of each claim this instance holds (ClaimCall), by key digest: what it deletes, so
  // that it never deletes a claim another instance took after its own lapsed.
  std::mutex claims_mu;
  std::unordered_map<std::string, std::string> claims;
};

namespace {

// Unix seconds to the UTC day they fall in.
Days DayOfSeconds(int64_t seconds) {
  return static_cast<Days>(seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400));
}

}  // namespace

SupplierCache::SupplierCache(SupplierCacheOptions options, std::unique_ptr<RedisClient> redis)
    : options_(std::move(options)),
      local_(options_.max_bytes),
      redis_(std::move(redis)),
      breaker_(options_.breaker_failures, options_.breaker_cooldown, options_.steady),
      counters_(std::make_unique<Counters>()),
      pool_(options_.threads == 0 ? 1 : options_.threads) {}

SupplierCache::~SupplierCache() { counters_->stopping.store(true, std::memory_order_relaxed); }

int64_t SupplierCache::Now() const {
  if (options_.clock) return options_.clock();
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string SupplierCache::EntryKey(const CacheKey& key) const {
  return options_.redis_key_prefix + key.digest;
}

std::string SupplierCache::ClaimKey(const CacheKey& key) const {
  return options_.redis_key_prefix + "claim:" + key.digest;
}

EntryPtr SupplierCache::LookupLocal(const CacheKey& key) {
  return local_.Get(key.digest, key.text, Now());
}

EntryPtr SupplierCache::Lookup(const CacheKey& key,
                               std::chrono::steady_clock::time_point deadline) {
  EntryPtr local = LookupLocal(key);
  if (redis_ == nullptr || (local != nullptr && local->Fresh(Now()))) return local;
  // A stale copy here may have been refreshed by another instance since: the fresher one wins,
  // so that this instance does not call the supplier again for an answer Redis holds.
  EntryPtr shared = LookupRedis(key, deadline);
  if (local == nullptr) return shared;
  return shared != nullptr && shared->fresh_until > local->fresh_until ? shared : local;
}

EntryPtr SupplierCache::LookupRedis(const CacheKey& key,
                                    std::chrono::steady_clock::time_point deadline) {
  auto value = GuardedRedisCall(
      breaker_, [&] { return redis_->Get(EntryKey(key), deadline); }, deadline);
  if (!value) {
    counters_->redis_errors.fetch_add(1, std::memory_order_relaxed);
    return nullptr;
  }
  if (!value->has_value()) return nullptr;
  auto entry = DecodeEntry(**value);
  // A value another version wrote, or damaged: a miss, counted as the tier failing this lookup.
  if (!entry) {
    counters_->redis_errors.fetch_add(1, std::memory_order_relaxed);
    return nullptr;
  }
  // A digest collision, or an entry another instance's clock still keeps.
  if (entry->key_text != key.text || Now() >= entry->keep_until) return nullptr;
  auto shared = std::make_shared<const CacheEntry>(std::move(*entry));
  EntryPtr local = local_.Get(key.digest, key.text, Now());
  if (local == nullptr || shared->fresh_until > local->fresh_until) local_.Put(key.digest, shared);
  counters_->redis_hits.fetch_add(1, std::memory_order_relaxed);
  return shared;
}

CacheEntry SupplierCache::NewEntry(const CacheKey& key, const FareSummary& summary) const {
  CacheEntry entry;
  entry.key_text = key.text;
  entry.summary = summary;
  entry.stored_at = Now();
  const std::chrono::seconds fresh =
      options_.freshness.FreshFor(key.departure, DayOfSeconds(entry.stored_at), summary.offers);
  entry.fresh_until = entry.stored_at + fresh.count();
  entry.keep_until = entry.fresh_until + options_.freshness.max_stale.count();
  return entry;
}

void SupplierCache::StoreLater(CacheKey key, std::shared_ptr<const std::string> payload,
                               const FareSummary& summary) {
  if (payload->size() > options_.max_payload_bytes) {
    counters_->stores_dropped.fetch_add(1, std::memory_order_relaxed);
    ReleaseCallLater(key);
    return;
  }
  // The payloads waiting to be stored are held uncompressed (alive after their search for the
  // store): their bytes are bounded, not only their number.
  const std::size_t size = payload->size();
  if (counters_->pending_bytes.fetch_add(size) + size > options_.max_pending_bytes) {
    counters_->pending_bytes.fetch_sub(size);
    counters_->stores_dropped.fetch_add(1, std::memory_order_relaxed);
    ReleaseCallLater(key);
    return;
  }
  const std::string digest = key.digest;
  const bool queued = pool_.TrySubmit(
      [this, key = std::move(key), payload = std::move(payload),
       summary](simdjson::ondemand::parser&) {
        struct Done {  // whatever happens below, the payload's bytes are no longer pending
          Counters& c;
          std::size_t n;
          ~Done() { c.pending_bytes.fetch_sub(n); }
        } done{*counters_, payload->size()};
        try {
          CacheEntry entry = NewEntry(key, summary);
          entry.compressed = CompressPayload(*payload);
          entry.payload_size = payload->size();
          auto shared = std::make_shared<const CacheEntry>(std::move(entry));
          local_.Put(key.digest, shared);
          if (redis_ != nullptr) {
            WriteRedis(key, *shared);
            if (const auto token = TakeClaimToken(key.digest)) ReleaseClaim(key, *token);
          }
          // Counted once the store is done, Redis included: an instance sharing the cache that
          // looks after this count finds the entry.
          counters_->stores.fetch_add(1, std::memory_order_relaxed);
        } catch (const std::exception&) {  // e.g. no memory to compress: this store is lost
          counters_->stores_dropped.fetch_add(1, std::memory_order_relaxed);
        }
      },
      options_.queue_limit);
  if (!queued) {
    counters_->pending_bytes.fetch_sub(size);
    counters_->stores_dropped.fetch_add(1, std::memory_order_relaxed);
    (void)TakeClaimToken(digest);  // the claim lapses after claim_ttl
  }
}

void SupplierCache::WriteRedis(const CacheKey& key, const CacheEntry& entry) {
  const int64_t ttl_seconds = entry.keep_until - Now();
  if (ttl_seconds <= 0) return;
  const std::string value = EncodeEntry(entry);
  auto written = GuardedRedisCall(breaker_, [&] {
    return redis_->Set(EntryKey(key), value, std::chrono::seconds(ttl_seconds));
  });
  if (!written) counters_->redis_errors.fetch_add(1, std::memory_order_relaxed);
}

void SupplierCache::StoreSummary(const CacheKey& key, const FareSummary& summary) {
  local_.Put(key.digest, std::make_shared<const CacheEntry>(NewEntry(key, summary)));
  counters_->stores.fetch_add(1, std::memory_order_relaxed);
}

bool SupplierCache::ClaimCall(const CacheKey& key, std::chrono::steady_clock::time_point deadline) {
  if (redis_ == nullptr) return true;
  std::string token = SecureRandomHex("");
  auto claimed = GuardedRedisCall(
      breaker_,
      [&] { return redis_->SetIfAbsent(ClaimKey(key), token, options_.claim_ttl, deadline); },
      deadline);
  if (!claimed) {  // no shared single flight without Redis: this instance calls
    counters_->redis_errors.fetch_add(1, std::memory_order_relaxed);
    return true;
  }
  if (!*claimed) return false;
  std::lock_guard lock(counters_->claims_mu);
  counters_->claims[key.digest] = std::move(token);
  return true;
}

std::optional<std::string> SupplierCache::TakeClaimToken(const std::string& digest) {
  std::lock_guard lock(counters_->claims_mu);
  const auto it = counters_->claims.find(digest);
  if (it == counters_->claims.end()) return std::nullopt;
  std::string token = std::move(it->second);
  counters_->claims.erase(it);
  return token;
}

void SupplierCache::ReleaseClaim(const CacheKey& key, const std::string& token) {
  auto released =
      GuardedRedisCall(breaker_, [&] { return redis_->DeleteIfEquals(ClaimKey(key), token); });
  if (!released) counters_->redis_errors.fetch_add(1, std::memory_order_relaxed);
}

void SupplierCache::ReleaseCallLater(const CacheKey& key) {
  if (redis_ == nullptr) return;
  std::optional<std::string> token = TakeClaimToken(key.digest);
  if (!token) return;
  // Not queued: the claim lapses after claim_ttl, and other instances wait until then.
  (void)pool_.TrySubmit([this, key, token = std::move(*token)](
                            simdjson::ondemand::parser&) { ReleaseClaim(key, token); },
                        options_.queue_limit);
}

void SupplierCache::AwaitOtherInstance(CacheKey key, std::chrono::steady_clock::time_point until,
                                       std::function<void(EntryPtr)> done) {
  if (redis_ == nullptr) return done(nullptr);
  // `done` is needed again when the queue refuses the task, so the task holds a shared copy.
  auto callback = std::make_shared<std::function<void(EntryPtr)>>(std::move(done));
  PoolWait wait{.deadline = until, .refuse = [callback](PoolRefusal) { (*callback)(nullptr); }};
  const bool queued = pool_.TrySubmit(
      [this, key = std::move(key), until, callback](simdjson::ondemand::parser&) {
        EntryPtr entry;
        try {
          entry = PollOtherInstance(key, until);
        } catch (const std::exception&) {  // e.g. no memory for the entry: the caller calls
          entry = nullptr;
        }
        (*callback)(std::move(entry));
      },
      options_.queue_limit, std::move(wait));
  if (!queued) (*callback)(nullptr);
}

EntryPtr SupplierCache::PollOtherInstance(const CacheKey& key,
                                          std::chrono::steady_clock::time_point until) {
  for (;;) {
    if (counters_->stopping.load(std::memory_order_relaxed)) return nullptr;
    // The claim is read before the entry: the caller stores the entry, then deletes its claim,
    // so a claim gone before an entry that is still missing means no entry is coming.
    auto claim = GuardedRedisCall(
        breaker_, [&] { return redis_->Get(ClaimKey(key), until); }, until);
    if (!claim) {
      counters_->redis_errors.fetch_add(1, std::memory_order_relaxed);
      return nullptr;
    }
    if (EntryPtr entry = LookupRedis(key, until)) return entry;
    if (!claim->has_value()) return nullptr;
    const auto now = std::chrono::steady_clock::now();
    if (now >= until) return nullptr;
    std::this_thread::sleep_for(
        std::min<std::chrono::steady_clock::duration>(options_.claim_poll, until - now));
  }
}

void SupplierCache::Note(CacheEvent event) {
  Counters& c = *counters_;
  std::atomic<uint64_t>* counter = nullptr;
  switch (event) {
    case CacheEvent::kHit:
      counter = &c.hits;
      break;
    case CacheEvent::kMiss:
      counter = &c.misses;
      break;
    case CacheEvent::kStaleServe:
      counter = &c.stale_serves;
      break;
    case CacheEvent::kRefresh:
      counter = &c.refreshes;
      break;
    case CacheEvent::kJoin:
      counter = &c.joins;
      break;
    case CacheEvent::kBudgetRefusal:
      counter = &c.budget_refusals;
      break;
  }
  if (counter != nullptr) counter->fetch_add(1, std::memory_order_relaxed);
}

SupplierCacheStats SupplierCache::stats() const {
  const Counters& c = *counters_;
  constexpr auto kRelaxed = std::memory_order_relaxed;
  return {.hits = c.hits.load(kRelaxed),
          .misses = c.misses.load(kRelaxed),
          .stale_serves = c.stale_serves.load(kRelaxed),
          .refreshes = c.refreshes.load(kRelaxed),
          .joins = c.joins.load(kRelaxed),
          .budget_refusals = c.budget_refusals.load(kRelaxed),
          .stores = c.stores.load(kRelaxed),
          .stores_dropped = c.stores_dropped.load(kRelaxed),
          .redis_hits = c.redis_hits.load(kRelaxed),
          .redis_errors = c.redis_errors.load(kRelaxed),
          .evictions = local_.evictions(),
          .bytes_held = local_.bytes(),
          .entries = local_.entries(),
          .breaker_opens = breaker_.opens()};
}

}  // namespace fareflow::cache
