#ifndef FAREFLOW_FANOUT_SEARCH_STATE_H_
#define FAREFLOW_FANOUT_SEARCH_STATE_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cache/supplier_cache.h"
#include "engine/request_context.h"
#include "engine/supplier_outcome.h"
#include "engine/worker_pool.h"
#include "enrich/enricher.h"
#include "model/supplier_failure.h"

namespace fareflow {
struct ClosedCut;  // engine/cut_payload.h
}  // namespace fareflow

namespace fareflow::fanout {

// Where one supplier's part of one search stands.
enum class CallPhase {
  kInFlight,  // asked; no answer yet
  kQueued,    // payload (or built-in work) waiting for a parse worker
  kParsing,   // a worker is writing offers into the request context
  kDone,      // outcome final
};

struct Call {
  CallPhase phase = CallPhase::kDone;
  SupplierOutcome outcome;  // name and kind set from the start; the rest when done
  std::chrono::steady_clock::time_point deadline;  // the search's, or the supplier's if earlier
  int max_offers = 0;
  int http_status = 0;  // the supplier's answer, when there was one

  // The cache's part (fanout/cached_call.h decides it; none of it without a cache).
  std::optional<cache::CacheKey> key;  // the answer's name in the cache
  bool leads_flight = false;           // other searches wait on this call: land its flight once, at
                                       // delivery or when the search closes without one
  bool claimed = false;                // holds this instance's Redis claim on the call until stored
  bool store = false;                  // store the answer once it parses
  CacheUse cache;                      // how the payload being parsed came
  // Not 0: the payload is the first `cut_at` bytes of an answer past the supplier's body limit.
  // Its complete offers are kept (status truncated), and it is never stored in the cache.
  std::size_t cut_at = 0;
};

// One search's fan-out, shared by the searching thread and every callback of its supplier calls.
// Callbacks hold it by shared_ptr, so an answer arriving after the search has returned finds it
// alive, sees it closed and is dropped.
//
// The RequestContext, Enricher and WorkerPool are borrowed: they are touched only while the
// search is open, or by parse tasks that started before it closed (Close waits for those). No
// callback may reach them after Close.
//
// Thread-safe. Create it with std::make_shared: callbacks keep it alive.
class SearchState : public std::enable_shared_from_this<SearchState> {
 public:
  // `cache` (null: none) must outlive the state and every callback holding it; `summaries_only`
  // as FetchOptions.
  SearchState(RequestContext& context, const Enricher& enricher, WorkerPool& pool,
              std::vector<Call> calls, cache::SupplierCache* cache = nullptr,
              bool summaries_only = false);
  SearchState(const SearchState&) = delete;
  SearchState& operator=(const SearchState&) = delete;

  std::chrono::steady_clock::time_point start() const { return start_; }
  std::chrono::steady_clock::time_point deadline(std::size_t i) const { return calls_[i].deadline; }
  // What call `i` has left before its deadline, now (negative once past): what a supplier is
  // told it may take (Duffel's supplier_timeout), so that a call started late asks for no more.
  std::chrono::milliseconds time_left(std::size_t i) const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(calls_[i].deadline -
                                                                 std::chrono::steady_clock::now());
  }

  // True once the search has returned: nothing more is started for it.
  bool closed() const;

  // The HTTP answer of call `i` (payload bytes or a failure); from any thread. A payload goes to
  // a parse worker at once. Ignored when the call already ended (timed out) or the search closed.
  // `cut_at` not 0: the payload is an answer cut at that many bytes, its body limit (Call::cut_at).
  void Deliver(std::size_t i, SupplierResult<std::string> payload, std::size_t cut_at = 0);

  // The result of another call that call `i` joined (cache::SingleFlight), from any thread: as
  // Deliver, the payload copied.
  void DeliverShared(std::size_t i, const cache::FlightResult& result);

  // A call answered in pages (Duffel's `GET /air/offers`), from the HTTP client's thread, in
  // order: BeginPages once, DeliverPage for each page, EndPages after the last one or when one
  // failed. Each page goes to a parse worker as it arrives and is parsed into the call's one
  // batch, one page after another, while the next page is fetched. The pages are joined into one
  // payload (`head`, each page's items separated by commas, `tail`; static text) that stands for
  // the whole answer: the outcome's payload, the cache's copy and what joined calls get.
  void BeginPages(std::size_t i, std::string_view head, std::string_view tail);
  // One page of call `i`; [items_begin, items_end) of `page` are its items, for the joined
  // payload. False when no more pages are wanted: the search closed, the call ended (timed out),
  // or a page could not be parsed.
  bool DeliverPage(std::size_t i, std::string page, std::size_t items_begin, std::size_t items_end);
  // No page follows: the last one came (no failure), or `failure` (a page's fetch failed). The
  // outcome counts every page; after a failure it keeps the offers of the pages parsed, with the
  // failure's status and an error saying how many pages and offers were kept.
  void EndPages(std::size_t i, std::optional<SupplierFailure> failure);

