#include <gtest/gtest.h>

#include "refdata/aircraft.h"
#include "refdata/currencies.h"

namespace fareflow::refdata {
namespace {

CurrencyCode Cur(std::string_view s) { return CurrencyCode::Parse(s); }

TEST(Currencies, MinorDigits) {
  EXPECT_EQ(MinorDigits(Cur("EUR")), 2);
  EXPECT_EQ(MinorDigits(Cur("USD")), 2);
  EXPECT_EQ(MinorDigits(Cur("JPY")), 0);
  EXPECT_EQ(MinorDigits(Cur("KRW")), 0);
  EXPECT_EQ(MinorDigits(Cur("KWD")), 3);
  EXPECT_EQ(MinorDigits(Cur("BHD")), 3);
  EXPECT_EQ(MinorDigits(Cur("CLF")), 4);
  EXPECT_EQ(MinorDigits(Cur("XXY")), 2);  // unknown
  EXPECT_EQ(MinorDigits(CurrencyCode()), 2);
}

TEST(Currencies, Find) {
  const Currency* eur = FindCurrency(Cur("EUR"));
  ASSERT_NE(eur, nullptr);
  EXPECT_EQ(eur->name, "Euro");
  EXPECT_EQ(FindCurrency(Cur("XXY")), nullptr);
  EXPECT_EQ(FindCurrency(Cur("HRK")), nullptr);  // withdrawn in 2023
  EXPECT_EQ(FindCurrency(CurrencyCode()), nullptr);
  EXPECT_GT(AllCurrencies().size(), 150u);
  for (const Currency& c : AllCurrencies()) EXPECT_EQ(FindCurrency(c.code), &c);
}

TEST(Aircraft, Find) {
  const AircraftType* a350 = FindAircraft("359");
  ASSERT_NE(a350, nullptr);
  EXPECT_EQ(a350->name, "Airbus A350-900");
  EXPECT_GT(a350->range_km, 14000);
  EXPECT_GT(a350->seats, 250);
  ASSERT_NE(FindAircraft("7M8"), nullptr);
  ASSERT_NE(FindAircraft("32N"), nullptr);
  EXPECT_EQ(FindAircraft("ZZZ"), nullptr);
  EXPECT_EQ(FindAircraft(""), nullptr);
  EXPECT_GE(AllAircraft().size(), 80u);
  for (const AircraftType& t : AllAircraft()) EXPECT_EQ(FindAircraft(t.iata_code), &t);
}

}  // namespace
}  // namespace fareflow::refdata
