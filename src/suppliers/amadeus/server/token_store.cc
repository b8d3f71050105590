#include "suppliers/amadeus/server/token_store.h"

#include <random>

#include "core/splitmix64.h"

namespace fareflow::amadeus {
namespace {

constexpr std::size_t kTokenLength = 30;
constexpr std::size_t kForgetThreshold = 4096;

}  // namespace

TokenStore::TokenStore(int64_t ttl_seconds) : ttl_seconds_(ttl_seconds) {
  std::random_device device;
  state_ = (static_cast<uint64_t>(device()) << 32) ^ device();
}

std::string TokenStore::Issue(int64_t now) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::lock_guard<std::mutex> lock(mutex_);
  ForgetOldLocked(now);
  std::string token;
  do {
    token.clear();
    while (token.size() < kTokenLength) {
      uint64_t bits = SplitMix64Next(state_);
      for (int i = 0; i < 10 && token.size() < kTokenLength; ++i, bits >>= 6) {
        token.push_back(kAlphabet[(bits & 63) % kAlphabet.size()]);
      }
    }
  } while (expiry_.contains(token));
  expiry_.emplace(token, now + ttl_seconds_);
  return token;
}

TokenState TokenStore::Check(std::string_view token, int64_t now) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = expiry_.find(std::string(token));
  if (it == expiry_.end()) return TokenState::kUnknown;
  return now < it->second ? TokenState::kValid : TokenState::kExpired;
}

void TokenStore::ForgetOldLocked(int64_t now) {
  if (expiry_.size() < kForgetThreshold) return;
  std::erase_if(expiry_, [&](const auto& entry) { return entry.second + ttl_seconds_ <= now; });
}

}  // namespace fareflow::amadeus
