#include <algorithm>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "calendar/calendar.h"
#include "calendar/calendar_cells.h"
#include "calendar/calendar_values.h"
#include "engine/request_context.h"
#include "enrich/enricher.h"

namespace fareflow {
namespace {

using Clock = std::chrono::steady_clock;

// Cells begun before the first of them is waited for, at most. A source whose Begin runs the
// fetch at once (the default) holds every parsed answer of the cells begun until they are waited
// for: a wave bounds that memory on a 62 x 31 grid, while a 7 x 7 grid, a month one way or a
// fill within the configured call cap is one wave, every call in flight at once.
constexpr std::size_t kMaxCellsInFlight = 256;

// What one cell's fetch needs kept alive from Begin to Wait (PendingFetch's contract); members in
// that order, so that the fetch goes first.
struct CellFetch {
  std::size_t cell = 0;
  std::unique_ptr<RequestContext> context;
  std::unique_ptr<Enricher> enricher;
  std::unique_ptr<PendingFetch> pending;
};

// Whether an outcome cost a supplier call: asked now, and not turned away before the call. The
// built-in supplier runs in process and costs none.
bool MadeCall(const SupplierOutcome& o) {
  return o.kind != SupplierKind::kBuiltin && !o.cache.from_cache &&
         o.status != SupplierStatus::kNotCached && o.status != SupplierStatus::kRateLimited &&
         o.status != SupplierStatus::kSkipped;
}

int CountStatus(std::span<const SupplierOutcome> outcomes, SupplierStatus status) {
  return static_cast<int>(std::ranges::count(outcomes, status, &SupplierOutcome::status));
}

}  // namespace

CalendarService::CalendarService(SupplierSource& source, const refdata::FxRates& fx,
                                 CalendarServiceOptions options)
    : source_(source), fx_(fx), options_(options) {}

Clock::time_point CalendarService::Deadline(const CalendarRequest& request, Clock::time_point start,
                                            Clock::time_point cap) const {
  std::chrono::milliseconds wanted = options_.default_deadline;
  if (request.deadline_ms) wanted = std::chrono::milliseconds(*request.deadline_ms);
  wanted = std::min(wanted, options_.max_deadline);
  return std::min(start + wanted, cap);
}

CalendarResult CalendarService::Run(const CalendarRequest& request,
                                    Clock::time_point deadline_cap) {
  const Clock::time_point start = Clock::now();
  const Clock::time_point deadline = Deadline(request, start, deadline_cap);
  CalendarResult result;
  result.cells = ExpandCells(request);

  // Begins the searches of `cells` with `mode`, summaries only, a wave at a time, and hands each
  // cell's outcomes to `done` once waited for; the cell's context is freed right after.
  auto fetch = [&](std::span<const std::size_t> cells, CacheMode mode,
                   const std::function<void(std::size_t, std::span<const SupplierOutcome>)>& done) {
    for (std::size_t first = 0; first < cells.size(); first += kMaxCellsInFlight) {
      const std::size_t last = std::min(cells.size(), first + kMaxCellsInFlight);
      std::vector<CellFetch> wave;
      wave.reserve(last - first);
      for (std::size_t i = first; i < last; ++i) {
        CellFetch& f = wave.emplace_back();
        f.cell = cells[i];
        SearchRequest search = result.cells[f.cell].search;
        search.cache = mode;
        f.context = std::make_unique<RequestContext>(std::move(search));
        f.enricher = std::make_unique<Enricher>(f.context->request(), fx_);
        f.pending = source_.Begin(*f.context, *f.enricher, deadline, {.summaries_only = true});
      }
      for (CellFetch& f : wave) {
        const std::vector<SupplierOutcome> outcomes = f.pending->Wait();
        done(f.cell, outcomes);
        f = CellFetch{};
      }
    }
  };
  auto count = [&](std::span<const SupplierOutcome> outcomes) {
    result.supplier_calls += static_cast<int>(std::ranges::count_if(outcomes, MadeCall));
    result.calls_refused += CountStatus(outcomes, SupplierStatus::kRateLimited);
  };

  // Pass 1: every cell, from the cache alone. A supplier the cache could not answer for a cell
  // is a call that cell would need.
  std::vector<std::size_t> all(result.cells.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  std::vector<int> calls_needed(result.cells.size(), 0);
  fetch(all, CacheMode::kOnly, [&](std::size_t i, std::span<const SupplierOutcome> outcomes) {
    FillCell(request, outcomes, result.cells[i]);
    calls_needed[i] = CountStatus(outcomes, SupplierStatus::kNotCached);
    count(outcomes);
  });

  if (request.mode == CalendarMode::kFill) {
    // Pass 2: the cells the cache left something to ask about -- the empty ones first, then
    // those some supplier did not answer (a built-in supplier alone fills every cell, and the
    // others may be cheaper) -- each group cheapest to fill first, then by date (the cells are in
    // date order and the sort is stable), while the budget lasts; a cell is asked whole or not
    // at all.
    std::vector<std::size_t> wanted;
    for (std::size_t i = 0; i < result.cells.size(); ++i) {
      if (calls_needed[i] > 0) wanted.push_back(i);
    }
    std::ranges::stable_sort(wanted, {}, [&](std::size_t i) {
      return std::pair{result.cells[i].filled(), calls_needed[i]};
    });
    const int budget = std::max(0, std::min(request.max_calls, options_.max_calls_cap));
    int planned = 0;
    std::vector<std::size_t> begun;
    for (const std::size_t i : wanted) {
      if (planned + calls_needed[i] <= budget) {
        planned += calls_needed[i];
        begun.push_back(i);
      } else {
        result.calls_refused += calls_needed[i];
      }
    }
    fetch(begun, CacheMode::kPrefer, [&](std::size_t i, std::span<const SupplierOutcome> outcomes) {
      FillCell(request, outcomes, result.cells[i]);
      count(outcomes);
    });
  }

  SummarizeCells(result);
  result.micros =
      std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count();
  return result;
}

}  // namespace fareflow