  // Answers call `i` from a cache entry: its summary alone with summaries_only, else its payload
  // decompressed and parsed on a parse worker.
  void Serve(std::size_t i, cache::EntryPtr entry, CacheUse use);

  // Runs the built-in supplier for call `i` on a parse worker.
  void StartBuiltin(std::size_t i);

  // Changes call `i` under the lock before it starts (the cache's part of it).
  void Update(std::size_t i, const std::function<void(Call&)>& change);
  // Ends the flight call `i` leads (if it does, and it has not landed) with `result`, from any
  // thread holding no search's lock; the call itself goes on (answered from the cache, or by
  // another instance's answer).
  void LandFlight(std::size_t i, const cache::FlightResult& result);

  // Waits until every call is done, or past its deadline (then timeout; a paged call keeps the
  // offers of the pages parsed by then); payloads and pages already being parsed are waited for.
  // Then closes the search and returns the calls in order.
  std::vector<Call> WaitAndClose();

  // For answers that stream (PendingFetch::Progress): blocks until a call not yet taken here is
  // done, or no call is left that may still finish (each one done or past its deadline; payloads
  // being parsed are waited for), and returns the calls done since the last call as (index, a
  // copy of the final outcome), in the order they reached kDone. Empty once none is left to
  // report: the calls past their deadline are WaitAndClose's to time out. Called from the
  // searching thread only, before WaitAndClose.
  std::vector<std::pair<std::size_t, SupplierOutcome>> WaitForDone();

 private:
  // Parses the answer call `i` received (cutting it first if it was cut short), storing it in
  // the cache when the call is to.
  void Parse(std::size_t i, std::string payload, simdjson::ondemand::parser& parser);
  // Parses `bytes`, which the search's context holds, and finishes call `i`. `received`: how many
  // bytes the answer had before a cut one was closed; `kept`: the bytes to store in the cache, if
  // any (a share of `bytes`'); `cut`: how a cut answer was closed, null when it was not cut.
  void ParseHeld(std::size_t i, simdjson::padded_string_view bytes, std::size_t received,
                 std::shared_ptr<const std::string> kept, const ClosedCut* cut,
                 simdjson::ondemand::parser& parser);
  // Queues `payload` of call `i` for parsing; under mu_, the call in flight.
  void QueueLocked(std::size_t i, std::string payload);
  // Takes call `i` from kQueued to kParsing; false when it timed out or the search closed.
  bool BeginWork(std::size_t i);
  void Finish(std::size_t i, SupplierOutcome outcome);
  // Submits the first waiting page of call `i` to a parse worker. Under mu_.
  void SubmitPageLocked(std::size_t i);
  // A page delivered to a paged call, and where its items are (DeliverPage).
  struct PendingPage {
    std::string bytes;
    std::size_t items_begin = 0;
    std::size_t items_end = 0;
  };
  void ParsePage(std::size_t i, PendingPage page, simdjson::ondemand::parser& parser);
  // The outcome of a paged call whose pages ended, the call in kParsing; outside mu_.
  void FinishPages(std::size_t i);
  // What the pages of call `i` make so far: offers (cut at max_offers), payload and bytes, and
  // `error` with what was kept appended. Called while the search waits for the call.
  void TakePages(std::size_t i, SupplierOutcome& outcome, std::string& error);
  // Call `i` reached kDone: notes when, in done_order_, and wakes the searching thread. Under mu_.
  void MarkDoneLocked(std::size_t i);
  int64_t MicrosSinceStart() const;

  const std::chrono::steady_clock::time_point start_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool closed_ = false;
  RequestContext* context_;  // borrowed; see the class comment
  const Enricher* enricher_;
  WorkerPool* pool_;
  std::vector<Call> calls_;
  // The pages of paged calls (BeginPages), by call index.
  struct Pages {
    bool active = false;
    std::string joined;                      // head and the items of every page parsed
    std::size_t head_size = 0;               // joined holds items past this
    std::string_view tail;                   // static text
    std::deque<PendingPage> waiting;         // delivered while an earlier page was parsed
    bool parsing = false;                    // a page task is queued or running: waited for
    bool ended = false;                      // EndPages came
    std::optional<SupplierFailure> failure;  // what stopped the pages
    // A page failed to parse: the pages after it are not parsed. A failed fetch of a later page
    // is not this: the pages that came before it are still parsed and kept.
    bool unreadable = false;
    int delivered = 0;
    int parsed = 0;  // pages parsed without error
    int64_t bytes = 0;
    // The batch every page is parsed into and its arena; written by the page tasks (one at a
    // time) and read once none runs.
    Arena* arena = nullptr;
    OfferBatch* batch = nullptr;
  };
  std::vector<Pages> pages_;
  std::vector<std::size_t> done_order_;  // indices of calls_ in the order they reached kDone
  std::size_t reported_ = 0;             // how many of done_order_ WaitForDone has returned
  cache::SupplierCache* const cache_;
  const bool summaries_only_;
};

}  // namespace fareflow::fanout

#endif  // FAREFLOW_FANOUT_SEARCH_STATE_H_
