#include "server/access/api_key_file.h"

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>
#include <utility>

#include <simdjson.h>

#include "core/hex.h"
#include "core/json_reader.h"

namespace fareflow::server {
namespace {

constexpr MemberRules kMembers{.refuse_duplicates = true};
constexpr std::size_t kMaxIdLength = 64;
constexpr std::size_t kMaxNameLength = 200;

bool IsIdChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

Result<void> ReadId(const JsonValue& v, std::string& out) {
  Result<std::string_view> s = v.String();
  if (!s) return tl::unexpected(s.error());
  bool ok = !s->empty() && s->size() <= kMaxIdLength;
  for (char c : *s) ok = ok && IsIdChar(c);
  if (!ok) return v.Invalid("must be 1 to 64 characters of letters, digits, '_', '-' and '.'");
  out = *s;
  return {};
}

Result<void> ReadName(const JsonValue& v, std::string& out) {
  Result<std::string_view> s = v.String();
  if (!s) return tl::unexpected(s.error());
  bool ok = !s->empty() && s->size() <= kMaxNameLength;
  for (char c : *s) ok = ok && static_cast<unsigned char>(c) >= 0x20 && c != 0x7f;
  if (!ok) return v.Invalid("must be 1 to 200 characters, no control characters");
  out = *s;
  return {};
}

Result<void> ReadDigest(const JsonValue& v, Sha256Digest& out) {
  Result<std::string_view> s = v.String();
  if (!s) return tl::unexpected(s.error());
  const std::optional<std::string> bytes = DecodeHex(*s);
  const bool ok = bytes.has_value() && bytes->size() == out.size();
  if (ok) std::copy(bytes->begin(), bytes->end(), out.begin());
  if (!ok) {
    return v.Invalid(
        "must be the SHA-256 of the secret as 64 hex digits (`fareflow keys new` prints it)");
  }
  return {};
}

Result<void> ReadRate(const JsonValue& v, double& out) {
  double rate = 0;
  if (v.element().get_double().get(rate) != simdjson::SUCCESS) return v.Invalid("must be a number");
  if (!(rate >= kMinKeyRatePerSecond && rate <= kMaxKeyRatePerSecond)) {
    return v.Invalid("must be between 0.001 and 1000000");
  }
  out = rate;
  return {};
}

Result<void> ReadScope(const JsonValue& v, KeyScope& out) {
  Result<std::string_view> s = v.String();
  if (!s) return tl::unexpected(s.error());
  if (*s == "api") {
    out = KeyScope::kApi;
  } else if (*s == "metrics") {
    out = KeyScope::kMetrics;
  } else {
    return v.Invalid("must be api or metrics");
  }
  return {};
}

Result<ApiKey> ReadKey(const JsonValue& item) {
  ApiKey key;
  bool id = false, name = false, digest = false;
  Result<void> read = item.ForEachMember(
      [&](std::string_view member, const JsonValue& v) -> Result<void> {
        if (member == "id") {
          id = true;
          return ReadId(v, key.id);
        }
        if (member == "name") {
          name = true;
          return ReadName(v, key.name);
        }
        if (member == "secret_sha256") {
          digest = true;
          return ReadDigest(v, key.secret_sha256);
        }
        if (member == "rate_per_second") return ReadRate(v, key.rate_per_second);
        if (member == "burst") return v.IntInto(1, kMaxKeyBurst, key.burst);
        if (member == "scope") return ReadScope(v, key.scope);
        return v.Invalid("is not a known key (see docs/configuration.md, auth)");
      },
      kMembers);
  if (!read) return tl::unexpected(read.error());
  if (!id) return InvalidAt(item.At("id"), "is required");
  if (!name) return InvalidAt(item.At("name"), "is required");
  if (!digest) return InvalidAt(item.At("secret_sha256"), "is required");
  return key;
}

}  // namespace

Result<std::vector<ApiKey>> ParseApiKeys(std::string_view json) {
  simdjson::dom::parser parser;
  Result<JsonValue> root = ParseJson(parser, json);
  if (!root) return InvalidAt("", "the keys file is not valid JSON");
  std::vector<ApiKey> keys;
  bool listed = false;
  Result<void> read = root->ForEachMember(
      [&](std::string_view member, const JsonValue& v) -> Result<void> {
        if (member != "keys") return v.Invalid("is not a known key (see docs/configuration.md)");
        listed = true;
        return v.ForEachItem(
            [&](const JsonValue& item) -> Result<void> {
              Result<ApiKey> key = ReadKey(item);
              if (!key) return tl::unexpected(key.error());
              for (const ApiKey& other : keys) {
                if (other.id == key->id) {
                  return InvalidAt(item.At("id"), "'" + key->id + "' names another key too");
                }
                if (other.secret_sha256 == key->secret_sha256) {
                  return InvalidAt(item.At("secret_sha256"),
                                   "is the digest of key '" + other.id + "' too");
                }
              }
              keys.push_back(std::move(*key));
              return {};
            },
            kMaxApiKeys);
      },
      kMembers);
  if (!read) return tl::unexpected(read.error());
  if (!listed || keys.empty()) return InvalidAt("/keys", "must list at least one key");
  return keys;
}

Result<std::vector<ApiKey>> LoadApiKeys(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, "cannot open the API keys file " + path);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return MakeError(ErrorCode::kIo, "cannot read the API keys file " + path);
  Result<std::vector<ApiKey>> keys = ParseApiKeys(bytes.str());
  if (!keys) {
    const Error& e = keys.error();
    keys.error().message =
        "API keys file " + path + ": " + (e.field.empty() ? "" : e.field + ": ") + e.message;
  }
  return keys;
}

}  // namespace fareflow::server
