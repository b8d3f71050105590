#include "pipeline/rank.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <limits>
#include <vector>

namespace fareflow {
namespace {

// Maps a float to an integer with the same order (for finite values and infinities).
int64_t OrderedFloat(float f) {
  const int32_t bits = std::bit_cast<int32_t>(f);
  return bits >= 0 ? bits : std::numeric_limits<int32_t>::min() - bits;
}

int64_t PrimaryKey(const Offer& o, SortKey key) {
  switch (key) {
    case SortKey::kBest:
      return OrderedFloat(o.score);
    case SortKey::kCheapest:
      return o.total_requested.minor;
    case SortKey::kFastest:
      return o.total_duration_minutes;
    case SortKey::kEarliestDeparture:
      return o.slices.empty() ? std::numeric_limits<int64_t>::max()
                              : o.slices.front().departure_utc;
    case SortKey::kLatestArrival:
      return o.slices.empty() ? std::numeric_limits<int64_t>::max()
                              : -o.slices.back().arrival_local;
  }
  return 0;
}

// The precomputed sort key of one selected offer; compared field by field.
struct SortEntry {
  int64_t primary;
  int64_t price;
  int64_t duration;
  uint64_t dedupe_key;
  uint32_t index;
};

// Strict weak order over entries: the keys, then supplier and id from the offers themselves.
struct EntryLess {
  std::span<Offer* const> offers;

  bool operator()(const SortEntry& a, const SortEntry& b) const {
    if (a.primary != b.primary) return a.primary < b.primary;
    if (a.price != b.price) return a.price < b.price;
    if (a.duration != b.duration) return a.duration < b.duration;
    if (a.dedupe_key != b.dedupe_key) return a.dedupe_key < b.dedupe_key;
    const Offer& x = *offers[a.index];
    const Offer& y = *offers[b.index];
    if (x.supplier != y.supplier) return x.supplier < y.supplier;
    if (x.supplier_offer_id != y.supplier_offer_id) {
      return x.supplier_offer_id < y.supplier_offer_id;
    }
    return a.index < b.index;
  }
};

SortEntry MakeEntry(std::span<Offer* const> offers, uint32_t index, SortKey key) {
  const Offer& o = *offers[index];
  return SortEntry{PrimaryKey(o, key), o.total_requested.minor, o.total_duration_minutes,
                   o.dedupe_key, index};
}

// The entry Sort would put first under its key among the offers considered.
struct FirstEntry {
  SortKey key;
  bool any = false;
  SortEntry entry{};

  void Consider(std::span<Offer* const> offers, uint32_t index) {
    const SortEntry e = MakeEntry(offers, index, key);
    if (!any || EntryLess{offers}(e, entry)) entry = e;
    any = true;
  }
};

double Ratio(int64_t value, int64_t min) {
  return min > 0 ? static_cast<double>(value) / static_cast<double>(min) : 1.0;
}

// Sort's order applied to `selection` from `entries` (one per selected offer).
void SortEntries(std::span<Offer* const> offers, Selection& selection,
                 std::vector<SortEntry>& entries) {
  std::sort(entries.begin(), entries.end(), EntryLess{offers});
  for (std::size_t i = 0; i < entries.size(); ++i) selection[i] = entries[i].index;
}

// Score, and when `entries` is given, each selected offer's entry under `key` appended while the
// offer is at hand (after its score, which kBest's entry reads): Sort's own pass over the offers
// is then not needed.
void ScoreOffers(std::span<Offer* const> offers, const Selection& selection, SortKey key,
                 std::vector<SortEntry>* entries) {
  if (selection.empty()) return;
  int64_t min_price = std::numeric_limits<int64_t>::max();
  int64_t min_duration = std::numeric_limits<int64_t>::max();
  ForEachSelected(offers, selection, [&](uint32_t, const Offer& o) {
    min_price = std::min(min_price, o.per_adult_requested.minor);
    min_duration = std::min<int64_t>(min_duration, o.total_duration_minutes);
  });
  // The first offer under each tagged sort is found in the same pass, each offer's score being
  // written before its entries are made: one more pass over the offers instead of four.
  FirstEntry best{SortKey::kBest};
  FirstEntry cheapest{SortKey::kCheapest};
  FirstEntry fastest{SortKey::kFastest};
  if (entries != nullptr) entries->reserve(selection.size());
  ForEachSelected(offers, selection, [&](uint32_t i, Offer& o) {
    const double score = Ratio(o.per_adult_requested.minor, min_price) +
                         0.5 * Ratio(o.total_duration_minutes, min_duration) +
                         0.15 * o.total_stops + 0.3 * o.airport_changes;
    o.score = static_cast<float>(score);
    o.tags = 0;
    best.Consider(offers, i);
    cheapest.Consider(offers, i);
    fastest.Consider(offers, i);
    if (entries != nullptr) entries->push_back(MakeEntry(offers, i, key));
  });
  offers[best.entry.index]->tags |= kTagBest;
  offers[cheapest.entry.index]->tags |= kTagCheapest;
  offers[fastest.entry.index]->tags |= kTagFastest;
}

}  // namespace

void Score(std::span<Offer* const> offers, const Selection& selection) {
  ScoreOffers(offers, selection, SortKey::kBest, nullptr);
}

void Sort(std::span<Offer* const> offers, Selection& selection, SortKey key) {
  std::vector<SortEntry> entries;
  entries.reserve(selection.size());
  for (uint32_t i : selection) entries.push_back(MakeEntry(offers, i, key));
  SortEntries(offers, selection, entries);
}

void ScoreAndSort(std::span<Offer* const> offers, Selection& selection, SortKey key) {
  std::vector<SortEntry> entries;
  ScoreOffers(offers, selection, key, &entries);
  SortEntries(offers, selection, entries);
}

}  // namespace fareflow
