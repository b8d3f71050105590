#include "suppliers/builtin/offer_generator.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include "refdata/airports.h"
#include "refdata/fx_rates.h"
#include "suppliers/builtin/deterministic_hash.h"
#include "suppliers/builtin/fare_brands.h"
#include "suppliers/builtin/itineraries.h"
#include "suppliers/builtin/offer_builder.h"
#include "suppliers/builtin/timetable.h"

namespace fareflow::builtin {

using refdata::Airport;

uint64_t RequestSeed(const SearchRequest& request) {
  uint64_t h = Hash(0x66617265666C6F77ULL, {request.slices.size()});
  for (const SliceRequest& s : request.slices) {
    h = Hash(h, {s.origin.index(), s.destination.index(), static_cast<uint64_t>(s.departure_date)});
  }
  h = Hash(
      h, {static_cast<uint64_t>(request.passengers.adults),
          static_cast<uint64_t>(request.passengers.children()),
          static_cast<uint64_t>(request.passengers.infants), static_cast<uint64_t>(request.cabin)});
  return h;
}

std::vector<Offer> GenerateOffers(const SearchRequest& request, const GeneratorOptions& options,
                                  Arena& arena) {
  std::vector<Offer> offers;
  if (request.slices.empty() || options.offer_count <= 0) return offers;
  const uint64_t seed = options.seed ? *options.seed : RequestSeed(request);
  const std::size_t count = static_cast<std::size_t>(options.offer_count);
  const std::size_t combos_wanted = (count + kBrands - 1) / kBrands;
  // Itineraries wanted per slice so that their product covers the combinations, with slack for
  // combinations the ranking passes over.
  double per_slice = 1;
  const double k = static_cast<double>(request.slices.size());
  while (std::pow(per_slice, k) < static_cast<double>(combos_wanted) * 1.5) per_slice += 1;

  const std::vector<const Airport*> large = LargeAirports();
  std::vector<std::unique_ptr<Timetable>> tables;
  std::vector<std::vector<Itinerary>> slices;
  // Raise the schedule density (departures per day) until every slice has enough itineraries
  // or the timetable is saturated.
  for (int density = 1; density <= 8; density *= 2) {
    tables.clear();
    slices.clear();
    bool enough = true;
    double product = 1;
    for (const SliceRequest& req : request.slices) {
      tables.push_back(std::make_unique<Timetable>(seed, density, arena));
      slices.push_back(SliceItineraries(req, large, *tables.back(), seed, density,
                                        static_cast<std::size_t>(per_slice)));
      product *= static_cast<double>(slices.back().size());
      if (slices.back().empty()) return offers;  // an unknown or unroutable slice
      if (static_cast<double>(slices.back().size()) < per_slice) enough = false;
    }
    if (enough || product >= static_cast<double>(combos_wanted) * 1.5) break;
  }

  const std::vector<std::vector<int>> combos = PickCombinations(slices, combos_wanted, seed);
  PriceContext prices;
  prices.currency = options.currency.valid() ? options.currency : request.currency;
  prices.fx = &refdata::FxRates::Builtin();
  if (prices.currency != CurrencyCode::Parse("EUR") &&
      !prices.fx->Convert(Money{100, CurrencyCode::Parse("EUR")}, prices.currency)) {
    prices.currency = CurrencyCode::Parse("EUR");
  }
  offers.reserve(std::min(count, combos.size() * kBrands));
  for (const std::vector<int>& combo : combos) {
    for (int b = 0; b < kBrands && offers.size() < count; ++b) {
      offers.push_back(BuildOffer(request, slices, combo, b, options, prices, seed, arena));
    }
  }
  std::stable_sort(offers.begin(), offers.end(),
                   [](const Offer& a, const Offer& b) { return a.total.minor < b.total.minor; });
  return offers;
}

}  // namespace fareflow::builtin
