#include "server/routes/search_stream.h"

#include <exception>
#include <utility>
#include <vector>

#include "api/search_events.h"
#include "net/http_message.h"
#include "server/observability/metrics.h"
#include "server/post_response/post_response.h"
#include "server/routes/api_error.h"
#include "server/routes/search_handler.h"

namespace fareflow::server {

bool WantsEventStream(const net::WireRequest& request) {
  return net::AcceptsMediaType(request.Header("Accept"), "text/event-stream");
}

net::WireResponse EventStreamHead() {
  net::WireResponse head;
  head.status = 200;
  head.content_type = "text/event-stream";
  head.headers.emplace_back("Cache-Control", "no-store");
  head.headers.emplace_back("X-Accel-Buffering", "no");
  return head;
}

SearchStream::SearchStream(std::shared_ptr<net::ResponseStream> stream,
                           std::size_t max_answer_bytes)
    : stream_(std::move(stream)), max_answer_bytes_(max_answer_bytes) {}

void SearchStream::SupplierDone(const SupplierOutcome& outcome, std::size_t done,
                                std::size_t total) {
  if (stream_->client_gone()) return;
  std::string event;
  WriteSupplierEvent(outcome, done, total, /*include_timings=*/true, event);
  stream_->Write(std::move(event));
}

void SearchStream::PartialResults(const SearchResult& result, const SearchRequest& request,
                                  std::size_t done, std::size_t total) {
  if (stream_->client_gone()) return;
  std::string event;
  WriteResultsEvent(result, request, done, total, max_answer_bytes_, event);
  stream_->Write(std::move(event), /*replaceable=*/true);
}

void StreamSearch(std::shared_ptr<net::ResponseStream> stream, SearchRequest request,
                  SearchCall call, std::string_view owner, const ApiServices& services) {
  SearchStream progress(stream, services.max_answer_bytes);
  call.progress = &progress;
  SearchAnswer answer;
  try {
    answer = RunSearch(std::move(request), services, call, owner);
  } catch (const std::exception& e) {
    answer.response = ApiError(500, "internal", e.what());
  }
  // Counted once the end was sent or dropped: dropped means the client went first (or the server
  // stopped under it).
  auto counted = [metrics = services.metrics](net::Delivery delivery) {
    if (metrics != nullptr) metrics->RecordStream(delivery == net::Delivery::kDropped);
  };
  std::string event;
  if (answer.search == nullptr) {
    WriteSseEvent("error", answer.response.body, event);
    stream->Write(std::move(event));
    return stream->End(std::move(counted));
  }
  std::vector<std::shared_ptr<CompletedSearch>> let_go = StoreBeforeAnswer(answer.search, services);
  WriteDoneEvent(answer.response.body, event);
  stream->Write(std::move(event));
  stream->End([counted, finish = FinishSearchAfterSent(std::move(answer.search), std::move(let_go),
                                                       services)](net::Delivery delivery) {
    counted(delivery);
    finish(delivery);
  });
}

}  // namespace fareflow::server
