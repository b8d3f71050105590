#include "suppliers/amadeus/server/token_store.h"

#include <algorithm>
#include <array>

#include "core/secure_random.h"

namespace fareflow::amadeus {
namespace {

constexpr std::size_t kTokenLength = 30;
constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
// Bytes at or past this are drawn again: 248 = 4 * 62, so each character is uniform.
constexpr unsigned kUniformBelow = 256 / kAlphabet.size() * kAlphabet.size();

// kTokenLength characters, each uniform over kAlphabet (log2(62) = 5.95 bits each).
std::string RandomToken() {
  std::string token;
  token.reserve(kTokenLength);
  std::array<unsigned char, 2 * kTokenLength> bytes;
  while (token.size() < kTokenLength) {
    SecureRandomBytes(bytes.data(), bytes.size());
    for (unsigned char b : bytes) {
      if (b >= kUniformBelow || token.size() == kTokenLength) continue;
      token.push_back(kAlphabet[b % kAlphabet.size()]);
    }
  }
  return token;
}

}  // namespace

TokenStore::TokenStore(int64_t ttl_seconds, std::size_t max_tokens)
    : ttl_seconds_(ttl_seconds), max_tokens_(std::max<std::size_t>(max_tokens, 1)) {}

std::string TokenStore::Issue(int64_t now) {
  std::string token = RandomToken();
  std::lock_guard<std::mutex> lock(mutex_);
  TrimLocked(now, max_tokens_ - 1);
  // 178 random bits do not repeat; were one to, the new holder must not share the old token.
  while (expiry_.contains(token)) token = RandomToken();
  const auto [it, inserted] = expiry_.emplace(std::move(token), now + ttl_seconds_);
  order_.push_back({it->second, it->first});
  return it->first;
}

TokenState TokenStore::Check(std::string_view token, int64_t now) const {
  std::lock_guard<std::mutex> lock(mutex_);
  TrimLocked(now, max_tokens_);
  const auto it = expiry_.find(token);
  if (it == expiry_.end()) return TokenState::kUnknown;
  return now < it->second ? TokenState::kValid : TokenState::kExpired;
}

std::size_t TokenStore::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return expiry_.size();
}

uint64_t TokenStore::entries_examined() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return examined_;
}

void TokenStore::TrimLocked(int64_t now, std::size_t keep) const {
  while (!order_.empty()) {
    ++examined_;
    const Issued& oldest = order_.front();
    if (order_.size() <= keep && oldest.expires + ttl_seconds_ > now) break;
    expiry_.erase(expiry_.find(oldest.token));
    order_.pop_front();
  }
}

}  // namespace fareflow::amadeus
