#ifndef FAREFLOW_SERVER_ACCESS_API_KEY_FILE_H_
#define FAREFLOW_SERVER_ACCESS_API_KEY_FILE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "server/access/api_key.h"

namespace fareflow::server {

// The most keys one file may hold: every request compares its key with all of them.
inline constexpr std::size_t kMaxApiKeys = 10'000;

// Reads a keys file (docs/configuration.md, `auth`):
//
//   {"keys": [{"id": "key_3f9c2a1b7d4e5f60", "name": "web shop",
//              "secret_sha256": "<64 hex digits>", "rate_per_second": 10, "burst": 20,
//              "scope": "api"}, ...]}
//
// id, name and secret_sha256 are required; rate_per_second (0.001..1000000, default 10), burst
// (1..1000000, default 20) and scope ("api" or "metrics", default "api") are not. At least one
// key. An unknown or repeated member, a wrong type or range, a repeated id or digest is a
// kInvalidArgument error whose field is the JSON pointer of the value ("/keys/1/secret_sha256").
Result<std::vector<ApiKey>> ParseApiKeys(std::string_view json);

// ParseApiKeys of the file at `path`; errors name the file and the field in their message (the
// field stays in Error::field too).
Result<std::vector<ApiKey>> LoadApiKeys(const std::string& path);

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_ACCESS_API_KEY_FILE_H_
