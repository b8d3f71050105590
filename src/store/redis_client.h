#ifndef FAREFLOW_STORE_REDIS_CLIENT_H_
#define FAREFLOW_STORE_REDIS_CLIENT_H_

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/circuit_breaker.h"
#include "core/result.h"
#include "store/redis_url.h"

struct redisContext;
struct redisReply;

namespace fareflow {

// A blocking Redis client (hiredis) for the few commands the shared search store and the cache
// of supplier answers need. Keeps a
// small pool of connections, so the housekeeper's writes and refines' reads on the search pool
// do not wait for each other; a connection that failed is closed, never reused, and the next
// call connects afresh. Every call is bounded by `timeout` (connect, send and receive each), and
// the calls a search waits on also by the search's deadline, whichever comes first.
//
// Failures are values: kUnavailable when the server cannot be reached or answers an error,
// kTimeout when it does not answer in time. Thread-safe.
class RedisClient {
 public:
  RedisClient(RedisEndpoint endpoint, std::chrono::milliseconds timeout);
  RedisClient(const RedisClient&) = delete;
  RedisClient& operator=(const RedisClient&) = delete;
  ~RedisClient();

  // SET key value PX ttl.
  Result<void> Set(std::string_view key, std::string_view value, std::chrono::milliseconds ttl);
  // No deadline beyond the client's timeout.
  static constexpr std::chrono::steady_clock::time_point kNoDeadline =
      std::chrono::steady_clock::time_point::max();

  // SET key value NX PX ttl: true when it was set, false when the key was there already. Ends
  // with kTimeout at `deadline` when that comes before the timeout.
  Result<bool> SetIfAbsent(std::string_view key, std::string_view value,
                           std::chrono::milliseconds ttl,
                           std::chrono::steady_clock::time_point deadline = kNoDeadline);
  // Deletes `key` only while it holds `value` (one script, so a lock's owner never deletes a lock
  // another has taken since its own lapsed); nothing when it holds anything else or is gone.
  Result<void> DeleteIfEquals(std::string_view key, std::string_view value);
  // GET key; nullopt when there is no such key. Ends with kTimeout at `deadline` when that comes
  // before the timeout.
  Result<std::optional<std::string>> Get(
      std::string_view key, std::chrono::steady_clock::time_point deadline = kNoDeadline);
  // PING, for start-up checks.
  Result<void> Ping();

  const RedisEndpoint& endpoint() const { return endpoint_; }

 private:
  struct ContextDeleter {
    void operator()(redisContext* c) const;
  };
  using Connection = std::unique_ptr<redisContext, ContextDeleter>;
  struct ReplyDeleter {
    void operator()(redisReply* r) const;
  };
  using Reply = std::unique_ptr<redisReply, ReplyDeleter>;

  // Sends what `send` writes on a pooled connection and returns the reply (an error reply
  // included). A connection that fails is closed; when a pooled one fails other than by timing
  // out (it may have gone stale while idle), the command is sent once more on a fresh one.
  // Connect, send and receive are each bounded by the timeout or by what is left before
  // `deadline`, whichever is less; nothing is sent once `deadline` has passed.
  Result<Reply> Call(const std::function<void*(redisContext*)>& send,
                     std::chrono::steady_clock::time_point deadline = kNoDeadline);

  void Give(Connection connection);
  // A connection whose calls wait at most `timeout` (connect included).
  Result<Connection> Connect(std::chrono::milliseconds timeout) const;

  const RedisEndpoint endpoint_;
  const std::chrono::milliseconds timeout_;
  std::mutex mu_;
  std::vector<Connection> idle_;  // at most kMaxIdle
};

// Runs `call` (a RedisClient call) through `breaker`: kUnavailable without calling while it is
// open. Any failure counts against it, an error reply too: a Redis that refuses writes (out of
// memory, a replica) will not serve the next call better. A timeout that came at `deadline` (the
// caller's, passed to the call too) is the caller's running out of time, not Redis failing, and
// counts neither way. The shared search store and the cache of supplier answers each keep a
// breaker in front of Redis and call through this.
template <typename Call>
auto GuardedRedisCall(CircuitBreaker& breaker, Call call,
                      std::chrono::steady_clock::time_point deadline = RedisClient::kNoDeadline)
    -> decltype(call()) {
  const CircuitBreaker::Admission admission = breaker.Admit();
  if (!admission.allowed) {
    return MakeError(ErrorCode::kUnavailable, "redis skipped: " + admission.reason);
  }
  decltype(call()) result;
  try {
    result = call();
  } catch (...) {  // a trial that never reported would keep the breaker half-open for good
    breaker.Record(admission.trial, BreakerVerdict::kFailure);
    throw;
  }
  BreakerVerdict verdict = result ? BreakerVerdict::kSuccess : BreakerVerdict::kFailure;
  if (!result && result.error().code == ErrorCode::kTimeout &&
      std::chrono::steady_clock::now() >= deadline) {
    verdict = BreakerVerdict::kNeutral;
  }
  breaker.Record(admission.trial, verdict);
  return result;
}

}  // namespace fareflow

#endif  // FAREFLOW_STORE_REDIS_CLIENT_H_
