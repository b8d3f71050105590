#include "api/request_json_fields.h"

#include <string>

#include "api/search_request_validation.h"
#include "core/money.h"
#include "refdata/currencies.h"

namespace fareflow {

Result<JsonValue> ParseRequestBody(simdjson::dom::parser& parser, std::string_view json) {
  Result<JsonValue> root = ParseJson(parser, json);
  if (!root) {
    // A number out of range names its field; anything else is a broken body.
    if (root.error().code == ErrorCode::kInvalidArgument) return tl::unexpected(root.error());
    return InvalidAt("", "request body is not valid JSON: " + root.error().message);
  }
  if (!root->element().is_object()) return InvalidAt("", "request body must be a JSON object");
  return root;
}

Result<LocationCode> ReadLocation(const JsonValue& v) {
  auto s = v.String();
  if (!s) return tl::unexpected(s.error());
  LocationCode code = LocationCode::Parse(*s);
  if (!code.valid()) return v.Invalid("must be a three-letter IATA code");
  return code;
}

Result<Days> ReadDate(const JsonValue& v) {
  auto s = v.String();
  if (!s) return tl::unexpected(s.error());
  auto days = ParseDate(*s);
  if (!days) return v.Invalid("must be a date YYYY-MM-DD");
  return *days;
}

Result<void> ReadCurrencyMember(const JsonValue& root, CurrencyCode& out) {
  std::optional<JsonValue> currency = root.Member("currency");
  if (!currency) return {};
  auto s = currency->String();
  if (!s) return tl::unexpected(s.error());
  out = CurrencyCode::Parse(*s);
  if (!out.valid()) return currency->Invalid("must be an ISO 4217 currency code");
  return {};
}

Result<int64_t> ReadAmount(const JsonValue& v, CurrencyCode currency) {
  auto s = v.String();
  if (!s) return tl::unexpected(s.error());
  auto minor = ParseDecimalMinor(*s, refdata::MinorDigits(currency));
  if (!minor || *minor < 0) return v.Invalid("must be a decimal amount such as \"950.00\"");
  return *minor;
}

Result<void> ReadPassengers(const JsonValue& e, Passengers& p) {
  return e.ForEachMember(
      [&](std::string_view key, const JsonValue& v) -> Result<void> {
        if (key == "adults") return v.IntInto(0, kMaxPassengers, p.adults);
        if (key == "infants") return v.IntInto(0, kMaxPassengers, p.infants);
        if (key == "children") {
          // Either a count (each child taken as 8 years old) or a list of ages.
          int64_t count;
          if (v.element().get_int64().get(count) == simdjson::SUCCESS) {
            if (count < 0 || count > kMaxPassengers) return v.Invalid("must be between 0 and 9");
            p.child_ages.assign(static_cast<std::size_t>(count), 8);
            return {};
          }
          return Assign(v.List<int>(kMaxListItems,
                                    [](const JsonValue& age) -> Result<int> {
                                      auto n = age.Int(2, 17);
                                      if (!n) return tl::unexpected(n.error());
                                      return static_cast<int>(*n);
                                    }),
                        p.child_ages);
        }
        return v.Invalid("unknown field");
      },
      kRequestMembers);
}

}  // namespace fareflow
