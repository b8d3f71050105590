#include "refdata/fx_rates.h"

#include <algorithm>
#include <fstream>
#include <limits>
#include <sstream>

#include "core/datetime.h"
#include "core/text.h"
#include "refdata/currencies.h"

namespace fareflow::refdata {
namespace {

// GCC and Clang provide a 128-bit integer; __extension__ keeps -Wpedantic quiet about it.
__extension__ typedef __int128 Int128;

constexpr std::size_t kCodeSpace = LocationCode::kSpace;  // CurrencyCode packs like LocationCode

// Rates at or above 10^7 units per EUR (scaled) are refused, which keeps Convert's 128-bit
// arithmetic from overflowing. The weakest currencies trade near 10^5 per EUR.
constexpr int64_t kMaxRate = 10'000'000 * FxRates::kScale;

struct BuiltinRate {
  std::string_view code;
  int64_t per_eur;  // scaled by FxRates::kScale
};

// Row builder for the generated table, named with one letter to keep data/fx_rates.inc short.
constexpr BuiltinRate R(std::string_view code, int64_t per_eur) { return {code, per_eur}; }

constexpr BuiltinRate kBuiltinRates[] = {
#include "fx_rates.inc"
};

constexpr std::string_view kBuiltinAsOf =
#define FAREFLOW_FX_AS_OF
#include "fx_rates.inc"
#undef FAREFLOW_FX_AS_OF
    ;

constexpr int64_t Pow10(int n) {
  int64_t v = 1;
  while (n-- > 0) v *= 10;
  return v;
}

// Splits `s` at its first run of blanks; `rest` is what follows the run.
std::string_view NextToken(std::string_view s, std::string_view* rest) {
  std::size_t end = s.find_first_of(" \t");
  if (end == std::string_view::npos) {
    *rest = {};
    return s;
  }
  *rest = Trim(s.substr(end));
  return s.substr(0, end);
}

// A rate: 1 to 7 integer digits, optionally '.' and decimals, rounded half away from zero to
// 8 decimals (core's ParseDecimalMinor stops at 6). nullopt for anything else, including zero.
std::optional<int64_t> ParseRate(std::string_view text) {
  constexpr int kDecimals = 8;
  const std::size_t dot = std::min(text.find('.'), text.size());
  if (dot == 0 || dot > 7 || dot + 1 == text.size()) return std::nullopt;
  int64_t scaled = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i == dot) continue;
    const char c = text[i];
    if (c < '0' || c > '9') return std::nullopt;
    const std::size_t decimal = i > dot ? i - dot : 0;  // 1-based position after the dot
    if (decimal <= kDecimals) {
      scaled = scaled * 10 + (c - '0');
    } else if (decimal == kDecimals + 1 && c >= '5') {
      ++scaled;  // the first dropped digit decides
    }
  }
  const std::size_t decimals = dot < text.size() ? text.size() - dot - 1 : 0;
  for (std::size_t d = decimals; d < kDecimals; ++d) scaled *= 10;
  if (scaled <= 0 || scaled >= kMaxRate) return std::nullopt;
  return scaled;
}

tl::unexpected<Error> LineError(int line, std::string message) {
  return MakeError(ErrorCode::kMalformed, std::move(message), "line " + std::to_string(line));
}

}  // namespace

const FxRates& FxRates::Builtin() {
  // Built on first use because FxRates keeps its rates in a std::vector, which cannot be a
  // compile-time constant; the snapshot itself is compiled in, nothing is read or parsed.
  static const FxRates* const kRates = [] {
    std::vector<std::pair<CurrencyCode, int64_t>> per_eur;
    per_eur.reserve(std::size(kBuiltinRates));
    for (const BuiltinRate& r : kBuiltinRates) {
      per_eur.emplace_back(CurrencyCode::Parse(r.code), r.per_eur);
    }
    return new FxRates(std::string(kBuiltinAsOf), std::move(per_eur));
  }();
  return *kRates;
}

