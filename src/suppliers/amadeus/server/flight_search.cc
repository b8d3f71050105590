#include "suppliers/amadeus/server/flight_search.h"

#include <utility>

#include "model/name_tables.h"
#include "refdata/airports.h"
#include "refdata/currencies.h"
#include "refdata/fx_rates.h"

namespace fareflow::amadeus {
namespace {

bool IsUpperLetters(std::string_view s, std::size_t n) {
  if (s.size() != n) return false;
  for (char c : s) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

}  // namespace

Issue MakeIssue(IssueCode code, std::string detail, const std::string& parameter,
                const std::string& pointer, std::string example) {
  Issue issue;
  issue.code = code;
  issue.detail = std::move(detail);
  issue.parameter = parameter;
  issue.pointer = pointer;
  issue.example = std::move(example);
  return issue;
}

const std::string* QueryParameter(const net::WireRequest& request, std::string_view name) {
  const std::string* value = request.Query(name);
  return value != nullptr && !value->empty() ? value : nullptr;
}

bool CheckLocation(std::string_view text, const std::string& parameter, const std::string& pointer,
                   Issues& issues, LocationCode& out) {
  if (!IsUpperLetters(text, 3)) {
    issues.push_back(MakeIssue(kInvalidFormat, "must be a 3-letter IATA city or airport code",
                               parameter, pointer, "PAR"));
    return false;
  }
  out = LocationCode::Parse(text);
  if (refdata::ExpandLocation(out).empty()) {
    issues.push_back(MakeIssue(kInvalidData, "no airport or city found for " + std::string(text),
                               parameter, pointer));
    return false;
  }
  return true;
}

bool CheckDate(std::string_view text, Days today, const std::string& parameter,
               const std::string& pointer, Issues& issues, Days& out) {
  char example[10];
  FormatDate(today, example);
  bool shaped = text.size() == 10;
  for (std::size_t i = 0; shaped && i < text.size(); ++i) {
    shaped = (i == 4 || i == 7) ? text[i] == '-' : (text[i] >= '0' && text[i] <= '9');
  }
  if (!shaped) {
    issues.push_back(MakeIssue(kInvalidFormat, "must be a date in the YYYY-MM-DD format", parameter,
                               pointer, std::string(example, sizeof example)));
    return false;
  }
  const std::optional<Days> date = ParseDate(text);
  if (!date) {
    issues.push_back(MakeIssue(kInvalidDate, "not a calendar date: " + std::string(text), parameter,
                               pointer, std::string(example, sizeof example)));
    return false;
  }
  if (*date < today) {
    issues.push_back(MakeIssue(kInvalidDate, "Date/Time is in the past", parameter, pointer,
                               std::string(example, sizeof example)));
    return false;
  }
  out = *date;
  return true;
}

bool CheckCurrency(std::string_view text, const std::string& parameter, const std::string& pointer,
                   Issues& issues, CurrencyCode& out) {
  if (!IsUpperLetters(text, 3)) {
    issues.push_back(MakeIssue(kInvalidFormat, "must be a 3-letter ISO 4217 currency code",
                               parameter, pointer, "EUR"));
    return false;
  }
  out = CurrencyCode::Parse(text);
  if (refdata::FindCurrency(out) == nullptr || !refdata::FxRates::Builtin().PerEur(out)) {
    issues.push_back(MakeIssue(kInvalidData, "currency not supported: " + std::string(text),
                               parameter, pointer));
    return false;
  }
  return true;
}

bool CheckCarrier(std::string_view text, const std::string& parameter, const std::string& pointer,
                  Issues& issues, AirlineCode& out) {
  const bool ok = text.size() == 2 && [&] {
    for (char c : text) {
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
    }
    return true;
  }();
  if (!ok) {
    issues.push_back(MakeIssue(kInvalidFormat,
                               "must be 2-character IATA airline codes, comma-separated", parameter,
                               pointer, "6X,7X"));
    return false;
  }
  out = AirlineCode::Parse(text);
  return true;
}

bool CheckTravelClass(std::string_view text, const std::string& parameter,
                      const std::string& pointer, Issues& issues, Cabin& out) {
  const std::optional<Cabin> cabin = kAmadeusTravelClasses.Find(text);
  if (!cabin) {
    issues.push_back(MakeIssue(kInvalidFormat, kAmadeusTravelClasses.MustBe(NameList::kOneOf),
                               parameter, pointer,
                               std::string(kAmadeusTravelClasses.NameOf(Cabin::kEconomy))));
    return false;
  }
  out = *cabin;
  return true;
}

}  // namespace fareflow::amadeus
