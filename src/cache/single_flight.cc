#include "cache/single_flight.h"

#include <utility>

namespace fareflow::cache {

bool SingleFlight::JoinOrLead(const std::string& key, Landing on_land) {
  std::lock_guard lock(mu_);
  const auto [it, leads] = flights_.try_emplace(key);
  if (!leads) it->second.push_back(std::move(on_land));
  return leads;
}

void SingleFlight::Land(const std::string& key, const FlightResult& result) {
  std::vector<Landing> joiners;
  {
    std::lock_guard lock(mu_);
    const auto it = flights_.find(key);
    if (it == flights_.end()) return;
    joiners = std::move(it->second);
    flights_.erase(it);
  }
  // Outside the lock: a callback may start the next flight of the same key.
  for (const Landing& landing : joiners) {
    if (landing) landing(result);
  }
}

bool SingleFlight::InFlight(const std::string& key) const {
  std::lock_guard lock(mu_);
  return flights_.contains(key);
}

std::size_t SingleFlight::flights() const {
  std::lock_guard lock(mu_);
  return flights_.size();
}

}  // namespace fareflow::cache
