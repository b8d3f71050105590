#ifndef FAREFLOW_CONFIG_CONFIG_LIMITS_H_
#define FAREFLOW_CONFIG_CONFIG_LIMITS_H_

#include <cstddef>
#include <cstdint>

#include "engine/supplier_kind.h"

namespace fareflow {

// The ranges ParseServiceConfig accepts (docs/configuration.md lists them for operators).
inline constexpr int64_t kMaxTimeoutMs = 120'000;  // timeouts and deadlines: 1..this
inline constexpr int64_t kMaxThreads = 1024;
inline constexpr int64_t kMaxQueueLimit = 100'000;
inline constexpr int64_t kMaxStoreTtlSeconds = 7 * 86'400;
inline constexpr int64_t kMaxStoreMegabytes = 1 << 20;  // 1 TiB
// search.max_answer_bytes: room for a few offers at least, at most 1 GiB.
inline constexpr int64_t kMinAnswerBytes = 64 << 10;
inline constexpr int64_t kMaxAnswerBytes = int64_t{1} << 30;
inline constexpr int64_t kMaxBreakerFailures = 1000;
inline constexpr int64_t kMaxHttpConnections = 10'000'000;  // then lowered to the descriptor limit
inline constexpr int64_t kMaxBreakerCooldownMs = 3'600'000;
inline constexpr int64_t kMaxOffersAnyKind = 5000;
// A supplier's max_body_bytes: 64 MiB unless set, 1 MiB to 1 GiB.
inline constexpr std::size_t kDefaultSupplierBodyBytes = std::size_t{64} << 20;
inline constexpr int64_t kMinSupplierBodyBytes = int64_t{1} << 20;
inline constexpr int64_t kMaxSupplierBodyBytes = int64_t{1} << 30;
inline constexpr std::size_t kMaxSuppliers = 64;
inline constexpr std::size_t kMaxSupplierNameLength = 64;
inline constexpr std::size_t kMaxCorsOrigins = 100;
inline constexpr int64_t kMaxCorsMaxAgeSeconds = 86'400;
inline constexpr int64_t kMaxCalendarCallsCap = 10'000;  // calendar.max_calls
inline constexpr int kMaxDuffelPageSize = 200;           // Duffel's `limit` of `GET /air/offers`

// Amadeus answers at most 250 offers (maxFlightOffers); other kinds are capped after parsing.
constexpr int MaxOffersLimit(SupplierKind kind) {
  return kind == SupplierKind::kAmadeus ? 250 : static_cast<int>(kMaxOffersAnyKind);
}

// max_offers when the configuration does not say: Amadeus's own maximum, a generous share of a
// Duffel offer request, and the built-in supplier's usual 2000.
constexpr int DefaultMaxOffers(SupplierKind kind) {
  switch (kind) {
    case SupplierKind::kAmadeus:
      return 250;
    case SupplierKind::kDuffel:
      return 1000;
    case SupplierKind::kBuiltin:
      return 2000;
  }
  return 250;
}

}  // namespace fareflow

#endif  // FAREFLOW_CONFIG_CONFIG_LIMITS_H_
