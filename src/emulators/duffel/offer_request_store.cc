#include "emulators/duffel/offer_request_store.h"

#include <algorithm>
#include <utility>

namespace fareflow::emulators {

OfferRequestStore::OfferRequestStore(int capacity)
    : capacity_(static_cast<std::size_t>(std::max(1, capacity))) {}

void OfferRequestStore::Add(std::shared_ptr<const StoredOfferRequest> entry) {
  std::lock_guard<std::mutex> lock(mu_);
  for (std::size_t i = 0; i < entry->offer_ids.size(); ++i) {
    offers_[entry->offer_ids[i]] = OfferRef{entry, i};
  }
  by_id_[entry->id] = entry;
  entries_.push_back(std::move(entry));
  while (entries_.size() > capacity_) EvictOldest();
}

void OfferRequestStore::EvictOldest() {
  std::shared_ptr<const StoredOfferRequest> old = std::move(entries_.front());
  entries_.pop_front();
  auto it = by_id_.find(old->id);
  if (it != by_id_.end() && it->second == old) by_id_.erase(it);
  for (const std::string& offer_id : old->offer_ids) {
    auto offer = offers_.find(offer_id);
    if (offer != offers_.end() && offer->second.request == old) offers_.erase(offer);
  }
}

std::shared_ptr<const StoredOfferRequest> OfferRequestStore::Find(std::string_view id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? nullptr : it->second;
}

OfferRequestStore::OfferRef OfferRequestStore::FindOffer(std::string_view offer_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = offers_.find(std::string(offer_id));
  return it == offers_.end() ? OfferRef{} : it->second;
}

int OfferRequestStore::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return static_cast<int>(entries_.size());
}

}  // namespace fareflow::emulators
