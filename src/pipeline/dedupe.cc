#include "pipeline/dedupe.h"

#include <algorithm>
#include <bit>
#include <cstdint>

namespace fareflow {
namespace {

// The order among offers sharing a key: cheapest, then lower supplier, then smaller id.
bool CheaperThan(const Offer& a, const Offer& b) {
  if (a.total_requested.minor != b.total_requested.minor) {
    return a.total_requested.minor < b.total_requested.minor;
  }
  if (a.supplier != b.supplier) return a.supplier < b.supplier;
  return a.supplier_offer_id < b.supplier_offer_id;
}

bool OptionCheaperThan(const PricingOption& a, const PricingOption& b) {
  if (a.total_requested.minor != b.total_requested.minor) {
    return a.total_requested.minor < b.total_requested.minor;
  }
  if (a.supplier != b.supplier) return a.supplier < b.supplier;
  return a.supplier_offer_id < b.supplier_offer_id;
}

// Batches in canonical order: empty batches first (they contribute nothing), then by the
// supplier and id of their first offer.
bool BatchBefore(const OfferBatch* a, const OfferBatch* b) {
  if (a->offers.empty() || b->offers.empty()) return a->offers.empty() && !b->offers.empty();
  const Offer& x = a->offers.front();
  const Offer& y = b->offers.front();
  if (x.supplier != y.supplier) return x.supplier < y.supplier;
  return x.supplier_offer_id < y.supplier_offer_id;
}

// One distinct key while grouping.
struct Group {
  uint64_t key;
  Offer* best;
  uint32_t count;  // offers with this key
  uint32_t fill;   // options written so far
  PricingOption* options;
};

}  // namespace

DedupeResult Dedupe(std::span<OfferBatch* const> batches, Arena& arena) {
  std::vector<OfferBatch*> ordered(batches.begin(), batches.end());
  std::stable_sort(ordered.begin(), ordered.end(), BatchBefore);

  std::size_t total = 0;
  for (const OfferBatch* b : ordered) total += b->offers.size();

  DedupeResult result;
  result.input_offers = static_cast<int>(total);
  if (total == 0) return result;

  // Open addressing, linear probing, load factor <= 1/2. A slot holds group index + 1; 0 = empty.
  const std::size_t capacity = std::bit_ceil(total * 2);
  const int shift = 64 - std::countr_zero(capacity);  // capacity >= 2, so shift <= 63
  const std::size_t mask = capacity - 1;
  // Fibonacci hashing spreads keys even if the enricher's keys were not well mixed.
  auto home = [shift](uint64_t key) -> std::size_t {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> shift);
  };
  std::vector<uint32_t> slots(capacity, 0);
  std::vector<Group> groups;
  groups.reserve(total);
  // Each offer's group, in the walk's order: the second walk below reads it instead of probing
  // the table again.
  std::vector<uint32_t> group_of(total);
  std::size_t walked = 0;

  for (OfferBatch* batch : ordered) {
    for (Offer& offer : batch->offers) {
      std::size_t slot = home(offer.dedupe_key);
      while (true) {
        uint32_t g = slots[slot];
        if (g == 0) {
          groups.push_back(Group{offer.dedupe_key, &offer, 1, 0, nullptr});
          g = static_cast<uint32_t>(groups.size());
          slots[slot] = g;
          group_of[walked++] = g - 1;
          break;
        }
        Group& group = groups[g - 1];
        if (group.key == offer.dedupe_key) {
          ++group.count;
          if (CheaperThan(offer, *group.best)) group.best = &offer;
          group_of[walked++] = g - 1;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
  }

  // Every offer becomes one pricing option of its group; one arena block holds them all.
  PricingOption* block = arena.AllocateArray<PricingOption>(total);
  std::size_t used = 0;
  for (Group& g : groups) {
    g.options = block + used;
    used += g.count;
  }
  walked = 0;
  for (OfferBatch* batch : ordered) {
    for (Offer& offer : batch->offers) {
      Group& g = groups[group_of[walked++]];
      g.options[g.fill++] = PricingOption{offer.supplier, offer.supplier_offer_id, offer.total,
                                          offer.total_requested};
    }
  }

  result.offers.reserve(groups.size());
  for (Group& g : groups) {
    std::sort(g.options, g.options + g.count, OptionCheaperThan);
    g.best->pricing_options = std::span<PricingOption>(g.options, g.count);
    result.offers.push_back(g.best);
  }
  result.merged = result.input_offers - static_cast<int>(result.offers.size());
  return result;
}

}  // namespace fareflow
