#ifndef FAREFLOW_SUPPLIERS_BUILTIN_FARE_BRANDS_H_
#define FAREFLOW_SUPPLIERS_BUILTIN_FARE_BRANDS_H_

#include <array>
#include <cstdint>
#include <string_view>

#include "model/offer.h"

namespace fareflow::builtin {

// The fare brands the offer generator sells in each cabin (bags, conditions, booking classes,
// price level), and what a cabin costs and emits per kilometre.

// One fare brand. Views point into static storage.
struct Brand {
  std::string_view name;  // cabin and brand, as Duffel's fare_brand_name and (in upper case)
                          // Amadeus' brandedFareLabel write it
  int price_permille;
  int16_t checked_pieces;
  int16_t cabin_pieces;
  Tristate refundable;
  int64_t refund_penalty_eur_cents;
  Tristate changeable;
  int64_t change_penalty_eur_cents;
  std::string_view classes;  // booking classes, one char each
  std::string_view basis_tag;
};

constexpr int kBrands = 3;
using BrandSet = std::array<Brand, kBrands>;

// The brands of `cabin`, cheapest first.
const BrandSet& BrandsFor(Cabin cabin);

// Price multiplier of a cabin (per mille), and its CO2 per passenger-km in grams.
int CabinPermille(Cabin cabin);
int CabinCo2GramsPerKm(Cabin cabin);

}  // namespace fareflow::builtin

#endif  // FAREFLOW_SUPPLIERS_BUILTIN_FARE_BRANDS_H_
