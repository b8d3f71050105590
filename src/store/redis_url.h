#ifndef FAREFLOW_STORE_REDIS_URL_H_
#define FAREFLOW_STORE_REDIS_URL_H_

#include <string>
#include <string_view>

#include "core/result.h"

namespace fareflow {

// Where a Redis server is, from a `redis://[[user]:password@]host[:port][/db]` URL (the form
// Redis clients and ElastiCache documentation use). TLS (`rediss://`) is not supported: the
// hiredis of Debian 12 has no TLS.
struct RedisEndpoint {
  std::string host;
  int port = 6379;
  int db = 0;
  std::string user;      // empty: the default user
  std::string password;  // empty: no AUTH
};

// kInvalidArgument naming what is wrong (scheme, host, port 1-65535, db 0-15) otherwise.
Result<RedisEndpoint> ParseRedisUrl(std::string_view url);

}  // namespace fareflow

#endif  // FAREFLOW_STORE_REDIS_URL_H_
