#include "store/redis_client.h"

#include <hiredis/hiredis.h>
#include <sys/time.h>

#include <algorithm>
#include <cerrno>
#include <utility>

namespace fareflow {
namespace {

constexpr std::size_t kMaxIdle = 4;

timeval ToTimeval(std::chrono::milliseconds ms) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
  return tv;
}

// The failure of a call on `c`, which must not be used again.
Error ConnectionError(const redisContext* c, const RedisEndpoint& endpoint) {
  const std::string where = endpoint.host + ":" + std::to_string(endpoint.port);
  // hiredis reports a receive timeout as an I/O error with errno EAGAIN.
  if (c->err == REDIS_ERR_IO && (errno == EAGAIN || errno == EWOULDBLOCK)) {
    return Error{ErrorCode::kTimeout, "redis " + where + ": no answer in time", ""};
  }
  return Error{ErrorCode::kUnavailable, "redis " + where + ": " + c->errstr, ""};
}

}  // namespace

void RedisClient::ContextDeleter::operator()(redisContext* c) const { redisFree(c); }
void RedisClient::ReplyDeleter::operator()(redisReply* r) const { freeReplyObject(r); }

RedisClient::RedisClient(RedisEndpoint endpoint, std::chrono::milliseconds timeout)
    : endpoint_(std::move(endpoint)), timeout_(timeout) {}

RedisClient::~RedisClient() = default;

Result<RedisClient::Connection> RedisClient::Connect(std::chrono::milliseconds timeout) const {
  Connection c(redisConnectWithTimeout(endpoint_.host.c_str(), endpoint_.port, ToTimeval(timeout)));
  if (c == nullptr) return MakeError(ErrorCode::kUnavailable, "redis: out of memory");
  if (c->err) return tl::unexpected(ConnectionError(c.get(), endpoint_));
  if (redisSetTimeout(c.get(), ToTimeval(timeout)) != REDIS_OK) {
    return tl::unexpected(ConnectionError(c.get(), endpoint_));
  }
  auto setup = [&](Reply reply) -> Result<void> {
    if (reply == nullptr) return tl::unexpected(ConnectionError(c.get(), endpoint_));
    if (reply->type == REDIS_REPLY_ERROR) {
      return MakeError(ErrorCode::kUnavailable,
                       "redis " + endpoint_.host + ": " + std::string(reply->str, reply->len));
    }
    return {};
  };
  if (!endpoint_.password.empty()) {
    Reply auth(static_cast<redisReply*>(
        endpoint_.user.empty() ? redisCommand(c.get(), "AUTH %s", endpoint_.password.c_str())
                               : redisCommand(c.get(), "AUTH %s %s", endpoint_.user.c_str(),
                                              endpoint_.password.c_str())));
    if (auto ok = setup(std::move(auth)); !ok) return tl::unexpected(ok.error());
  }
  if (endpoint_.db != 0) {
    Reply select(static_cast<redisReply*>(redisCommand(c.get(), "SELECT %d", endpoint_.db)));
    if (auto ok = setup(std::move(select)); !ok) return tl::unexpected(ok.error());
  }
  return c;
}

void RedisClient::Give(Connection connection) {
  std::lock_guard lock(mu_);
  if (idle_.size() < kMaxIdle) idle_.push_back(std::move(connection));
}

Result<RedisClient::Reply> RedisClient::Call(const std::function<void*(redisContext*)>& send,
                                             std::chrono::steady_clock::time_point deadline) {
  for (int attempt = 0;; ++attempt) {
    // A deadline sooner than the timeout shortens this call's waits; the connection gets its
    // usual timeout back before it returns to the pool.
    std::chrono::milliseconds wait = timeout_;
    if (deadline != kNoDeadline) {
      // Rounded up: a call with 0.4 ms left waits 1 ms rather than ending before its deadline.
      const auto left =
          std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left <= std::chrono::milliseconds(0)) {
        return MakeError(ErrorCode::kTimeout, "redis " + endpoint_.host + ":" +
                                                  std::to_string(endpoint_.port) +
                                                  ": no time left before the deadline");
      }
      wait = std::min(wait, left);
    }
    const bool shortened = wait < timeout_;
    bool pooled = false;
    Connection c;
    {
      std::lock_guard lock(mu_);
      if (!idle_.empty()) {
        c = std::move(idle_.back());
        idle_.pop_back();
        pooled = true;
      }
    }
    if (!pooled) {
      auto fresh = Connect(wait);
      if (!fresh) return tl::unexpected(fresh.error());
      c = std::move(*fresh);
    } else if (shortened && redisSetTimeout(c.get(), ToTimeval(wait)) != REDIS_OK) {
      continue;  // this pooled connection is unusable: dropped, and the next attempt connects
    }
    Reply reply(static_cast<redisReply*>(send(c.get())));
    if (reply != nullptr) {
      if (!shortened || redisSetTimeout(c.get(), ToTimeval(timeout_)) == REDIS_OK) {
        Give(std::move(c));
      }
      return reply;
    }
    const Error e = ConnectionError(c.get(), endpoint_);
    if (!pooled || attempt > 0 || e.code == ErrorCode::kTimeout) return tl::unexpected(e);
  }
}

