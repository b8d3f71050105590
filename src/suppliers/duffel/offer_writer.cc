#include "suppliers/duffel/offer_writer.h"

#include <algorithm>
#include <cstdio>
#include <string_view>

#include "core/json_values.h"
#include "model/cabin.h"
#include "refdata/currencies.h"
#include "suppliers/stated_durations.h"

namespace fareflow::duffel {

void OfferWriter::WriteOffer(const Offer& offer, std::size_t index,
                             const std::vector<Passenger>& passengers) {
  const CurrencyCode currency = offer.total.currency;
  const int digits = refdata::MinorDigits(currency);
  const uint64_t h = OfferHash(key_, offer, index);
  const Minutes first_departure = offer.slices.empty() || offer.slices.front().segments.empty()
                                      ? 0
                                      : offer.slices.front().segments.front().departure_local;
  // Searched a month before departure, at a time of day of its own, unless the time is given.
  int sec = 0;
  const Minutes created = CreatedAt(DayOf(first_departure), key_, created_unix_, sec);

  w_.BeginObject();
  w_.Key("id");
  Id(w_, "off", h);
  w_.Key("live_mode");
  w_.Bool(false);
  w_.Key("created_at");
  UtcTime(w_, created, true, sec);
  w_.Key("updated_at");
  UtcTime(w_, created, true, sec);
  w_.Key("expires_at");
  UtcTime(w_, created + 30, true, sec);
  w_.Key("total_amount");
  WriteAmount(w_, offer.total.minor, digits);
  w_.Key("total_currency");
  WriteCode(w_, currency);
  const bool has_base = offer.base.currency.valid();
  w_.Key("base_amount");
  if (has_base) {
    WriteAmount(w_, offer.base.minor, digits);
  } else {
    w_.Null();
  }
  w_.Key("base_currency");
  WriteCode(w_, currency);
  w_.Key("tax_amount");
  if (has_base) {
    WriteAmount(w_, offer.total.minor - offer.base.minor, digits);
  } else {
    w_.Null();
  }
  w_.Key("tax_currency");
  WriteCode(w_, currency);
  int seats = 0;
  for (const Passenger& p : passengers) seats += p.type != PassengerType::kInfant ? 1 : 0;
  w_.Key("total_emissions_kg");
  if (offer.supplier_co2_grams >= 0) {
    char buf[24];
    const int n = std::snprintf(buf, sizeof buf, "%lld",
                                static_cast<long long>(DivideRounded(
                                    int64_t{offer.supplier_co2_grams} * std::max(1, seats), 1000)));
    w_.PlainString(std::string_view(buf, static_cast<std::size_t>(n)));
  } else {
    w_.Null();
  }

  AirlineCode owner = offer.validating_carrier;
  if (!owner.valid() && first_departure != 0) {
    owner = offer.slices.front().segments.front().marketing_carrier;
  }
  w_.Key("owner");
  Carrier(owner);

  std::vector<std::vector<uint64_t>> segment_ids;
  w_.Key("slices");
  w_.BeginArray();
  for (std::size_t si = 0; si < offer.slices.size(); ++si) {
    const Slice& slice = offer.slices[si];
    const uint64_t slice_hash = Mix(h, 0x736C69 + si);
    w_.BeginObject();
    w_.Key("id");
    Id(w_, "sli", slice_hash);
    w_.Key("origin_type");
    w_.PlainString("airport");
    w_.Key("origin");
    if (!slice.segments.empty()) {
      Place(slice.segments.front().origin);
    } else {
      w_.Null();
    }
    w_.Key("destination_type");
    w_.PlainString("airport");
    w_.Key("destination");
    if (!slice.segments.empty()) {
      Place(slice.segments.back().destination);
    } else {
      w_.Null();
    }
    w_.Key("duration");
    Duration(w_, suppliers::StatedSliceMinutes(slice));
    const std::string_view brand = slice.fare_brand.empty() ? offer.fare_brand : slice.fare_brand;
    w_.Key("fare_brand_name");
    StringOrNull(w_, brand);
    w_.Key("comparison_key");
    Id(w_, "cmp", Mix(slice_hash, 7));
    w_.Key("ngs_shelf");
    w_.Int(std::clamp<int>(offer.bags.checked_pieces + 1, 1, 5));
    w_.Key("conditions");
    w_.BeginObject();
    w_.Key("change_before_departure");
    Condition(offer.conditions.changeable, offer.conditions.change_penalty, digits);
    w_.Key("advance_seat_selection");
    w_.Bool(offer.bags.IncludesChecked());
    w_.Key("priority_boarding");
    w_.Bool(offer.cabin == Cabin::kBusiness || offer.cabin == Cabin::kFirst);
    w_.Key("priority_check_in");
    w_.Bool(offer.cabin == Cabin::kBusiness || offer.cabin == Cabin::kFirst);
    w_.EndObject();
    w_.Key("segments");
    w_.BeginArray();
    segment_ids.emplace_back();
    for (std::size_t k = 0; k < slice.segments.size(); ++k) {
      const uint64_t seg_hash = Mix(slice_hash, 0x736567 + k);
      segment_ids.back().push_back(seg_hash);
      WriteSegment(offer, slice, passengers, slice.segments[k], seg_hash);
    }
    w_.EndArray();
    w_.EndObject();
  }
  w_.EndArray();

  w_.Key("passengers");
  WritePassengers(w_, passengers);

  w_.Key("conditions");
  w_.BeginObject();
  w_.Key("refund_before_departure");
  Condition(offer.conditions.refundable, offer.conditions.refund_penalty, digits);
  w_.Key("change_before_departure");
  Condition(offer.conditions.changeable, offer.conditions.change_penalty, digits);
  w_.EndObject();

  w_.Key("payment_requirements");
  w_.BeginObject();
  w_.Key("requires_instant_payment");
  w_.Bool(false);
  w_.Key("price_guarantee_expires_at");
  UtcTime(w_, created + 2 * 1440, false, sec);
  w_.Key("payment_required_by");
  UtcTime(w_, created + 3 * 1440, false, sec);
  w_.EndObject();

  // One extra checked bag per seated passenger for the whole journey, priced at a share of the
  // fare.
  const int64_t bag_price = std::max<int64_t>(
      1, DivideRounded(offer.total.minor,
                       25 * static_cast<int64_t>(std::max<std::size_t>(1, passengers.size()))));
  w_.Key("available_services");
  w_.BeginArray();
  {
    for (const Passenger& p : passengers) {
      if (p.type == PassengerType::kInfant) continue;
      w_.BeginObject();
      w_.Key("id");
      Id(w_, "ase", Mix(h, p.id_hash));
      w_.Key("type");
      w_.PlainString("baggage");
      w_.Key("maximum_quantity");
      w_.Int(offer.bags.IncludesChecked() ? 1 : 2);
      w_.Key("metadata");
      w_.BeginObject();
      w_.Key("type");
      w_.PlainString("checked");
      w_.Key("maximum_weight_kg");
      w_.Int(23);
      w_.Key("maximum_length_cm");
      w_.Int(90);
      w_.Key("maximum_height_cm");
      w_.Int(75);
      w_.Key("maximum_depth_cm");
      w_.Int(43);
      w_.EndObject();
      w_.Key("passenger_ids");
      w_.BeginArray();
      Id(w_, "pas", p.id_hash);
      w_.EndArray();
      w_.Key("segment_ids");
      w_.BeginArray();
      for (const std::vector<uint64_t>& slice_ids : segment_ids) {
        for (uint64_t seg : slice_ids) Id(w_, "seg", seg);
      }
      w_.EndArray();
      w_.Key("total_amount");
      WriteAmount(w_, bag_price, digits);
      w_.Key("total_currency");
      WriteCode(w_, currency);
      w_.EndObject();
    }
  }
  w_.EndArray();

  w_.Key("partial");
  w_.Bool(false);
  w_.Key("passenger_identity_documents_required");
  w_.Bool(false);
  w_.Key("supported_passenger_identity_document_types");
  w_.BeginArray();
  w_.PlainString("passport");
  w_.EndArray();
  w_.Key("supported_loyalty_programmes");
  w_.BeginArray();
  if (owner.valid()) w_.PlainString(owner.str());
  w_.EndArray();
  w_.Key("private_fares");
  w_.BeginArray();
  w_.EndArray();
  w_.EndObject();
}

void OfferWriter::Condition(Tristate allowed, const Money& penalty, int digits) {
  if (allowed == Tristate::kUnknown) {
    w_.Null();
    return;
  }
  w_.BeginObject();
  w_.Key("allowed");
  w_.Bool(allowed == Tristate::kYes);
  w_.Key("penalty_amount");
  if (allowed == Tristate::kYes && penalty.currency.valid()) {
    WriteAmount(w_, penalty.minor, digits);
  } else {
    w_.Null();
  }
  w_.Key("penalty_currency");
  if (allowed == Tristate::kYes && penalty.currency.valid()) {
    WriteCode(w_, penalty.currency);
  } else {
    w_.Null();
  }
  w_.EndObject();
}

}  // namespace fareflow::duffel
