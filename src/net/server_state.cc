#include "net/server_state.h"

#include <utility>

namespace fareflow::net {

bool ServerState::Register(std::shared_ptr<Connection> connection) {
  std::lock_guard<std::mutex> lock(mu_);
  if (stopping_) return false;
  const Connection* key = connection.get();
  connections_.emplace(key, std::move(connection));
  return true;
}

void ServerState::Unregister(const Connection* connection) {
  std::shared_ptr<Connection> last;  // released outside the lock
  std::lock_guard<std::mutex> lock(mu_);
  auto it = connections_.find(connection);
  if (it == connections_.end()) return;
  last = std::move(it->second);
  connections_.erase(it);
}

std::vector<std::shared_ptr<Connection>> ServerState::Connections() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::shared_ptr<Connection>> out;
  out.reserve(connections_.size());
  for (const auto& [key, connection] : connections_) out.push_back(connection);
  return out;
}

bool ServerState::BeginExchange() {
  std::lock_guard<std::mutex> lock(mu_);
  if (stopping_) return false;
  ++in_flight_;
  return true;
}

void ServerState::EndExchange() {
  std::lock_guard<std::mutex> lock(mu_);
  if (in_flight_ > 0 && --in_flight_ == 0) idle_.notify_all();
}

std::size_t ServerState::in_flight() const {
  std::lock_guard<std::mutex> lock(mu_);
  return in_flight_;
}

void ServerState::BeginStopping() {
  std::lock_guard<std::mutex> lock(mu_);
  stopping_ = true;
}

bool ServerState::WaitUntilIdle(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock<std::mutex> lock(mu_);
  return idle_.wait_until(lock, deadline, [this] { return in_flight_ == 0; });
}

void ServerState::MarkStopped() {
  std::lock_guard<std::mutex> lock(mu_);
  stopping_ = true;
  stopped_ = true;
}

}  // namespace fareflow::net
