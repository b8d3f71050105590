#ifndef FAREFLOW_API_REQUEST_JSON_FIELDS_H_
#define FAREFLOW_API_REQUEST_JSON_FIELDS_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include <simdjson.h>

#include "core/codes.h"
#include "core/datetime.h"
#include "core/json_reader.h"
#include "core/result.h"
#include "model/name_tables.h"
#include "model/search_request.h"

namespace fareflow {

// The fields the fareflow v1 request bodies share (a search, a price calendar), read one way,
// with the same errors naming the same JSON pointers.

// Every object of a request reads null as "not set" and refuses a key given twice: a later
// value silently winning over an earlier one is how a filter gets bypassed.
inline constexpr MemberRules kRequestMembers{.skip_null = true, .refuse_duplicates = true};

// Parses a request body into `parser` and returns its root, which must be an object: errors
// "request body is not valid JSON: ..." and "request body must be a JSON object" at "", or a
// number out of range at its pointer. The value lives as long as `parser`'s document.
Result<JsonValue> ParseRequestBody(simdjson::dom::parser& parser, std::string_view json);

// A three-letter IATA airport or city code (its format; whether it is known is validation's).
Result<LocationCode> ReadLocation(const JsonValue& v);

// A date "YYYY-MM-DD".
Result<Days> ReadDate(const JsonValue& v);

// The member "currency" of `root`, when present, into `out`; read before the other members,
// since amounts need its minor digits whatever the member order.
Result<void> ReadCurrencyMember(const JsonValue& root, CurrencyCode& out);

// A decimal amount in `currency` as a string ("950.00"), zero or more, in minor units.
Result<int64_t> ReadAmount(const JsonValue& v, CurrencyCode currency);

// "passengers": adults, infants, and children as a count (each 8 years old) or a list of ages.
Result<void> ReadPassengers(const JsonValue& e, Passengers& p);

// A name read from `names` with `parse` into `out`; other text is refused with the table's names.
template <typename T>
Result<void> ReadName(const JsonValue& v, std::optional<T> (*parse)(std::string_view),
                      const NameTable<T>& names, T& out) {
  auto s = v.String();
  if (!s) return tl::unexpected(s.error());
  std::optional<T> value = parse(*s);
  if (!value) return v.Invalid(names.MustBe(NameList::kOr));
  out = *value;
  return {};
}

}  // namespace fareflow

#endif  // FAREFLOW_API_REQUEST_JSON_FIELDS_H_
