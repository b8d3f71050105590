#ifndef FAREFLOW_SERVER_ROUTES_SEARCH_STREAM_H_
#define FAREFLOW_SERVER_ROUTES_SEARCH_STREAM_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "engine/search_progress.h"
#include "engine/search_service.h"
#include "model/search_request.h"
#include "net/exchange.h"
#include "server/services/api_services.h"

namespace fareflow::server {

// Whether a search request asks for its answer as Server-Sent Events (docs/api.md, "Streaming
// answers"): its Accept header names text/event-stream with a q-value above zero. Wildcards do not
// count, so clients that accept anything keep the JSON answer.
bool WantsEventStream(const net::WireRequest& request);

// The head of a streamed search answer: 200, text/event-stream, not to be stored by caches nor
// buffered by proxies (X-Accel-Buffering). No Server-Timing: the head leaves before the work.
net::WireResponse EventStreamHead();

// A SearchProgress writing a search's events to `stream` as it runs: a `supplier` event as each
// supplier finishes and a `results` event after each, replaceable (a slow reader gets the latest
// results, every supplier event and the end). Runs on the search thread and never blocks it:
// ResponseStream::Write only queues. Once the client has gone, no event is made at all.
class SearchStream final : public SearchProgress {
 public:
  // `max_answer_bytes` bounds each results event's page as it bounds the JSON answer.
  SearchStream(std::shared_ptr<net::ResponseStream> stream, std::size_t max_answer_bytes);

  void SupplierDone(const SupplierOutcome& outcome, std::size_t done, std::size_t total) override;
  void PartialResults(const SearchResult& result, const SearchRequest& request, std::size_t done,
                      std::size_t total) override;

 private:
  const std::shared_ptr<net::ResponseStream> stream_;
  const std::size_t max_answer_bytes_;
};

// Runs `request` on the calling thread (a search thread) with its events written to `stream`,
// started by the caller, then: puts the search in services.store, writes the `done` event (the
// JSON answer, whose search_id pages at once), and ends the stream; the search's log line,
// metrics and shared copy follow once the end was sent (FinishSearchAfterSent). A search that
// fails after the head left (nothing a client sends should) ends with an `error` event holding
// the JSON error. A client that goes away cancels nothing: the search runs on (others may wait on
// its supplier calls), is stored, and is counted in fareflow_stream_clients_gone_total.
void StreamSearch(std::shared_ptr<net::ResponseStream> stream, SearchRequest request,
                  SearchCall call, std::string_view owner, const ApiServices& services);

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_ROUTES_SEARCH_STREAM_H_
