#include "suppliers/builtin/fare_brands.h"

namespace fareflow::builtin {
namespace {

constexpr BrandSet kEconomyBrands = {{
    {"Economy Light", 1000, 0, 1, Tristate::kNo, 0, Tristate::kNo, 0, "OQN", "LT"},
    {"Economy Standard", 1230, 1, 1, Tristate::kNo, 0, Tristate::kYes, 7500, "LKM", "ST"},
    {"Economy Flex", 1850, 2, 1, Tristate::kYes, 0, Tristate::kYes, 0, "YB", "FX"},
}};
constexpr BrandSet kPremiumBrands = {{
    {"Premium Saver", 1000, 1, 1, Tristate::kNo, 0, Tristate::kYes, 10000, "E", "SV"},
    {"Premium Standard", 1200, 2, 1, Tristate::kYes, 15000, Tristate::kYes, 0, "T", "ST"},
    {"Premium Flex", 1600, 2, 2, Tristate::kYes, 0, Tristate::kYes, 0, "W", "FX"},
}};
constexpr BrandSet kBusinessBrands = {{
    {"Business Saver", 1000, 2, 2, Tristate::kNo, 0, Tristate::kYes, 15000, "IZ", "SV"},
    {"Business Standard", 1150, 2, 2, Tristate::kYes, 20000, Tristate::kYes, 0, "DC", "ST"},
    {"Business Flex", 1450, 3, 2, Tristate::kYes, 0, Tristate::kYes, 0, "J", "FX"},
}};
constexpr BrandSet kFirstBrands = {{
    {"First Saver", 1000, 2, 2, Tristate::kNo, 0, Tristate::kYes, 20000, "A", "SV"},
    {"First Standard", 1100, 3, 2, Tristate::kYes, 25000, Tristate::kYes, 0, "A", "ST"},
    {"First Flex", 1300, 3, 2, Tristate::kYes, 0, Tristate::kYes, 0, "F", "FX"},
}};

}  // namespace

const BrandSet& BrandsFor(Cabin cabin) {
  switch (cabin) {
    case Cabin::kPremiumEconomy:
      return kPremiumBrands;
    case Cabin::kBusiness:
      return kBusinessBrands;
    case Cabin::kFirst:
      return kFirstBrands;
    default:
      return kEconomyBrands;
  }
}

int CabinPermille(Cabin cabin) {
  switch (cabin) {
    case Cabin::kPremiumEconomy:
      return 1900;
    case Cabin::kBusiness:
      return 4200;
    case Cabin::kFirst:
      return 7000;
    default:
      return 1000;
  }
}
int CabinCo2GramsPerKm(Cabin cabin) {
  switch (cabin) {
    case Cabin::kPremiumEconomy:
      return 135;
    case Cabin::kBusiness:
      return 260;
    case Cabin::kFirst:
      return 360;
    default:
      return 90;
  }
}

}  // namespace fareflow::builtin
