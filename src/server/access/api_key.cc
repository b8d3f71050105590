#include "server/access/api_key.h"

#include <openssl/evp.h>

#include <stdexcept>
#include <utility>

#include "core/hex.h"
#include "core/json_writer.h"
#include "core/secure_random.h"

namespace fareflow::server {

std::string_view KeyScopeName(KeyScope scope) {
  return scope == KeyScope::kMetrics ? "metrics" : "api";
}

Sha256Digest Sha256(std::string_view bytes) {
  Sha256Digest digest{};
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1 ||
      size != digest.size()) {
    // Only an allocation failure inside OpenSSL gets here.
    throw std::runtime_error("SHA-256 failed");
  }
  return digest;
}

std::string DigestHex(const Sha256Digest& digest) {
  return EncodeHex({reinterpret_cast<const char*>(digest.data()), digest.size()});
}

MintedKey MintApiKey(std::string name, double rate_per_second, int burst, KeyScope scope) {
  MintedKey minted;
  minted.secret = SecureRandomHex(kApiKeySecretPrefix, 2 * kMinSecretBytes);
  // The id only names the key; 64 bits keep ids of one file apart.
  minted.key.id = SecureRandomHex("key_", 8);
  minted.key.name = std::move(name);
  minted.key.secret_sha256 = Sha256(minted.secret);
  minted.key.rate_per_second = rate_per_second;
  minted.key.burst = burst;
  minted.key.scope = scope;
  return minted;
}

std::string ApiKeyRecordJson(const ApiKey& key) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  w.Key("id");
  w.String(key.id);
  w.Key("name");
  w.String(key.name);
  w.Key("secret_sha256");
  w.String(DigestHex(key.secret_sha256));
  w.Key("rate_per_second");
  w.Double(key.rate_per_second);
  w.Key("burst");
  w.Int(key.burst);
  w.Key("scope");
  w.String(KeyScopeName(key.scope));
  w.EndObject();
  w.Finish();
  return out;
}

}  // namespace fareflow::server
