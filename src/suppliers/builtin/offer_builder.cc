#include "suppliers/builtin/offer_builder.h"

#include <algorithm>

#include "core/money.h"
#include "suppliers/builtin/deterministic_hash.h"
#include "suppliers/builtin/fare_brands.h"

namespace fareflow::builtin {
namespace {

// Multiplier (per mille) for booking `days` ahead of departure.
int AdvancePermille(int days) {
  if (days < 3) return 1600;
  if (days < 7) return 1400;
  if (days < 14) return 1250;
  if (days < 30) return 1100;
  if (days < 60) return 1000;
  if (days < 120) return 950;
  return 1000;
}

int64_t Scale(int64_t value, int64_t permille) { return DivideRounded(value * permille, 1000); }

}  // namespace

std::vector<std::vector<int>> PickCombinations(const std::vector<std::vector<Itinerary>>& slices,
                                               std::size_t wanted, uint64_t seed) {
  const std::size_t k = slices.size();
  // Trim each slice's list so that the full product stays small enough to enumerate.
  std::vector<std::size_t> sizes(k);
  for (std::size_t s = 0; s < k; ++s) sizes[s] = slices[s].size();
  auto product = [&sizes]() {
    double p = 1;
    for (std::size_t n : sizes) p *= static_cast<double>(n);
    return p;
  };
  const double cap = std::max(4.0 * static_cast<double>(wanted), 1000.0);
  while (product() > std::max(cap, 1.0) && product() > 2e6) {
    auto largest = std::max_element(sizes.begin(), sizes.end());
    *largest = std::max<std::size_t>(1, *largest * 9 / 10);
  }
  const std::size_t total = static_cast<std::size_t>(product());
  if (total == 0) return {};

  struct Scored {
    int64_t score;
    std::size_t index;
  };
  std::vector<Scored> scored;
  scored.reserve(total);
  for (std::size_t i = 0; i < total; ++i) {
    std::size_t rest = i;
    int64_t rank_sum = 0;
    for (std::size_t s = 0; s < k; ++s) {
      rank_sum += static_cast<int64_t>(rest % sizes[s]);
      rest /= sizes[s];
    }
    const int64_t noise = static_cast<int64_t>(Hash(seed, {i, 99}) % 8);
    scored.push_back({rank_sum * 8 + noise, i});
  }
  const std::size_t take = std::min(wanted, total);
  std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(take),
                    scored.end(), [](const Scored& a, const Scored& b) {
                      return a.score != b.score ? a.score < b.score : a.index < b.index;
                    });
  std::vector<std::vector<int>> out;
  out.reserve(take);
  for (std::size_t j = 0; j < take; ++j) {
    std::size_t rest = scored[j].index;
    std::vector<int> combo(k);
    for (std::size_t s = 0; s < k; ++s) {
      combo[s] = static_cast<int>(rest % sizes[s]);
      rest /= sizes[s];
    }
    out.push_back(std::move(combo));
  }
  return out;
}

