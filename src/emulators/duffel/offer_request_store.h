#ifndef FAREFLOW_EMULATORS_DUFFEL_OFFER_REQUEST_STORE_H_
#define FAREFLOW_EMULATORS_DUFFEL_OFFER_REQUEST_STORE_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/arena.h"
#include "model/offer.h"
#include "model/search_request.h"
#include "suppliers/duffel/response_writer.h"

namespace fareflow::emulators {

// One offer request as the Duffel emulator keeps it. Immutable once stored; shared (through
// shared_ptr) by the store and by the responses being written from it, so eviction never pulls
// it from under a response.
struct StoredOfferRequest {
  std::string id;  // "orq_…"
  SearchRequest request;
  duffel::OfferRequestContext context;  // ids and created_at of every response about it
  // Owns the offers' slices, segments and generated strings; declared before `offers`, which
  // point into it.
  std::unique_ptr<Arena> arena;
  std::vector<Offer> offers;           // in generation order; an offer's index seeds its id
  std::vector<std::string> offer_ids;  // "off_…" of offers[i]
  std::vector<int64_t> total_minutes;  // total_duration of offers[i] (sum of slice durations)
};

// The offer requests the emulator remembers: the `capacity` most recent ones, by id, and their
// offers by offer id. An evicted request and its offers are unknown afterwards (404). All
// methods are thread-safe.
class OfferRequestStore {
 public:
  explicit OfferRequestStore(int capacity);
  OfferRequestStore(const OfferRequestStore&) = delete;
  OfferRequestStore& operator=(const OfferRequestStore&) = delete;

  // Stores `entry`, evicting the oldest entries beyond the capacity.
  void Add(std::shared_ptr<const StoredOfferRequest> entry);

  // The offer request `id`, or nullptr.
  std::shared_ptr<const StoredOfferRequest> Find(std::string_view id) const;

  // The offer request holding offer `offer_id` (nullptr when none), and the offer's index in it.
  struct OfferRef {
    std::shared_ptr<const StoredOfferRequest> request;
    std::size_t index = 0;
  };
  OfferRef FindOffer(std::string_view offer_id) const;

  // How many offer requests are stored.
  int size() const;

 private:
  void EvictOldest();  // requires mu_

  const std::size_t capacity_;
  mutable std::mutex mu_;
  std::deque<std::shared_ptr<const StoredOfferRequest>> entries_;  // oldest first
  std::unordered_map<std::string, std::shared_ptr<const StoredOfferRequest>> by_id_;
  std::unordered_map<std::string, OfferRef> offers_;
};

}  // namespace fareflow::emulators

#endif  // FAREFLOW_EMULATORS_DUFFEL_OFFER_REQUEST_STORE_H_