namespace {

Error ErrorReply(const char* command, const redisReply& reply) {
  return Error{ErrorCode::kUnavailable,
               std::string("redis ") + command + ": " + std::string(reply.str, reply.len), ""};
}

}  // namespace

Result<void> RedisClient::Set(std::string_view key, std::string_view value,
                              std::chrono::milliseconds ttl) {
  auto reply = Call([&](redisContext* c) {
    return redisCommand(c, "SET %b %b PX %lld", key.data(), key.size(), value.data(), value.size(),
                        static_cast<long long>(ttl.count()));
  });
  if (!reply) return tl::unexpected(reply.error());
  if ((*reply)->type == REDIS_REPLY_ERROR) return tl::unexpected(ErrorReply("SET", **reply));
  return {};
}

Result<bool> RedisClient::SetIfAbsent(std::string_view key, std::string_view value,
                                      std::chrono::milliseconds ttl,
                                      std::chrono::steady_clock::time_point deadline) {
  auto reply = Call(
      [&](redisContext* c) {
        return redisCommand(c, "SET %b %b NX PX %lld", key.data(), key.size(), value.data(),
                            value.size(), static_cast<long long>(ttl.count()));
      },
      deadline);
  if (!reply) return tl::unexpected(reply.error());
  const redisReply& r = **reply;
  if (r.type == REDIS_REPLY_NIL) return false;
  if (r.type == REDIS_REPLY_STATUS) return true;
  if (r.type == REDIS_REPLY_ERROR) return tl::unexpected(ErrorReply("SET NX", r));
  return MakeError(ErrorCode::kUnavailable, "redis SET NX: unexpected reply type");
}

Result<void> RedisClient::DeleteIfEquals(std::string_view key, std::string_view value) {
  static constexpr const char* kScript =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) "
      "else return 0 end";
  auto reply = Call([&](redisContext* c) {
    return redisCommand(c, "EVAL %s 1 %b %b", kScript, key.data(), key.size(), value.data(),
                        value.size());
  });
  if (!reply) return tl::unexpected(reply.error());
  if ((*reply)->type == REDIS_REPLY_ERROR) return tl::unexpected(ErrorReply("EVAL", **reply));
  return {};
}

Result<std::optional<std::string>> RedisClient::Get(
    std::string_view key, std::chrono::steady_clock::time_point deadline) {
  auto reply = Call(
      [&](redisContext* c) { return redisCommand(c, "GET %b", key.data(), key.size()); }, deadline);
  if (!reply) return tl::unexpected(reply.error());
  const redisReply& r = **reply;
  if (r.type == REDIS_REPLY_NIL) return std::optional<std::string>();
  if (r.type == REDIS_REPLY_STRING) return std::optional<std::string>(std::string(r.str, r.len));
  if (r.type == REDIS_REPLY_ERROR) return tl::unexpected(ErrorReply("GET", r));
  return MakeError(ErrorCode::kUnavailable, "redis GET: unexpected reply type");
}

Result<void> RedisClient::Ping() {
  auto reply = Call([](redisContext* c) { return redisCommand(c, "PING"); });
  if (!reply) return tl::unexpected(reply.error());
  if ((*reply)->type == REDIS_REPLY_ERROR) return tl::unexpected(ErrorReply("PING", **reply));
  return {};
}

}  // namespace fareflow