Offer BuildOffer(const SearchRequest& request, const std::vector<std::vector<Itinerary>>& slices,
                 const std::vector<int>& combo, int brand_index, const GeneratorOptions& options,
                 const PriceContext& prices, uint64_t seed, Arena& arena) {
  const Cabin cabin = request.cabin == Cabin::kUnknown ? Cabin::kEconomy : request.cabin;
  const Brand& brand = BrandsFor(cabin)[static_cast<std::size_t>(brand_index)];
  uint64_t combo_hash = seed;
  for (std::size_t s = 0; s < combo.size(); ++s) {
    combo_hash = Hash(combo_hash, {s, static_cast<uint64_t>(combo[s])});
  }

  Offer offer;
  offer.cabin = cabin;
  offer.fare_brand = brand.name;
  Slice* out_slices = arena.AllocateArray<Slice>(combo.size());
  int64_t adult_base_eur = 0;
  int64_t adult_tax_eur = 0;
  int64_t co2_kg = 0;
  const Days first_date = request.slices.front().departure_date;
  const int days_ahead =
      options.booking_date ? std::max(0, first_date - *options.booking_date) : 45;

  for (std::size_t s = 0; s < combo.size(); ++s) {
    const Itinerary& it = slices[s][static_cast<std::size_t>(combo[s])];
    Segment* segs = arena.AllocateArray<Segment>(static_cast<std::size_t>(it.count));
    const uint64_t slice_hash = Hash(combo_hash, {s});
    const std::string_view booking_class =
        brand.classes.substr(slice_hash % brand.classes.size(), 1);
    // Fare basis: class, brand tag, season, advance-purchase bucket, origin country ("KSTH3GB").
    char basis[8] = {
        booking_class[0],
        brand.basis_tag[0],
        brand.basis_tag[1],
        (DayOf(it.dep_utc()) / 30) % 2 == 0 ? 'H' : 'L',
        static_cast<char>('0' + std::min(9, days_ahead / 14)),
        it.flights[0]->from->country.empty() ? 'X' : it.flights[0]->from->country[0],
        it.flights[0]->from->country.size() < 2 ? 'X' : it.flights[0]->from->country[1],
        0};
    const std::string_view fare_basis = arena.CopyString(std::string_view(basis, 7));
    for (int i = 0; i < it.count; ++i) {
      const Flight& f = *it.flights[static_cast<std::size_t>(i)];
      Segment seg;
      seg.origin = f.from->code;
      seg.destination = f.to->code;
      seg.origin_terminal = f.from_terminal;
      seg.destination_terminal = f.to_terminal;
      seg.departure_local = f.dep_local;
      seg.arrival_local = f.arr_local;
      seg.marketing_carrier = f.carrier;
      seg.operating_carrier = f.operating;
      seg.marketing_flight_number = f.number;
      seg.operating_flight_number = f.operating_number;
      seg.aircraft_code = f.aircraft;
      seg.cabin = cabin;
      seg.booking_class = booking_class;
      seg.fare_basis = fare_basis;
      seg.supplier_duration_minutes = static_cast<int32_t>(f.arr_utc - f.dep_utc);
      segs[i] = seg;
      co2_kg += static_cast<int64_t>(f.distance_km) * CabinCo2GramsPerKm(cabin) / 1000;
      adult_tax_eur += 1800;  // per-segment airport charges
    }
    Slice slice;
    slice.segments = {segs, static_cast<std::size_t>(it.count)};
    slice.fare_brand = brand.name;
    slice.supplier_duration_minutes = static_cast<int32_t>(it.arr_utc() - it.dep_utc());
    out_slices[s] = slice;

    // Fare of the slice: distance over the great circle of the requested endpoints.
    const Flight& first = *it.flights[0];
    const Flight& last = *it.flights[static_cast<std::size_t>(it.count - 1)];
    const int64_t km = static_cast<int64_t>(refdata::DistanceKm(*first.from, *last.to));
    int64_t fare = 2000 + km * 35 / 10;
    fare = Scale(fare, CabinPermille(cabin));
    fare = Scale(fare, it.count == 1 ? 1150 : it.count == 2 ? 920 : 850);
    fare = Scale(fare, 850 + static_cast<int64_t>(Hash(seed, {first.carrier.index(), 5}) % 400));
    const int dep_hour = MinuteOfDay(first.dep_local) / 60;
    fare = Scale(
        fare, (dep_hour >= 7 && dep_hour <= 9) || (dep_hour >= 17 && dep_hour <= 19) ? 1100 : 1000);
    fare = Scale(fare, 900 + static_cast<int64_t>(slice_hash % 200));
    adult_base_eur += fare;
    adult_tax_eur += km > 4000 ? 6000 : 1500;
  }
  adult_base_eur = Scale(adult_base_eur, AdvancePermille(days_ahead));
  adult_base_eur = Scale(adult_base_eur, brand.price_permille);
  adult_tax_eur += adult_base_eur * 8 / 100;
  offer.slices = {out_slices, combo.size()};

  // Amounts per passenger type in the offer currency: children pay 75%, lap infants 10%.
  const int64_t adult_base = prices.FromEur(adult_base_eur);
  const int64_t adult_total = adult_base + prices.FromEur(adult_tax_eur);
  struct TypeShare {
    PassengerType type;
    int count;
    int percent;
  };
  const TypeShare shares[] = {{PassengerType::kAdult, request.passengers.adults, 100},
                              {PassengerType::kChild, request.passengers.children(), 75},
                              {PassengerType::kInfant, request.passengers.infants, 10}};
  PassengerPrice* pp = arena.AllocateArray<PassengerPrice>(3);
  std::size_t types = 0;
  int64_t total = 0, base = 0;
  for (const TypeShare& t : shares) {
    if (t.count <= 0) continue;
    PassengerPrice p;
    p.type = t.type;
    p.count = static_cast<int16_t>(t.count);
    p.total_each = Money{DivideRounded(adult_total * t.percent, 100), prices.currency};
    pp[types++] = p;
    total += p.total_each.minor * t.count;
    base += DivideRounded(adult_base * t.percent, 100) * t.count;
  }
  offer.passenger_prices = {pp, types};
  offer.total = Money{total, prices.currency};
  offer.base = Money{base, prices.currency};

  offer.validating_carrier = out_slices[0].segments[0].marketing_carrier;
  offer.bags.checked_pieces = brand.checked_pieces;
  offer.bags.cabin_pieces = brand.cabin_pieces;
  offer.conditions.refundable = brand.refundable;
  offer.conditions.changeable = brand.changeable;
  if (brand.refundable == Tristate::kYes) {
    offer.conditions.refund_penalty =
        Money{prices.FromEur(brand.refund_penalty_eur_cents), prices.currency};
  }
  if (brand.changeable == Tristate::kYes) {
    offer.conditions.change_penalty =
        Money{prices.FromEur(brand.change_penalty_eur_cents), prices.currency};
  }
  // CO2 is stated for a share of itinerary combinations (the same for all of their brands), in
  // whole kilograms as suppliers do.
  if (static_cast<int>(Hash(combo_hash, {11}) % 100) < options.co2_percent) {
    offer.supplier_co2_grams = static_cast<int32_t>(co2_kg * 1000);
  }
  offer.seats_available =
      static_cast<int16_t>(1 + Hash(combo_hash, {static_cast<uint64_t>(brand_index) + 13}) % 9);
  return offer;
}

}  // namespace fareflow::builtin
