#ifndef FAREFLOW_ENGINE_SUPPLIER_SOURCE_H_
#define FAREFLOW_ENGINE_SUPPLIER_SOURCE_H_

#include <chrono>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "engine/request_context.h"
#include "engine/supplier_outcome.h"
#include "enrich/enricher.h"

namespace fareflow {

// What a fetch is for, beyond the request (whose `cache` says how the cache is used).
struct FetchOptions {
  // Only each supplier's FareSummary is wanted (a price calendar's cell): a cached answer gives
  // its stored summary without being decompressed or parsed, and its outcome has no batch.
  bool summaries_only = false;
};

// A fetch under way (SupplierSource::Begin). The context, enricher and source it was begun with
// must outlive it; Wait must be called once, from one thread.
class PendingFetch {
 public:
  virtual ~PendingFetch() = default;
  // Blocks until the fetch is done (at its deadline at the latest) and returns what Fetch would.
  virtual std::vector<SupplierOutcome> Wait() = 0;

  // For answers that stream: blocks until at least one supplier not yet reported has finished,
  // or none is left in flight (every one finished or past its deadline), and returns the
  // suppliers finished since the last call as (index in configuration order, final outcome), in
  // the order they finished. Empty once no supplier is left to report: then call Wait, which
  // also gives the ones that timed out. The outcomes' views live in the fetch's RequestContext.
  // Called from the thread that calls Wait. The default reports nothing before Wait.
  virtual std::vector<std::pair<std::size_t, SupplierOutcome>> Progress() { return {}; }

  // How many suppliers the fetch asks: the number of outcomes Wait returns.
  virtual std::size_t SupplierCount() const = 0;
};

// Where a search's offers come from: every configured supplier, asked at once. The search
// service sees only this, so the built-in supplier alone, a live fan-out over HTTP, recorded
// payload files and a test's canned answers are interchangeable.
class SupplierSource {
 public:
  virtual ~SupplierSource() = default;

  // Asks every supplier for context.request(), parses and enriches each payload into `context`
  // (its arenas and payload store) as it arrives, and returns one outcome per configured
  // supplier, in configuration order. Returns by `deadline`: a supplier still in flight then is
  // cancelled and reported as SupplierStatus::kTimeout. Thread-safe; blocks the calling thread.
  virtual std::vector<SupplierOutcome> Fetch(RequestContext& context, const Enricher& enricher,
                                             std::chrono::steady_clock::time_point deadline) = 0;

  // Starts what Fetch does without waiting for it, so that one thread can have many fetches in
  // flight (a price calendar's cells). The default runs Fetch at once, then summarizes each
  // outcome's batch.
  virtual std::unique_ptr<PendingFetch> Begin(RequestContext& context, const Enricher& enricher,
                                              std::chrono::steady_clock::time_point deadline,
                                              FetchOptions options);

  // Whether the source gives recorded answers: the same ones for the same request on every call
  // (payload files). A search over them is named by RecordingId, to which its page cursors are
  // tied, so a cursor printed by one run pages the next, and a search may start at a cursor.
  // Live suppliers answer anew each time (false): a search gets a fresh random id, and a cursor
  // pages a stored search only.
  virtual bool Recorded() const { return false; }

  // For a recorded source: the name of the answers `outcomes` (what Fetch returned). Called only
  // when Recorded().
  virtual std::string RecordingId(std::span<const SupplierOutcome> /*outcomes*/) const {
    return {};
  }
};

}  // namespace fareflow

#endif  // FAREFLOW_ENGINE_SUPPLIER_SOURCE_H_
