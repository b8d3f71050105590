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

std::shared_ptr<ResponseStream> ExchangeImpl::StartStream(WireResponse head) {
  auto parts = std::make_shared<StreamParts>();
  if (answered_.exchange(true)) {
    // Already answered: a stream that sends nothing, so the caller stops making parts.
    parts->MarkGone();
    return std::make_shared<StreamImpl>(state_, connection_, id_, std::move(parts));
  }
  Answer answer;
  answer.kind = Answer::Kind::kStream;
  answer.response = std::move(head);
  answer.stream = parts;
  if (!Send(std::move(answer))) parts->MarkGone();
  return std::make_shared<StreamImpl>(state_, connection_, id_, std::move(parts));
}

bool ExchangeImpl::Send(Answer answer) {
  // Under the state lock the io_context is known to be alive, so posting onto it is safe.
  bool posted = false;
  state_->IfRunning([&] {
    std::shared_ptr<Connection> connection = connection_.lock();
    if (!connection) return;
    boost::asio::post(connection->executor(),
                      [connection, id = id_, answer = std::move(answer)]() mutable {
                        connection->Deliver(id, std::move(answer));
                      });
    posted = true;
  });
  return posted;
}

StreamImpl::StreamImpl(std::shared_ptr<ServerState> state, std::weak_ptr<Connection> connection,
                       uint64_t id, std::shared_ptr<StreamParts> parts)
    : state_(std::move(state)),
      connection_(std::move(connection)),
      id_(id),
      parts_(std::move(parts)) {}

StreamImpl::~StreamImpl() {
  if (ended_.exchange(true) || parts_->gone()) return;
  Gone();
  state_->IfRunning([&] {
    std::shared_ptr<Connection> connection = connection_.lock();
    if (!connection) return;
    boost::asio::post(connection->executor(),
                      [connection, id = id_] { connection->AbandonStream(id); });
  });
}

bool StreamImpl::Write(std::string part, bool replaceable) {
  bool kick = false;
  if (!parts_->Push(std::move(part), replaceable, &kick)) return false;
  if (kick) {
    Kick();
  } else if (connection_.expired()) {
    Gone();  // closed before the stream's head reached it (the server stopped)
  }
  return !parts_->gone();
}

void StreamImpl::End(AfterSent after_sent) {
  ended_ = true;
  bool kick = false;
  if (parts_->End(std::move(after_sent), &kick) && kick) Kick();
}

void StreamImpl::Kick() {
  bool posted = false;
  state_->IfRunning([&] {
    std::shared_ptr<Connection> connection = connection_.lock();
    if (!connection) return;
    boost::asio::post(connection->executor(),
                      [connection, id = id_] { connection->PumpStream(id); });
    posted = true;
  });
  if (!posted) Gone();
}

void StreamImpl::Gone() { parts_->MarkGone().Drop(); }

}  // namespace fareflow::net
