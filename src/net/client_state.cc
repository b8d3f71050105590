#include "net/client_state.h"

#include <utility>
#include <vector>

#include "net/client_exchange.h"
#include "net/tls_client_context.h"

namespace fareflow::net {

ClientState::ClientState(boost::asio::io_context& io, HttpClientOptions options)
    : io_(io),
      options_(std::move(options)),
      proxy_(ProxyRoutes::Compile(options_.proxy)),
      pool_(io.get_executor(), options_.max_idle_per_host, options_.idle_keep) {}

Result<boost::asio::ssl::context*> ClientState::tls() {
  if (!tls_) tls_.emplace(MakeTlsClientContext(options_.ca_file));
  if (!*tls_) return tl::unexpected<Error>(tls_->error());
  return (*tls_)->get();
}

void ClientState::Register(const std::shared_ptr<ClientExchange>& exchange) {
  in_flight_.emplace(exchange.get(), exchange);
}

void ClientState::Unregister(const ClientExchange* exchange) { in_flight_.erase(exchange); }

void ClientState::Stop() {
  stopping_ = true;
  // Ending an exchange unregisters it and runs its callback, which may Send again: take a
  // snapshot first.
  std::vector<std::shared_ptr<ClientExchange>> live;
  live.reserve(in_flight_.size());
  for (auto& [key, weak] : in_flight_) {
    if (auto exchange = weak.lock()) live.push_back(std::move(exchange));
  }
  for (auto& exchange : live) {
    exchange->Abort(Error{ErrorCode::kUnavailable, "client stopped", {}});
  }
  pool_.CloseAll();
}

}  // namespace fareflow::net
