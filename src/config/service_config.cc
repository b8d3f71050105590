#include "config/service_config.h"

#include <cstdint>
#include <fstream>
#include <sstream>
#include <utility>

#include <simdjson.h>

#include "config/config_limits.h"
#include "core/json_reader.h"
#include "net/proxy.h"
#include "store/redis_url.h"

namespace fareflow {
namespace {

// The configuration refuses duplicate keys, and reads a null member as a value of the wrong type.
constexpr MemberRules kConfigMembers{.refuse_duplicates = true};

// A string member that CheckSupplier needs to place: stores it in `out` and its pointer in `at`.
Result<void> ReadPlaced(const JsonValue& v, std::string& out, std::string& at) {
  if (auto ok = Assign(v.String(), out); !ok) return ok;
  at = v.pointer();
  return {};
}

tl::unexpected<Error> Unknown(const JsonValue& v) {
  return v.Invalid("is not a known key (see docs/configuration.md)");
}

Result<void> ReadSearch(const JsonValue& value, SearchConfig& search) {
  return value.ForEachMember(
      [&](std::string_view key, const JsonValue& v) -> Result<void> {
        if (key == "default_deadline_ms") {
          return v.IntInto(1, kMaxTimeoutMs, search.default_deadline);
        }
        if (key == "max_deadline_ms") return v.IntInto(1, kMaxTimeoutMs, search.max_deadline);
        if (key == "search_threads") return v.IntInto(1, kMaxThreads, search.search_threads);
        if (key == "parse_threads") return v.IntInto(0, kMaxThreads, search.parse_threads);
        if (key == "queue_limit") return v.IntInto(0, kMaxQueueLimit, search.queue_limit);
        if (key == "max_answer_bytes") {
          return v.IntInto(kMinAnswerBytes, kMaxAnswerBytes, search.max_answer_bytes);
        }
        if (key == "shutdown_grace_ms") return v.IntInto(0, kMaxTimeoutMs, search.shutdown_grace);
        return Unknown(v);
      },
      kConfigMembers);
}

bool IsEnvName(std::string_view s);

Result<void> ReadStore(const JsonValue& value, StoreConfig& store) {
  return value.ForEachMember(
      [&](std::string_view key, const JsonValue& v) -> Result<void> {
        if (key == "ttl_seconds") return v.IntInto(1, kMaxStoreTtlSeconds, store.ttl);
        if (key == "max_megabytes") {
          auto n = v.Int(1, kMaxStoreMegabytes);
          if (!n) return tl::unexpected(n.error());
          store.max_bytes = static_cast<std::size_t>(*n) << 20;
          return {};
        }
        if (key == "redis_url") {
          auto url = v.String();
          if (!url) return tl::unexpected(url.error());
          if (auto endpoint = ParseRedisUrl(*url); !endpoint) {
            return v.Invalid(endpoint.error().message);
          }
          store.redis_url = *url;
          return {};
        }
        if (key == "redis_timeout_ms") return v.IntInto(1, kMaxTimeoutMs, store.redis_timeout);
        if (key == "redis_key_prefix") return Assign(v.String(), store.redis_key_prefix);
        if (key == "cursor_key_env") {
          if (auto ok = Assign(v.String(), store.cursor_key_env); !ok) return ok;
          if (IsEnvName(store.cursor_key_env)) return {};
          return v.Invalid("must be an environment variable name ([A-Za-z_][A-Za-z0-9_]*)");
        }
        if (key == "redis_threads") return v.IntInto(1, kMaxThreads, store.redis_threads);
        if (key == "redis_queue_limit") {
          return v.IntInto(0, kMaxQueueLimit, store.redis_queue_limit);
        }
        if (key == "redis_breaker_failures") {
          return v.IntInto(1, kMaxBreakerFailures, store.redis_breaker_failures);
        }
        if (key == "redis_breaker_cooldown_ms") {
          return v.IntInto(1, kMaxBreakerCooldownMs, store.redis_breaker_cooldown);
        }
        return Unknown(v);
      },
      kConfigMembers);
}

Result<void> ReadCache(const JsonValue& value, CacheConfig& cache) {
  return value.ForEachMember(
      [&](std::string_view key, const JsonValue& v) -> Result<void> {
        constexpr int64_t kMaxSeconds = kMaxStoreTtlSeconds * 4;  // four weeks
        if (key == "enabled") return Assign(v.Bool(), cache.enabled);
        if (key == "max_megabytes") {
          auto n = v.Int(0, kMaxStoreMegabytes);
          if (!n) return tl::unexpected(n.error());
          cache.max_bytes = static_cast<std::size_t>(*n) << 20;
          return {};
        }
        if (key == "max_payload_megabytes") {
          auto n = v.Int(1, 1024);
          if (!n) return tl::unexpected(n.error());
          cache.max_payload_bytes = static_cast<std::size_t>(*n) << 20;
          return {};
        }
        if (key == "fresh_within_7_days_seconds") {
          return v.IntInto(0, kMaxSeconds, cache.fresh_within_7_days);
        }
        if (key == "fresh_within_30_days_seconds") {
          return v.IntInto(0, kMaxSeconds, cache.fresh_within_30_days);
        }
        if (key == "fresh_beyond_seconds") return v.IntInto(0, kMaxSeconds, cache.fresh_beyond);
        if (key == "fresh_no_flights_seconds") {
          return v.IntInto(0, kMaxSeconds, cache.fresh_no_flights);
        }
        if (key == "max_stale_seconds") return v.IntInto(0, kMaxSeconds, cache.max_stale);
        if (key == "shared") return Assign(v.Bool(), cache.shared);
        if (key == "redis_key_prefix") return Assign(v.String(), cache.redis_key_prefix);
        if (key == "claim_ms") return v.IntInto(1, kMaxTimeoutMs, cache.claim_ttl);
        if (key == "refresh_threads") return v.IntInto(1, kMaxThreads, cache.refresh_threads);
        return Unknown(v);
      },
      kConfigMembers);
}

Result<void> ReadBudget(const JsonValue& value, SupplierConfig& supplier) {
  return value.ForEachMember(
      [&](std::string_view key, const JsonValue& v) -> Result<void> {
        if (key == "calls_per_second") {
          double n = 0;
          if (v.element().get_double().get(n) != simdjson::SUCCESS) {
            return v.Invalid("must be a number");
          }
          if (!(n >= 0 && n <= 1e6)) return v.Invalid("must be between 0 and 1000000");
          supplier.calls_per_second = n;
          return {};
        }
        if (key == "burst") return v.IntInto(0, 1'000'000, supplier.burst);
        return Unknown(v);
      },
      kConfigMembers);
}

Result<void> ReadAuth(const JsonValue& value, AuthConfig& auth) {
  return value.ForEachMember(
      [&](std::string_view key, const JsonValue& v) -> Result<void> {
        if (key == "api_keys_file") return Assign(v.String(), auth.api_keys_file);
        return Unknown(v);
      },
      kConfigMembers);
}

// An origin as a browser sends it: http:// or https://, a lowercase host name or IPv4 address,
// an optional port, nothing after (no path, no trailing '/').
bool IsOrigin(std::string_view origin) {
  std::string_view rest;
  if (origin.starts_with("https://")) {
    rest = origin.substr(8);
  } else if (origin.starts_with("http://")) {
    rest = origin.substr(7);
  } else {
    return false;
  }
  const std::size_t colon = rest.find(':');
  const std::string_view host = rest.substr(0, colon);
  if (host.empty()) return false;
  for (char c : host) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) return false;
  }
  if (colon == std::string_view::npos) return true;
  const std::string_view port = rest.substr(colon + 1);
  if (port.empty() || port.size() > 5) return false;
  for (char c : port) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

Result<void> ReadCors(const JsonValue& value, CorsConfig& cors) {
  return value.ForEachMember(
      [&](std::string_view key, const JsonValue& v) -> Result<void> {
        if (key == "origins") {
          cors.origins.clear();
          return v.ForEachItem(
              [&](const JsonValue& item) -> Result<void> {
                auto origin = item.String();
                if (!origin) return tl::unexpected(origin.error());
                if (!IsOrigin(*origin)) {
                  return item.Invalid(
                      "must be an origin: http:// or https://, a lowercase host and an optional "
                      "port, nothing after (\"https://app.example.com\")");
                }
                cors.origins.emplace_back(*origin);
                return {};
              },
              kMaxCorsOrigins);
        }
        if (key == "max_age_seconds") return v.IntInto(0, kMaxCorsMaxAgeSeconds, cors.max_age);
        return Unknown(v);
      },
      kConfigMembers);
}

Result<void> ReadHttp(const JsonValue& value, HttpConfig& http) {
  return value.ForEachMember(
      [&](std::string_view key, const JsonValue& v) -> Result<void> {
        if (key == "max_connections") {
          return v.IntInto(0, kMaxHttpConnections, http.max_connections);
        }
        return Unknown(v);
      },
      kConfigMembers);
}

Result<void> ReadBreaker(const JsonValue& value, SupplierConfig& supplier) {
  return value.ForEachMember(
      [&](std::string_view key, const JsonValue& v) -> Result<void> {
        if (key == "failures") return v.IntInto(1, kMaxBreakerFailures, supplier.breaker_failures);
        if (key == "cooldown_ms") {
          return v.IntInto(1, kMaxBreakerCooldownMs, supplier.breaker_cooldown);
        }
        return Unknown(v);
      },
      kConfigMembers);
}

// Which members a supplier entry had, for the checks that depend on its kind.
struct SeenMembers {
  bool kind = false;
  bool max_offers = false;
  std::string max_offers_at;
  std::string base_url_at, client_id_env_at, client_secret_env_at, token_env_at;
  std::string page_size_at, sort_at;
  std::string max_body_bytes_at;
};

Result<void> ReadSupplierMembers(const JsonValue& value, SupplierConfig& supplier,
                                 SeenMembers& seen) {
  return value.ForEachMember(
      [&](std::string_view key, const JsonValue& v) -> Result<void> {
        if (key == "name") return Assign(v.String(), supplier.name);
        if (key == "base_url") return ReadPlaced(v, supplier.base_url, seen.base_url_at);
        if (key == "client_id_env") {
          return ReadPlaced(v, supplier.client_id_env, seen.client_id_env_at);
        }
        if (key == "client_secret_env") {
          return ReadPlaced(v, supplier.client_secret_env, seen.client_secret_env_at);
        }
        if (key == "token_env") return ReadPlaced(v, supplier.token_env, seen.token_env_at);
        if (key == "kind") {
          auto s = v.String();
          if (!s) return tl::unexpected(s.error());
          const std::optional<SupplierKind> kind = ParseSupplierKind(*s);
          if (!kind) return v.Invalid("must be one of amadeus, duffel, builtin");
          supplier.kind = *kind;
          seen.kind = true;
          return {};
        }
        if (key == "enabled") return Assign(v.Bool(), supplier.enabled);
        if (key == "timeout_ms") return v.IntInto(1, kMaxTimeoutMs, supplier.timeout);
        if (key == "max_offers") {
          // The range depends on the kind, which may come later: checked in CheckSupplier.
          if (auto ok = v.IntInto(1, kMaxOffersAnyKind, supplier.max_offers); !ok) return ok;
          seen.max_offers = true;
          seen.max_offers_at = v.pointer();
          return {};
        }
        if (key == "page_size") {
          seen.page_size_at = v.pointer();
          return v.IntInto(0, kMaxDuffelPageSize, supplier.page_size);
        }
        if (key == "sort") {
          seen.sort_at = v.pointer();
          auto s = v.String();
          if (!s) return tl::unexpected(s.error());
          if (*s != "total_amount" && *s != "total_duration" && *s != "none") {
            return v.Invalid("must be one of total_amount, total_duration, none");
          }
          supplier.sort = *s == "none" ? std::string() : std::string(*s);
          return {};
        }
        if (key == "max_body_bytes") {
          if (auto ok =
                  v.IntInto(kMinSupplierBodyBytes, kMaxSupplierBodyBytes, supplier.max_body_bytes);
              !ok) {
            return ok;
          }
          seen.max_body_bytes_at = v.pointer();
          return {};
        }
        if (key == "breaker") return ReadBreaker(v, supplier);
        if (key == "budget") return ReadBudget(v, supplier);
        return Unknown(v);
      },
      kConfigMembers);
}

bool IsEnvName(std::string_view s) {
  if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
  for (char c : s) {
    const bool ok =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

bool IsSupplierName(std::string_view s) {
  if (s.empty() || s.size() > kMaxSupplierNameLength) return false;
  for (char c : s) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

// "http://host[:port][/path]" or https; no query, fragment, user info or white space.
bool IsHttpUrl(std::string_view url) {
  std::string_view rest;
  if (url.starts_with("https://")) {
    rest = url.substr(8);
  } else if (url.starts_with("http://")) {
    rest = url.substr(7);
  } else {
    return false;
  }
  const std::string_view host = rest.substr(0, rest.find('/'));
  if (host.empty() || host.front() == ':') return false;
  for (char c : url) {
    if (c <= ' ' || c == '?' || c == '#' || c == '@' || c == 0x7f) return false;
  }
  return true;
}

Result<void> RequireEnv(const std::string& value, const std::string& pointer,
                        const std::string& seen_at, std::string_view key) {
  const std::string at = seen_at.empty() ? PointerTo(pointer, key) : seen_at;
  if (value.empty()) {
    return InvalidAt(at,
                     "is required: the name of the environment variable holding the credential");
  }
  if (!IsEnvName(value))
    return InvalidAt(at, "must be an environment variable name ([A-Za-z_][A-Za-z0-9_]*)");
  return {};
}

// Members that a kind does not use are refused rather than ignored: a token_env on an Amadeus
// supplier is a mistake the operator wants to hear about.
Result<void> RefuseMember(const std::string& seen_at, std::string_view kind) {
  if (seen_at.empty()) return {};
  return InvalidAt(seen_at, "does not apply to a " + std::string(kind) + " supplier");
}

Result<void> CheckSupplier(SupplierConfig& s, const SeenMembers& seen, const std::string& pointer) {
  if (s.name.empty())
    return InvalidAt(PointerTo(pointer, "name"), "is required and must not be empty");
  if (!IsSupplierName(s.name)) {
    return InvalidAt(PointerTo(pointer, "name"),
                     "must be 1 to 64 characters of letters, digits, '_', '-' and '.'");
  }
  if (!seen.kind)
    return InvalidAt(PointerTo(pointer, "kind"), "is required: amadeus, duffel or builtin");
  const std::string_view kind = SupplierKindName(s.kind);
  if (!seen.max_offers) s.max_offers = DefaultMaxOffers(s.kind);
  if (s.max_offers > MaxOffersLimit(s.kind)) {
    return InvalidAt(seen.max_offers_at, "must be between 1 and " +
                                             std::to_string(MaxOffersLimit(s.kind)) + " for a " +
                                             std::string(kind) + " supplier");
  }
  if (s.kind != SupplierKind::kDuffel) {
    if (auto ok = RefuseMember(seen.page_size_at, kind); !ok) return ok;
    if (auto ok = RefuseMember(seen.sort_at, kind); !ok) return ok;
  } else if (s.page_size == 0 && !seen.sort_at.empty()) {
    return InvalidAt(seen.sort_at, "applies only when paging: set page_size to 1..200");
  }
  if (s.kind == SupplierKind::kBuiltin) {
    for (const std::string* at :
         {&seen.base_url_at, &seen.client_id_env_at, &seen.client_secret_env_at, &seen.token_env_at,
          &seen.max_body_bytes_at}) {
      if (auto ok = RefuseMember(*at, kind); !ok) return ok;
    }
    return {};
  }
  const std::string url_at =
      seen.base_url_at.empty() ? PointerTo(pointer, "base_url") : seen.base_url_at;
  if (s.base_url.empty())
    return InvalidAt(url_at, "is required for a " + std::string(kind) + " supplier");
  if (!IsHttpUrl(s.base_url)) {
    return InvalidAt(url_at, "must be an http:// or https:// URL with a host and no query");
  }
  while (s.base_url.ends_with('/')) s.base_url.pop_back();
  if (s.kind == SupplierKind::kAmadeus) {
    if (auto ok = RefuseMember(seen.token_env_at, kind); !ok) return ok;
    if (auto ok = RequireEnv(s.client_id_env, pointer, seen.client_id_env_at, "client_id_env");
        !ok) {
      return ok;
    }
    return RequireEnv(s.client_secret_env, pointer, seen.client_secret_env_at, "client_secret_env");
  }
  if (auto ok = RefuseMember(seen.client_id_env_at, kind); !ok) return ok;
  if (auto ok = RefuseMember(seen.client_secret_env_at, kind); !ok) return ok;
  return RequireEnv(s.token_env, pointer, seen.token_env_at, "token_env");
}

Result<void> ReadSuppliers(const JsonValue& value, std::vector<SupplierConfig>& suppliers) {
  std::size_t count = 0;
  auto read = value.ForEachItem([&](const JsonValue& item) -> Result<void> {
    if (++count > kMaxSuppliers) {
      return item.Invalid("too many suppliers: at most " + std::to_string(kMaxSuppliers));
    }
    SupplierConfig supplier;
    SeenMembers seen;
    if (auto ok = ReadSupplierMembers(item, supplier, seen); !ok) return ok;
    if (auto ok = CheckSupplier(supplier, seen, item.pointer()); !ok) return ok;
    for (const SupplierConfig& other : suppliers) {
      if (other.name == supplier.name) {
        return InvalidAt(item.At("name"), "'" + supplier.name + "' names another supplier too");
      }
    }
    suppliers.push_back(std::move(supplier));
    return {};
  });
  if (!read) return read;
  if (suppliers.empty()) return value.Invalid("must list at least one supplier");
  for (const SupplierConfig& s : suppliers) {
    if (s.enabled) return {};
  }
  return value.Invalid("must have at least one enabled supplier");
}

Result<void> ReadCalendar(const JsonValue& value, CalendarConfig& calendar) {
  return value.ForEachMember(
      [&](std::string_view key, const JsonValue& v) -> Result<void> {
        if (key == "max_calls") return v.IntInto(0, kMaxCalendarCallsCap, calendar.max_calls);
        return Unknown(v);
      },
      kConfigMembers);
}

// A proxy URL, refused here when the client could not use it; "" (no proxy) is kept.
Result<void> ReadProxyUrl(const JsonValue& v, std::optional<std::string>& out) {
  auto url = v.String();
  if (!url) return tl::unexpected(url.error());
  if (!url->empty()) {
    if (auto proxy = net::ParseProxyUrl(*url); !proxy) return v.Invalid(proxy.error().message);
  }
  out = std::string(*url);
  return {};
}

Result<void> ReadProxy(const JsonValue& value, ProxyConfig& proxy) {
  return value.ForEachMember(
      [&](std::string_view key, const JsonValue& v) -> Result<void> {
        if (key == "https") return ReadProxyUrl(v, proxy.https);
        if (key == "http") return ReadProxyUrl(v, proxy.http);
        if (key == "no_proxy") {
          auto list = v.String();
          if (!list) return tl::unexpected(list.error());
          proxy.no_proxy = std::string(*list);
          return {};
        }
        return Unknown(v);
      },
      kConfigMembers);
}

Result<void> ReadRoot(const JsonValue& root, ServiceConfig& config) {
  return root.ForEachMember(
      [&](std::string_view key, const JsonValue& v) -> Result<void> {
        if (key == "search") return ReadSearch(v, config.search);
        if (key == "store") return ReadStore(v, config.store);
        if (key == "cache") return ReadCache(v, config.cache);
        if (key == "auth") return ReadAuth(v, config.auth);
        if (key == "cors") return ReadCors(v, config.cors);
        if (key == "http") return ReadHttp(v, config.http);
        if (key == "calendar") return ReadCalendar(v, config.calendar);
        if (key == "proxy") return ReadProxy(v, config.proxy);
        if (key == "search_log") return Assign(v.String(), config.search_log_path);
        if (key == "suppliers") {
          config.suppliers.clear();
          return ReadSuppliers(v, config.suppliers);
        }
        return Unknown(v);
      },
      kConfigMembers);
}

}  // namespace

ServiceConfig DefaultServiceConfig() {
  ServiceConfig config;
  SupplierConfig builtin;
  builtin.name = "builtin";
  builtin.kind = SupplierKind::kBuiltin;
  builtin.max_offers = DefaultMaxOffers(SupplierKind::kBuiltin);
  config.suppliers.push_back(std::move(builtin));
  return config;
}

Result<ServiceConfig> ParseServiceConfig(std::string_view json) {
  ServiceConfig config = DefaultServiceConfig();
  simdjson::dom::parser parser;
  Result<JsonValue> root = ParseJson(parser, json);
  if (!root && root.error().code == ErrorCode::kInvalidArgument) {
    return tl::unexpected(root.error());  // a number out of range, at its pointer
  }
  // A bare scalar is valid JSON but never a configuration: reported as not one.
  if (!root || !(root->element().is_object() || root->element().is_array())) {
    return InvalidAt("", "the configuration is not valid JSON");
  }
  if (auto ok = ReadRoot(*root, config); !ok) return tl::unexpected(ok.error());
  if (config.search.default_deadline > config.search.max_deadline) {
    return InvalidAt("/search/default_deadline_ms", "must not exceed /search/max_deadline_ms");
  }
  return config;
}

Result<ServiceConfig> LoadServiceConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, "cannot open the configuration file " + path);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return MakeError(ErrorCode::kIo, "cannot read the configuration file " + path);
  auto config = ParseServiceConfig(bytes.str());
  if (!config) config.error().message = path + ": " + config.error().message;
  return config;
}

}  // namespace fareflow
