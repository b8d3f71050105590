#include "refdata/fx_rates.h"

#include <cstdio>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace fareflow::refdata {
namespace {

CurrencyCode Currency(std::string_view s) { return CurrencyCode::Parse(s); }
Money M(int64_t minor, std::string_view currency) { return Money{minor, Currency(currency)}; }

FxRates Rates() {
  return FxRates("2026-01-02", {{Currency("USD"), 110'000'000},     // 1.10
                                {Currency("JPY"), 16'000'000'000},  // 160
                                {Currency("KWD"), 33'000'000},      // 0.33
                                {Currency("GBP"), 85'000'000}});    // 0.85
}

TEST(FxRates, SameCurrencyIsExact) {
  const FxRates rates = Rates();
  EXPECT_EQ(rates.Convert(M(12345, "USD"), Currency("USD")), M(12345, "USD"));
  // Even for a currency without a rate.
  EXPECT_EQ(rates.Convert(M(7, "XXY"), Currency("XXY")), M(7, "XXY"));
}

TEST(FxRates, EurIsAlwaysOne) {
  EXPECT_EQ(Rates().PerEur(Currency("EUR")), FxRates::kScale);
  EXPECT_EQ(FxRates().PerEur(Currency("EUR")), std::nullopt);  // empty rates: nothing at all
  EXPECT_EQ(Rates().PerEur(Currency("CHF")), std::nullopt);
  EXPECT_EQ(Rates().PerEur(CurrencyCode()), std::nullopt);
}

TEST(FxRates, EurToJpyScalesMinorDigits) {
  const FxRates rates = Rates();
  // 100.00 EUR -> 16000 JPY.
  EXPECT_EQ(rates.Convert(M(10000, "EUR"), Currency("JPY")), M(16000, "JPY"));
  // 0.01 EUR -> 1.6 JPY -> 2.
  EXPECT_EQ(rates.Convert(M(1, "EUR"), Currency("JPY")), M(2, "JPY"));
  // 0.03 EUR -> 4.8 JPY -> 5; -0.03 EUR -> -5 (half away from zero, symmetric).
  EXPECT_EQ(rates.Convert(M(3, "EUR"), Currency("JPY")), M(5, "JPY"));
  EXPECT_EQ(rates.Convert(M(-3, "EUR"), Currency("JPY")), M(-5, "JPY"));
}

TEST(FxRates, JpyToEurRoundsHalfAwayFromZero) {
  const FxRates rates = Rates();
  // 16000 JPY -> 100.00 EUR.
  EXPECT_EQ(rates.Convert(M(16000, "JPY"), Currency("EUR")), M(10000, "EUR"));
  // 8 JPY = 0.05 EUR exactly; 1 JPY = 0.00625 EUR -> 0.01; 4 JPY = 0.025 -> 0.03 (half up).
  EXPECT_EQ(rates.Convert(M(8, "JPY"), Currency("EUR")), M(5, "EUR"));
  EXPECT_EQ(rates.Convert(M(1, "JPY"), Currency("EUR")), M(1, "EUR"));
  EXPECT_EQ(rates.Convert(M(4, "JPY"), Currency("EUR")), M(3, "EUR"));
  EXPECT_EQ(rates.Convert(M(-4, "JPY"), Currency("EUR")), M(-3, "EUR"));
  // 0.5 JPY cannot exist; 3 JPY = 0.01875 -> 0.02.
  EXPECT_EQ(rates.Convert(M(3, "JPY"), Currency("EUR")), M(2, "EUR"));
}

TEST(FxRates, CrossRatesAndThreeDigitCurrencies) {
  const FxRates rates = Rates();
  // 110.00 USD = 100 EUR = 33.000 KWD.
  EXPECT_EQ(rates.Convert(M(11000, "USD"), Currency("KWD")), M(33000, "KWD"));
  // 100.00 USD -> 90.909090... EUR -> 77.27 GBP (100 * 0.85 / 1.10 = 77.2727).
  EXPECT_EQ(rates.Convert(M(10000, "USD"), Currency("GBP")), M(7727, "GBP"));
}

TEST(FxRates, MissingRateIsNullopt) {
  const FxRates rates = Rates();
  EXPECT_EQ(rates.Convert(M(100, "CHF"), Currency("EUR")), std::nullopt);
  EXPECT_EQ(rates.Convert(M(100, "EUR"), Currency("CHF")), std::nullopt);
}

TEST(FxRates, HugeAmountsDoNotOverflowSilently) {
  const FxRates rates = Rates();
  const int64_t max = std::numeric_limits<int64_t>::max();
  EXPECT_EQ(rates.Convert(M(max, "EUR"), Currency("JPY")), std::nullopt);  // * 1.6, does not fit
  std::optional<Money> back = rates.Convert(M(max, "JPY"), Currency("EUR"));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->minor, 5764607523034234879);  // max * 100 / 160 = ...879.375, rounded
}

TEST(ParseFxRates, ParsesAFile) {
  Result<FxRates> rates = ParseFxRates(
      "# rates for tests\n"
      "\n"
      "as_of 2026-03-01\n"
      "USD 1.0823   # a comment\n"
      "JPY\t161.5\r\n"
      "KWD 0.33211\n"
      "EUR 1\n"
      "GBP 0.855555555  \n");  // more than 8 decimals round
  ASSERT_TRUE(rates.has_value()) << rates.error().message;
  EXPECT_EQ(rates->as_of(), "2026-03-01");
  EXPECT_EQ(rates->PerEur(Currency("USD")), 108'230'000);
  EXPECT_EQ(rates->PerEur(Currency("JPY")), 16'150'000'000);
  EXPECT_EQ(rates->PerEur(Currency("KWD")), 33'211'000);
  EXPECT_EQ(rates->PerEur(Currency("GBP")), 85'555'556);
  EXPECT_EQ(rates->PerEur(Currency("EUR")), FxRates::kScale);
  EXPECT_EQ(rates->Convert(M(10000, "EUR"), Currency("USD")), M(10823, "USD"));
}

void ExpectLineError(std::string_view text, std::string_view line, std::string_view message_part) {
  Result<FxRates> rates = ParseFxRates(text);
  ASSERT_FALSE(rates.has_value()) << text;
  EXPECT_EQ(rates.error().code, ErrorCode::kMalformed);
  EXPECT_EQ(rates.error().field, line) << text;
  EXPECT_NE(rates.error().message.find(message_part), std::string::npos) << rates.error().message;
}

TEST(ParseFxRates, ErrorsNameTheLine) {
  ExpectLineError("", "line 1", "as_of");
  ExpectLineError("USD 1.1\n", "line 1", "as_of");
  ExpectLineError("as_of 2026-02-30\n", "line 1", "as_of");
  ExpectLineError("# header\nas_of 2026-01-01\nUSD 1.1\nXXY 2\n", "line 4", "unknown currency");
  ExpectLineError("as_of 2026-01-01\nUSD abc\n", "line 2", "bad rate");
  ExpectLineError("as_of 2026-01-01\nUSD -1.1\n", "line 2", "bad rate");
  ExpectLineError("as_of 2026-01-01\nUSD 0\n", "line 2", "bad rate");
  ExpectLineError("as_of 2026-01-01\nUSD 1e3\n", "line 2", "bad rate");
  ExpectLineError("as_of 2026-01-01\nUSD 12345678\n", "line 2", "bad rate");
  ExpectLineError("as_of 2026-01-01\nUSD\n", "line 2", "bad rate");
  ExpectLineError("as_of 2026-01-01\nUSD 1.1 extra\n", "line 2", "two fields");
  ExpectLineError("as_of 2026-01-01\nUSD 1.1\n\nUSD 1.2\n", "line 4", "duplicate");
  ExpectLineError("as_of 2026-01-01\nEUR 1.1\n", "line 2", "EUR must be 1");
}

TEST(FxRates, BuiltinSnapshotMatchesTheShippedFile) {
  const FxRates& builtin = FxRates::Builtin();
  EXPECT_EQ(&builtin, &FxRates::Builtin());
  EXPECT_EQ(builtin.as_of().size(), 10u);
  ASSERT_TRUE(builtin.PerEur(Currency("USD")).has_value());
  ASSERT_TRUE(builtin.PerEur(Currency("JPY")).has_value());
  ASSERT_TRUE(builtin.PerEur(Currency("GBP")).has_value());

  Result<FxRates> file = LoadFxRatesFile(FAREFLOW_SOURCE_DIR "/data/fx_rates.txt");
  ASSERT_TRUE(file.has_value()) << file.error().message;
  EXPECT_EQ(file->as_of(), builtin.as_of());
  int rates = 0;
  for (int i = 0; i < LocationCode::kSpace; ++i) {
    const CurrencyCode code = CurrencyCode::Parse(LocationCode::FromIndex(i).str());
    EXPECT_EQ(file->PerEur(code), builtin.PerEur(code)) << code.str();
    if (builtin.PerEur(code)) ++rates;
  }
  EXPECT_GE(rates, 40);
}

TEST(LoadFxRatesFile, MissingFileAndPrefixedErrors) {
  Result<FxRates> missing = LoadFxRatesFile("/nonexistent/fx_rates.txt");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);

  const std::string path = ::testing::TempDir() + "fx_rates_bad.txt";
  {
    std::ofstream out(path);
    out << "as_of 2026-01-01\nUSD 1.1\nGBP x\n";
  }
  Result<FxRates> bad = LoadFxRatesFile(path);
  std::remove(path.c_str());
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().field, "line 3");
  EXPECT_NE(bad.error().message.find(path), std::string::npos);
}

}  // namespace
}  // namespace fareflow::refdata
