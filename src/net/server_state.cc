#include "net/server_state.h"

#include <utility>

#include "net/connection_cap.h"

namespace fareflow::net {

ServerState::ServerState(HttpServerOptions options, FaultHandler handler)
    : options_(std::move(options)),
      handler_(std::move(handler)),
      max_connections_(ResolveConnectionCap(options_.max_connections).value) {
  counters_->max = max_connections_;
}

ServerState::Admission ServerState::Admit(std::shared_ptr<Connection> connection,
                                          std::shared_ptr<Connection>* shed) {
  std::lock_guard<std::mutex> lock(mu_);
  if (stopping_) return Admission::kStopping;
  // Connections being shed are closing: their descriptors are as good as free.
  if (connections_.size() - shedding_ >= max_connections_) {
    if (idle_connections_.empty()) {
      ++counters_->refused;
      return Admission::kRefused;
    }
    Entry& victim = connections_.at(idle_connections_.front());
    idle_connections_.pop_front();
    victim.idle = false;
    victim.shed = true;
    ++shedding_;
    ++counters_->shed;
    *shed = victim.connection;
  }
  const Connection* key = connection.get();
  connections_.emplace(key, Entry{std::move(connection), false, false, {}});
  ++counters_->accepted;
  counters_->open = connections_.size();
  return Admission::kAdmitted;
}

void ServerState::Unregister(const Connection* connection) {
  std::shared_ptr<Connection> last;  // released outside the lock
  std::lock_guard<std::mutex> lock(mu_);
  auto it = connections_.find(connection);
  if (it == connections_.end()) return;
  Entry& entry = it->second;
  if (entry.idle) idle_connections_.erase(entry.idle_at);
  if (entry.shed) --shedding_;
  last = std::move(entry.connection);
  connections_.erase(it);
  counters_->open = connections_.size();
}

void ServerState::MarkIdle(const Connection* connection) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = connections_.find(connection);
  if (it == connections_.end() || it->second.idle || it->second.shed) return;
  it->second.idle = true;
  it->second.idle_at = idle_connections_.insert(idle_connections_.end(), connection);
}

bool ServerState::MarkBusy(const Connection* connection) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = connections_.find(connection);
  if (it == connections_.end() || it->second.shed) return false;
  if (it->second.idle) {
    idle_connections_.erase(it->second.idle_at);
    it->second.idle = false;
  }
  return true;
}

std::vector<std::shared_ptr<Connection>> ServerState::Connections() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::shared_ptr<Connection>> out;
  out.reserve(connections_.size());
  for (const auto& [key, entry] : connections_) out.push_back(entry.connection);
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
  if (in_flight_ > 0 && --in_flight_ == 0) no_exchanges_.notify_all();
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
  return no_exchanges_.wait_until(lock, deadline, [this] { return in_flight_ == 0; });
}

void ServerState::MarkStopped() {
  std::lock_guard<std::mutex> lock(mu_);
  stopping_ = true;
  stopped_ = true;
}

}  // namespace fareflow::net
