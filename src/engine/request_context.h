#ifndef FAREFLOW_ENGINE_REQUEST_CONTEXT_H_
#define FAREFLOW_ENGINE_REQUEST_CONTEXT_H_

#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include <simdjson.h>

#include "core/arena.h"
#include "core/mapped_file.h"
#include "engine/stage_timings.h"
#include "model/offer_batch.h"
#include "model/search_request.h"

namespace fareflow {

// Everything one search owns: the request, the supplier payload bytes, and the arenas that hold
// the offers parsed from them. Offers point into both payloads and arenas, so the context must
// outlive every Offer*, view and span of the search; Release() (or the destructor) frees it all in
// one go, after the response has been sent.
//
// NewArena, NewBatch and AddPayload are thread-safe, so workers can take what they need while
// other suppliers are still being parsed. Each Arena itself is used by one thread at a time.
class RequestContext {
 public:
  explicit RequestContext(SearchRequest request) : request_(std::move(request)) {}
  RequestContext(const RequestContext&) = delete;
  RequestContext& operator=(const RequestContext&) = delete;
  ~RequestContext() { Release(); }

  const SearchRequest& request() const { return request_; }
  SearchRequest& mutable_request() { return request_; }

  // The arena of the request's own thread (dedupe's pricing options, response scratch).
  Arena& arena() { return main_arena_; }

  // A fresh arena for one worker; lives until Release().
  Arena& NewArena();
  // An empty batch whose offers live in `arena`; lives until Release().
  OfferBatch& NewBatch(Arena& arena);
  // Keeps payload bytes alive for the offers that will point into them; returns the stored copy.
  const simdjson::padded_string& AddPayload(simdjson::padded_string bytes);
  // The same for bytes received as a std::string (an HTTP body), without copying them when the
  // string already has SIMDJSON_PADDING bytes of spare capacity (it is grown otherwise). The view
  // is valid until Release().
  simdjson::padded_string_view AddPayload(std::string bytes);
  // The same, and a share of the stored bytes, which keeps them alive as long as it lives, beyond
  // Release(): what a cache store that runs after the answer reads, without a copy of its own.
  std::pair<simdjson::padded_string_view, std::shared_ptr<const std::string>> AddSharedPayload(
      std::string bytes);
  // The same for a payload file mapped into memory, kept mapped until Release(); the returned
  // mapping (and its view) is valid until then.
  const MappedFile& AddPayload(MappedFile file);

  // Bytes the context holds: itself, the request, every arena's blocks (offers live there), every
  // batch, and every payload of both kinds (padded strings and HTTP bodies, by capacity). Most of
  // what a stored search costs in memory; SearchStore adds the result's vectors. Not counted: the
  // allocator's own overhead per block (docs/configuration.md, `store.max_megabytes`).
  std::size_t MemoryBytes();

  StageTimings& timings() { return timings_; }
  const StageTimings& timings() const { return timings_; }

  // Frees batches, arenas and payloads (in that order: batches' vectors use the arenas). Every
  // offer of the search is invalid afterwards.
  void Release();

 private:
  SearchRequest request_;
  StageTimings timings_;
  std::mutex mu_;
  Arena main_arena_;
  std::deque<std::unique_ptr<OfferBatch>> batches_;
  std::deque<std::unique_ptr<Arena>> arenas_;
  std::deque<std::unique_ptr<simdjson::padded_string>> payloads_;
  std::deque<std::shared_ptr<const std::string>> string_payloads_;  // capacity >= size + padding
  std::deque<MappedFile> mapped_payloads_;  // a deque: never moved once added
};

}  // namespace fareflow

#endif  // FAREFLOW_ENGINE_REQUEST_CONTEXT_H_
