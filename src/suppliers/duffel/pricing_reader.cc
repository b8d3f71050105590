#include "suppliers/duffel/offer_reader.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>

#include "suppliers/duffel/field_values.h"
#include "suppliers/json_fields.h"

// What an offer says about its price beyond the amounts: who the passengers are, the
// conditions of refund and change, and the emissions.

namespace fareflow::duffel::internal {

bool OfferReader::ReadPassengers(Value& value, PassengerCounts& counts) {
  return ReadElements(value, "passengers", Want::kOptional, [&](Value& item) {
           std::string_view type;
           std::optional<int64_t> age;
           const Found passenger = ReadTypedNumber(item, "passengers", type, "age", age);
           if (passenger != Found::kValue) return passenger == Found::kAbsent;
           counts.Count(Classify(type, age));
           return true;
         }) != Found::kFailed;
}

bool OfferReader::ReadConditions(Value& value, Conditions& conditions) {
  return ReadFields(value, "conditions", Want::kOptional, [&](Key key, Value& item) {
           if (suppliers::KeyIs(key, "refund_before_departure")) {
             return ReadCondition(item, conditions.refundable, conditions.refund_penalty);
           }
           if (suppliers::KeyIs(key, "change_before_departure")) {
             return ReadCondition(item, conditions.changeable, conditions.change_penalty);
           }
           return true;
         }) != Found::kFailed;
}

bool OfferReader::ReadCondition(Value& value, Tristate& allowed, Money& penalty) {
  // null: Duffel does not know whether the modification is allowed.
  std::string_view amount, currency;
  const Found found = ReadFields(value, "conditions", Want::kOptional, [&](Key key, Value& item) {
    if (suppliers::KeyIs(key, "allowed")) {
      simdjson::ondemand::json_type type;
      if (const simdjson::error_code error = item.type().get(type)) {
        return Fatal(error, "conditions/allowed");
      }
      if (type != simdjson::ondemand::json_type::boolean) return true;  // unknown
      bool flag = false;
      if (const simdjson::error_code error = item.get_bool().get(flag)) {
        return Fail(error, "conditions/allowed");
      }
      allowed = flag ? Tristate::kYes : Tristate::kNo;
    } else if (suppliers::KeyIs(key, "penalty_amount")) {
      return ReadText(item, amount, "conditions/penalty_amount", Want::kOptional);
    } else if (suppliers::KeyIs(key, "penalty_currency")) {
      return ReadText(item, currency, "conditions/penalty_currency", Want::kOptional);
    }
    return true;
  });
  if (found != Found::kValue) return found == Found::kAbsent;
  if (std::optional<Money> money = ToMoney(amount, currency)) penalty = *money;
  return true;
}

bool OfferReader::ReadEmissions(Value& value, std::string_view& text) {
  simdjson::ondemand::json_type type;
  if (const simdjson::error_code error = value.type().get(type)) return Fatal(error, "");
  if (type == simdjson::ondemand::json_type::number) {
    // Documented as a string ("460"); a bare number is read from its token.
    text = suppliers::NumberText(value.raw_json_token());
    return true;
  }
  return ReadText(value, text, "total_emissions_kg", Want::kOptional);
}

}  // namespace fareflow::duffel::internal
