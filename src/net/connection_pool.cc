#include "net/connection_pool.h"

#include <utility>

namespace fareflow::net {
namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

ConnectionPool::ConnectionPool(asio::any_io_executor executor, std::size_t max_idle_per_origin,
                               std::chrono::milliseconds idle_keep)
    : max_idle_per_origin_(max_idle_per_origin),
      idle_keep_(idle_keep),
      sweep_timer_(std::move(executor)) {}

std::shared_ptr<ClientConnection> ConnectionPool::Take(const std::string& origin) {
  auto found = idle_.find(origin);
  if (found == idle_.end()) return nullptr;
  auto& parked = found->second;
  Clock::time_point oldest_fresh = Clock::now() - idle_keep_;
  std::shared_ptr<ClientConnection> taken;
  while (!parked.empty() && !taken) {
    std::shared_ptr<ClientConnection> candidate = std::move(parked.back());
    parked.pop_back();
    if (candidate->idle_since >= oldest_fresh && candidate->LooksReusable()) {
      taken = std::move(candidate);
    } else {
      candidate->Close();
    }
  }
  if (parked.empty()) idle_.erase(found);
  return taken;
}

void ConnectionPool::Put(std::shared_ptr<ClientConnection> connection) {
  if (closed_ || max_idle_per_origin_ == 0) return connection->Close();
  connection->idle_since = Clock::now();
  auto& parked = idle_[connection->origin()];
  parked.push_back(std::move(connection));
  while (parked.size() > max_idle_per_origin_) {
    parked.front()->Close();
    parked.pop_front();
  }
  ArmSweep();
}

void ConnectionPool::CloseAll() {
  closed_ = true;
  for (auto& [origin, parked] : idle_) {
    for (auto& connection : parked) connection->Close();
  }
  idle_.clear();
  sweep_timer_.cancel();
}

std::size_t ConnectionPool::idle_count() const {
  std::size_t count = 0;
  for (const auto& [origin, parked] : idle_) count += parked.size();
  return count;
}

void ConnectionPool::ArmSweep() {
  if (sweep_armed_ || closed_) return;
  sweep_armed_ = true;
  sweep_timer_.expires_after(idle_keep_);
  // `this` outlives the handler: see the class comment.
  sweep_timer_.async_wait([this](boost::system::error_code ec) {
    sweep_armed_ = false;
    if (ec || closed_) return;
    Sweep();
  });
}

void ConnectionPool::Sweep() {
  Clock::time_point oldest_fresh = Clock::now() - idle_keep_;
  for (auto it = idle_.begin(); it != idle_.end();) {
    auto& parked = it->second;
    // Oldest first: expired connections are at the front.
    while (!parked.empty() && parked.front()->idle_since < oldest_fresh) {
      parked.front()->Close();
      parked.pop_front();
    }
    it = parked.empty() ? idle_.erase(it) : std::next(it);
  }
  if (!idle_.empty()) ArmSweep();
}

}  // namespace fareflow::net
