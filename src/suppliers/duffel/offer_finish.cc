#include "suppliers/duffel/offer_reader.h"

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>

#include "core/money.h"
#include "refdata/currencies.h"
#include "suppliers/duffel/field_values.h"

// Builds the canonical offer once every field of the Duffel offer has been read.

namespace fareflow::duffel::internal {

bool OfferReader::Finish(const OfferTexts& texts, const PassengerCounts& counts, Offer& offer) {
  if (texts.total_amount.empty()) return Drop(DropReason::kMissingField, "total_amount");
  if (texts.total_currency.empty()) return Drop(DropReason::kMissingField, "total_currency");
  const CurrencyCode currency = CurrencyCode::Parse(texts.total_currency);
  if (!currency.valid()) return Drop(DropReason::kBadValue, "total_currency");
  const std::optional<int64_t> total =
      ParseDecimalMinor(texts.total_amount, refdata::MinorDigits(currency));
  if (!total || *total < 0) return Drop(DropReason::kBadValue, "total_amount");

  offer.supplier_offer_id = offer_id_;
  offer.total = Money{*total, currency};
  if (std::optional<Money> base = ToMoney(texts.base_amount, texts.base_currency)) {
    offer.base = *base;
  }

  // Duffel prices the offer as a whole: counts only, price per passenger unknown (the Enricher
  // derives the per-adult share).
  std::array<PassengerPrice, 3> prices;
  std::size_t n_prices = 0;
  if (counts.adults > 0) prices[n_prices++] = {PassengerType::kAdult, counts.adults, {}};
  if (counts.children > 0) prices[n_prices++] = {PassengerType::kChild, counts.children, {}};
  if (counts.infants > 0) prices[n_prices++] = {PassengerType::kInfant, counts.infants, {}};
  offer.passenger_prices =
      arena_.CopyArray<PassengerPrice>(std::span<const PassengerPrice>(prices.data(), n_prices));

  // `total_emissions_kg` covers every passenger; infants on a lap take no seat and no share.
  if (!texts.emissions_kg.empty()) {
    int seats = counts.adults + counts.children;
    if (seats == 0) seats = counts.infants;
    const std::optional<int64_t> grams = ParseDecimalMinor(texts.emissions_kg, 3);
    if (grams && *grams >= 0 && seats > 0) {
      const int64_t each = DivideRounded(*grams, seats);
      if (each <= std::numeric_limits<int32_t>::max()) {
        offer.supplier_co2_grams = static_cast<int32_t>(each);
      }
    }
  }

  const std::span<Segment> segments =
      arena_.CopyArray<Segment>(std::span<const Segment>(s_.segments.data(), s_.segments.size()));
  Slice* slices = arena_.AllocateArray<Slice>(s_.slices.size());
  for (std::size_t i = 0; i < s_.slices.size(); ++i) {
    const SliceDraft& draft = s_.slices[i];
    slices[i] = draft.slice;
    slices[i].segments = segments.subspan(draft.first_segment, draft.segment_count);
  }
  offer.slices = std::span<Slice>(slices, s_.slices.size());
  offer.fare_brand = s_.slices.front().slice.fare_brand;
  offer.bags = s_.bags;

  // The offer's cabin is the cabin of its longest segment (by the supplier's duration, else by
  // the difference of local times).
  int64_t longest = std::numeric_limits<int64_t>::min();
  for (const Segment& segment : segments) {
    const int64_t length = segment.supplier_duration_minutes >= 0
                               ? segment.supplier_duration_minutes
                               : segment.arrival_local - segment.departure_local;
    if (length > longest) {
      longest = length;
      offer.cabin = segment.cabin;
    }
  }
  return true;
}

}  // namespace fareflow::duffel::internal
