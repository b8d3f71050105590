#include "suppliers/duffel/offer_reader.h"

#include <string>

#include "core/codes.h"
#include "suppliers/token_skip.h"

// The offer's own fields, and the bookkeeping of why an offer is dropped.

namespace fareflow::duffel::internal {

bool OfferReader::Drop(DropReason reason, std::string_view what) {
  if (failure_.fatal == simdjson::SUCCESS && failure_.reason == DropReason::kCount) {
    failure_.reason = reason;
    failure_.what = what;
    failure_.slice = slice_;
    failure_.segment = segment_;
  }
  return false;
}

bool OfferReader::Fatal(simdjson::error_code error, std::string_view /*what*/) {
  failure_.fatal = error;
  return false;
}

bool OfferReader::Read(Value value, Offer& offer) {
  failure_ = {};
  offer_id_ = {};
  slice_ = segment_ = -1;
  if (ReadFast(value, offer)) return true;
  // Read again by On-Demand, which still stands at the offer: the fast path only reads ahead.
  failure_ = {};
  offer_id_ = {};
  offer = Offer{};
  Object object;
  if (Open(value, object, "", Want::kRequired) != Found::kValue) return false;
  return ReadOffer(object, offer);
}

bool OfferReader::Read(Object& object, Offer& offer) {
  failure_ = {};
  offer_id_ = {};
  slice_ = segment_ = -1;
  return ReadOffer(object, offer);
}

bool OfferReader::ReadOffer(Object& object, Offer& offer) {
  s_.Clear();
  OfferTexts texts;
  PassengerCounts counts;
  bool ok = true;  // false once the offer is to be dropped: from then on only `id` is read
  const bool walked = ForEachField(object, "", [&](Key key, Value& value) {
    if (suppliers::KeyIs(key, "id")) {
      if (!ReadText(value, offer_id_, "id", Want::kTyped)) ok = false;
    } else if (!ok) {
      return true;
    } else if (suppliers::KeyIs(key, "slices")) {
      texts.saw_slices = true;
      ok = ReadSlices(value);
    } else if (suppliers::KeyIs(key, "total_amount")) {
      ok = ReadText(value, texts.total_amount, "total_amount", Want::kTyped);
    } else if (suppliers::KeyIs(key, "total_currency")) {
      ok = ReadText(value, texts.total_currency, "total_currency", Want::kTyped);
    } else if (suppliers::KeyIs(key, "base_amount")) {
      ok = ReadText(value, texts.base_amount, "base_amount", Want::kOptional);
    } else if (suppliers::KeyIs(key, "base_currency")) {
      ok = ReadText(value, texts.base_currency, "base_currency", Want::kOptional);
    } else if (suppliers::KeyIs(key, "total_emissions_kg")) {
      ok = ReadEmissions(value, texts.emissions_kg);
    } else if (suppliers::KeyIs(key, "owner")) {
      std::string_view code;
      ok = ReadCarrier(value, code, offer.validating_carrier_name, "owner", Want::kOptional);
      offer.validating_carrier = AirlineCode::Parse(code);
    } else if (suppliers::KeyIs(key, "passengers")) {
      ok = ReadPassengers(value, counts);
    } else if (suppliers::KeyIs(key, "conditions")) {
      ok = ReadConditions(value, offer.conditions);
    } else {
      ok = Skip(value);
    }
    return failure_.fatal == simdjson::SUCCESS;  // a dropped offer is still read for its `id`
  });
  if (!walked || !ok) return false;
  if (offer_id_.empty()) {
    // "id": "" is a value, just not a usable one; absent or null is missing.
    return Drop(DropReason::kMissingField, "id");
  }
  if (!texts.saw_slices) return Drop(DropReason::kMissingField, "slices");
  return Finish(texts, counts, offer);
}

bool OfferReader::ReadIataCode(Value& value, std::string_view& code, std::string_view what,
                               Want want) {
  // The rest of the object (name, id, logo urls) is skipped by structure (SkipRestOf); a later
  // duplicate "iata_code" no longer overrides the first (Duffel does not send duplicate keys).
  return ReadFields(value, what, want, [&](Key key, Value& item) {
           if (!suppliers::KeyIs(key, "iata_code")) return Step::kNext;
           return ReadText(item, code, what, want) && SkipRestOf(item) ? Step::kDone : Step::kFail;
         }) != Found::kFailed;
}

bool OfferReader::ReadCarrier(Value& value, std::string_view& code, std::string_view& name,
                              std::string_view what, Want want) {
  // Duffel repeats a carrier's name in every segment of every offer: once the payload has named
  // the code, later names are skipped unread. A name before the code is read all the same (a
  // view into the payload unless escaped). Logo urls and ids are skipped by structure.
  std::string_view given;
  AirlineCode parsed;
  const bool read = ReadFields(value, what, want, [&](Key key, Value& item) {
                      if (suppliers::KeyIs(key, "iata_code")) {
                        if (!ReadText(item, code, what, want)) return Step::kFail;
                        parsed = AirlineCode::Parse(code);
                        if (!carrier_names_.Has(parsed) && given.empty()) return Step::kNext;
                        return SkipRestOf(item) ? Step::kDone : Step::kFail;
                      }
                      if (suppliers::KeyIs(key, "name") && !carrier_names_.Has(parsed)) {
                        if (!ReadText(item, given, what, Want::kOptional)) return Step::kFail;
                        if (code.empty()) return Step::kNext;
                        return SkipRestOf(item) ? Step::kDone : Step::kFail;
                      }
                      return Step::kNext;
                    }) != Found::kFailed;
  if (read)
    name = carrier_names_.Has(parsed) ? carrier_names_.Find(parsed)
                                      : carrier_names_.Intern(parsed, given);
  return read;
}

OfferReader::Found OfferReader::ReadTypedNumber(Value& value, std::string_view what,
                                                std::string_view& type, std::string_view number_key,
                                                std::optional<int64_t>& number) {
  return ReadFields(value, what, Want::kOptional, [&](Key key, Value& item) {
    if (suppliers::KeyIs(key, "type")) return ReadText(item, type, what, Want::kOptional);
    if (key.unsafe_is_equal(number_key)) return ReadInteger(item, number, what, Want::kOptional);
    return true;
  });
}

bool OfferReader::Skip(Value& value) {
  if (const simdjson::error_code error = suppliers::SkipValue(value)) return Fatal(error, "");
  return true;
}

bool OfferReader::SkipRestOf(Value& value) {
  if (const simdjson::error_code error = suppliers::SkipRest(value)) return Fatal(error, "");
  return true;
}

std::string OfferReader::DescribeFailure(int index) const {
  std::string text = "offer ";
  text += offer_id_.empty() ? std::string_view("(no id)") : offer_id_;
  text += " (#" + std::to_string(index) + "): ";
  if (failure_.slice >= 0) {
    text += "/slices/" + std::to_string(failure_.slice);
    if (failure_.segment >= 0) text += "/segments/" + std::to_string(failure_.segment);
  }
  if (!failure_.what.empty() || text.back() == ' ') {
    text += '/';
    text += failure_.what;
  }
  return text;
}

}  // namespace fareflow::duffel::internal
