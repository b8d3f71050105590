#include "net/exchange_impl.h"

#include <utility>

#include <boost/asio/post.hpp>

#include "net/connection.h"

namespace fareflow::net {

ExchangeImpl::ExchangeImpl(std::shared_ptr<ServerState> state, std::weak_ptr<Connection> connection,
                           uint64_t id, BeastRequest request)
    : state_(std::move(state)),
      connection_(std::move(connection)),
      id_(id),
      beast_request_(std::move(request)),
      wire_(MakeWireRequest(beast_request_)) {}

ExchangeImpl::~ExchangeImpl() {
  if (!answered_.exchange(true)) {
    Answer answer;
    answer.kind = Answer::Kind::kAbandon;
    Send(std::move(answer));
  }
}

void ExchangeImpl::RespondThen(WireResponse response, AfterSent work) {
  // A second answer is ignored; its work runs (dropped) as `work` goes.
  if (answered_.exchange(true)) return;
  Answer answer;
  answer.kind = Answer::Kind::kRespond;
  answer.response = std::move(response);
  answer.after_sent = std::move(work);
  Send(std::move(answer));
}

void ExchangeImpl::RespondLate(WireResponse response, std::chrono::milliseconds delay) {
  if (answered_.exchange(true)) return;
  Answer answer;
  answer.kind = Answer::Kind::kRespond;
  answer.response = std::move(response);
  answer.delay = delay;
  Send(std::move(answer));
}

void ExchangeImpl::RespondTruncated(WireResponse response, double body_share,
                                    std::chrono::milliseconds delay) {
  if (answered_.exchange(true)) return;
  Answer answer;
  answer.kind = Answer::Kind::kTruncated;
  answer.response = std::move(response);
  answer.body_share = body_share;
  answer.delay = delay;
  Send(std::move(answer));
}

void ExchangeImpl::Reset(std::chrono::milliseconds delay) {
  if (answered_.exchange(true)) return;
  Answer answer;
  answer.kind = Answer::Kind::kReset;
  answer.delay = delay;
  Send(std::move(answer));
}

void ExchangeImpl::Hang() {
  if (answered_.exchange(true)) return;
  Answer answer;
  answer.kind = Answer::Kind::kHang;
  Send(std::move(answer));
}

void ExchangeImpl::Send(Answer answer) {
  // Under the state lock the io_context is known to be alive, so posting onto it is safe.
  state_->IfRunning([&] {
    std::shared_ptr<Connection> connection = connection_.lock();
    if (!connection) return;
    boost::asio::post(connection->executor(),
                      [connection, id = id_, answer = std::move(answer)]() mutable {
                        connection->Deliver(id, std::move(answer));
                      });
  });
}

}  // namespace fareflow::net
