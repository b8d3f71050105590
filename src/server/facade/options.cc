#include "server/facade/options.h"

#include <charconv>
#include <cstdint>
#include <string>
#include <system_error>
#include <utility>

namespace fareflow::server {

Result<FacadeOptions> FacadeOptionsFromEnvironment(
    const std::function<std::optional<std::string>(const std::string& name)>& env) {
  static constexpr const char* kId = "FAREFLOW_FACADE_CLIENT_ID";
  static constexpr const char* kSecret = "FAREFLOW_FACADE_CLIENT_SECRET";
  FacadeOptions options;
  const std::string id = env(kId).value_or("");
  const std::string secret = env(kSecret).value_or("");
  if (id.empty() != secret.empty()) {
    const char* missing = id.empty() ? kId : kSecret;
    const char* present = id.empty() ? kSecret : kId;
    return MakeError(ErrorCode::kInvalidArgument,
                     std::string(missing) + " is unset or empty while " + present +
                         " is set: set both to admit that one client to the Amadeus facade, or "
                         "neither to admit any",
                     missing);
  }
  if (!id.empty()) options.clients.emplace_back(id, secret);
  static constexpr const char* kMaxTokens = "FAREFLOW_FACADE_MAX_TOKENS";
  if (const std::string max = env(kMaxTokens).value_or(""); !max.empty()) {
    int64_t n = 0;
    const auto [end, error] = std::from_chars(max.data(), max.data() + max.size(), n);
    if (error != std::errc() || end != max.data() + max.size() || n < 1 || n > 10'000'000) {
      return MakeError(ErrorCode::kInvalidArgument,
                       std::string(kMaxTokens) + " must be a whole number from 1 to 10000000",
                       kMaxTokens);
    }
    options.max_tokens = static_cast<std::size_t>(n);
  }
  return options;
}

bool FacadeServed(const FacadeOptions& options, bool api_keys_configured) {
  return !api_keys_configured || !options.clients.empty();
}

}  // namespace fareflow::server