// Invalid codes, rates that are not positive and rates of 10^7 per EUR or more are ignored. EUR
// is always 1.
FxRates::FxRates(std::string as_of, std::vector<std::pair<CurrencyCode, int64_t>> per_eur)
    : as_of_(std::move(as_of)), per_eur_(kCodeSpace, 0) {
  for (const auto& [code, rate] : per_eur) {
    if (code.valid() && code.index() < kCodeSpace && rate > 0 && rate < kMaxRate)
      per_eur_[code.index()] = rate;
  }
  per_eur_[CurrencyCode::Parse("EUR").index()] = kScale;
}

std::optional<int64_t> FxRates::PerEur(CurrencyCode code) const {
  if (!code.valid() || code.index() >= per_eur_.size()) return std::nullopt;
  const int64_t rate = per_eur_[code.index()];
  if (rate <= 0) return std::nullopt;
  return rate;
}

// Also nullopt when the converted amount does not fit in int64_t.
std::optional<Money> FxRates::Convert(Money amount, CurrencyCode to) const {
  if (amount.currency == to) return amount;
  const std::optional<int64_t> from_rate = PerEur(amount.currency);
  const std::optional<int64_t> to_rate = PerEur(to);
  if (!from_rate || !to_rate) return std::nullopt;
  // minor_to = minor_from / 10^d_from / from_rate * to_rate * 10^d_to, as one exact division.
  // |minor| <= 2^63, rates < kMaxRate < 2^50 and 10^d <= 10^4 < 2^14 keep the numerator below
  // 2^127.
  const Int128 numerator = Int128{amount.minor} * *to_rate * Pow10(MinorDigits(to));
  const Int128 denominator = Int128{*from_rate} * Pow10(MinorDigits(amount.currency));
  Int128 quotient = numerator / denominator;
  const Int128 remainder = numerator % denominator;
  const Int128 twice_remainder = remainder < 0 ? -2 * remainder : 2 * remainder;
  if (twice_remainder >= denominator) quotient += numerator < 0 ? -1 : 1;
  if (quotient > std::numeric_limits<int64_t>::max() ||
      quotient < std::numeric_limits<int64_t>::min()) {
    return std::nullopt;
  }
  return Money{static_cast<int64_t>(quotient), to};
}

Result<FxRates> ParseFxRates(std::string_view text) {
  std::optional<std::string> as_of;
  std::vector<std::pair<CurrencyCode, int64_t>> per_eur;
  std::vector<bool> seen(kCodeSpace, false);
  int line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    // The line without its comment and blanks, and the '\r' of a file saved with CRLF endings.
    line = Trim(line.substr(0, line.find('#')), " \t\r");
    if (line.empty()) continue;

    std::string_view rest;
    const std::string_view first = NextToken(line, &rest);
    std::string_view extra;
    const std::string_view second = NextToken(rest, &extra);
    if (!extra.empty()) return LineError(line_number, "expected two fields, got more");

    if (!as_of) {
      if (first != "as_of" || !ParseDate(second)) {
        return LineError(line_number, "expected \"as_of YYYY-MM-DD\" before any rate");
      }
      as_of = std::string(second);
      continue;
    }
    const CurrencyCode code = CurrencyCode::Parse(first);
    if (FindCurrency(code) == nullptr) {
      return LineError(line_number, "unknown currency \"" + std::string(first) + "\"");
    }
    const std::optional<int64_t> rate = ParseRate(second);
    if (!rate) {
      return LineError(line_number,
                       "bad rate \"" + std::string(second) +
                           "\": expected a positive decimal below 10000000 such as 1.0823");
    }
    if (code == CurrencyCode::Parse("EUR") && *rate != FxRates::kScale) {
      return LineError(line_number, "EUR must be 1");
    }
    if (seen[code.index()]) {
      return LineError(line_number, "duplicate currency \"" + std::string(first) + "\"");
    }
    seen[code.index()] = true;
    per_eur.emplace_back(code, *rate);
  }
  if (!as_of) return LineError(line_number == 0 ? 1 : line_number, "missing \"as_of\" line");
  return FxRates(std::move(*as_of), std::move(per_eur));
}

Result<FxRates> LoadFxRatesFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, "cannot open FX rates file " + path, path);
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) return MakeError(ErrorCode::kIo, "cannot read FX rates file " + path, path);
  Result<FxRates> rates = ParseFxRates(contents.str());
  if (!rates) rates.error().message = path + ": " + rates.error().message;
  return rates;
}

}  // namespace fareflow::refdata
