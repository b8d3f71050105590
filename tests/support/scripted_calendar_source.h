#ifndef FAREFLOW_TESTS_SUPPORT_SCRIPTED_CALENDAR_SOURCE_H_
#define FAREFLOW_TESTS_SUPPORT_SCRIPTED_CALENDAR_SOURCE_H_

// A SupplierSource for price calendar tests: suppliers whose fares for a date (pair) a test
// scripts, a cache the test fills, and counts of what the calendar asked.

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/supplier_source.h"
#include "pipeline/fare_summary.h"

namespace fareflow {

// A fare of `total_minor` in EUR (per adult the same) with `stops` stops, flown by `carrier`.
inline FareQuote ScriptedQuote(int64_t total_minor, int stops, std::string_view carrier = "BA") {
  FareQuote q;
  q.total = {total_minor, CurrencyCode::Parse("EUR")};
  q.per_adult = q.total;
  q.max_slice_stops = static_cast<int16_t>(stops);
  q.duration_minutes = 120 + 90 * stops;
  q.carriers[0] = AirlineCode::Parse(carrier);
  q.carrier_count = 1;
  return q;
}

// A summary holding `quotes`, each in its stops' bucket (the cheapest per bucket kept).
inline FareSummary ScriptedSummary(std::initializer_list<FareQuote> quotes) {
  FareSummary s;
  for (const FareQuote& q : quotes) {
    FareSummary one;
    one.offers = 1;
    one.cheapest_by_stops[std::min<int>(q.max_slice_stops, FareSummary::kStopBuckets - 1)] = q;
    s.Merge(one);
  }
  return s;
}

// Answers every search through Begin (Fetch too, the same way) without a network: per configured
// supplier, a cached answer when the test put one in the cache for the search's dates; otherwise
// kNotCached under CacheMode::kOnly, kRateLimited for a supplier the test marked so, or a call
// (counted) answering the scripted fares. Outcomes carry summaries and no batch, as a cache's do
// with FetchOptions::summaries_only. Fetches are answered when begun; in_flight counts those
// begun and not yet waited for. Thread-safe.
class ScriptedCalendarSource final : public SupplierSource {
 public:
  // The fares of one supplier for a departure and optional return date; nullopt = no flights.
  using Fares = std::function<std::optional<FareSummary>(Days, std::optional<Days>)>;
  using Dates = std::pair<Days, std::optional<Days>>;

  void AddSupplier(std::string name, Fares fares) {
    suppliers_.push_back({std::move(name), std::move(fares)});
  }
  // The supplier's answer for `dates` is in the cache (aged `age_seconds`).
  void Cache(const std::string& supplier, Dates dates, int64_t age_seconds = 60) {
    std::lock_guard lock(mu_);
    cached_[{supplier, dates}] = age_seconds;
  }
  void RateLimit(const std::string& supplier) { rate_limited_.insert(supplier); }

  std::vector<SupplierOutcome> Fetch(RequestContext& context, const Enricher& enricher,
                                     std::chrono::steady_clock::time_point deadline) override {
    return Begin(context, enricher, deadline, {})->Wait();
  }

  std::unique_ptr<PendingFetch> Begin(RequestContext& context, const Enricher& /*enricher*/,
                                      std::chrono::steady_clock::time_point /*deadline*/,
                                      FetchOptions options) override {
    const SearchRequest& r = context.request();
    const Dates dates{
        r.slices[0].departure_date,
        r.slices.size() > 1 ? std::optional<Days>(r.slices[1].departure_date) : std::nullopt};
    std::vector<SupplierOutcome> outcomes;
    std::lock_guard lock(mu_);
    requests_.push_back(r);
    if (!options.summaries_only) ++full_fetches_;
    for (const auto& [name, fares] : suppliers_) {
      SupplierOutcome& o = outcomes.emplace_back();
      o.name = name;
      o.kind = SupplierKind::kAmadeus;  // a supplier called over the network
      auto cached = cached_.find({name, dates});
      if (cached != cached_.end()) {
        o.cache = {.from_cache = true, .age_seconds = cached->second};
      } else if (r.cache == CacheMode::kOnly) {
        o.status = SupplierStatus::kNotCached;
        continue;
      } else if (rate_limited_.contains(name)) {
        o.status = SupplierStatus::kRateLimited;
        continue;
      } else {
        ++calls_;
        called_.push_back(dates);
      }
      o.summary = fares(dates.first, dates.second);
      if (!o.summary) o.summary = FareSummary{};
    }
    ++in_flight_;
    max_in_flight_ = std::max(max_in_flight_, in_flight_);
    return std::make_unique<Answered>(std::move(outcomes), *this);
  }

  // Supplier calls made (answers not from the cache, under a mode that may call).
  int calls() const {
    std::lock_guard lock(mu_);
    return calls_;
  }
  // The dates of each call, in the order made.
  std::vector<Dates> called() const {
    std::lock_guard lock(mu_);
    return called_;
  }
  // Every search asked, in order.
  std::vector<SearchRequest> requests() const {
    std::lock_guard lock(mu_);
    return requests_;
  }
  // The most fetches begun and not yet waited for at one time.
  int max_in_flight() const {
    std::lock_guard lock(mu_);
    return max_in_flight_;
  }
  // Fetches begun without FetchOptions::summaries_only.
  int full_fetches() const {
    std::lock_guard lock(mu_);
    return full_fetches_;
  }

 private:
  class Answered final : public PendingFetch {
   public:
    Answered(std::vector<SupplierOutcome> outcomes, ScriptedCalendarSource& source)
        : outcomes_(std::move(outcomes)), source_(source) {}
    std::vector<SupplierOutcome> Wait() override {
      std::lock_guard lock(source_.mu_);
      --source_.in_flight_;
      return std::move(outcomes_);
    }
    std::size_t SupplierCount() const override { return outcomes_.size(); }

   private:
    std::vector<SupplierOutcome> outcomes_;
    ScriptedCalendarSource& source_;
  };

  std::vector<std::pair<std::string, Fares>> suppliers_;  // set before the first fetch
  std::set<std::string> rate_limited_;                    // likewise
  mutable std::mutex mu_;
  std::map<std::pair<std::string, Dates>, int64_t> cached_;
  std::vector<SearchRequest> requests_;
  std::vector<Dates> called_;
  int calls_ = 0;
  int in_flight_ = 0;
  int max_in_flight_ = 0;
  int full_fetches_ = 0;
};

}  // namespace fareflow

#endif  // FAREFLOW_TESTS_SUPPORT_SCRIPTED_CALENDAR_SOURCE_H_
