#include "suppliers/carrier_names.h"

#include "refdata/airlines.h"

namespace fareflow::suppliers {
namespace {

bool EqualIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  constexpr auto fold = [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; };
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (fold(a[i]) != fold(b[i])) return false;
  }
  return true;
}

}  // namespace

std::string_view CarrierNames::Intern(AirlineCode code, std::string_view name) {
  if (!code.valid() || name.empty()) return {};
  const uint16_t index = code.index();
  if (seen_.test(index)) return names_[index];
  if (names_.empty()) names_.resize(AirlineCode::kSpace);
  seen_.set(index);
  const refdata::Airline* reference = refdata::FindAirline(code);
  if (reference != nullptr && EqualIgnoringCase(reference->name, name)) return {};
  names_[index] = name;
  any_name_ = true;
  return name;
}

void CarrierNames::NameCarriers(Offer& offer) const {
  if (!any_name_) return;
  offer.validating_carrier_name = Find(offer.validating_carrier);
  for (Slice& slice : offer.slices) {
    for (Segment& s : slice.segments) {
      s.marketing_carrier_name = Find(s.marketing_carrier);
      s.operating_carrier_name = Find(s.operating_carrier);
    }
  }
}

}  // namespace fareflow::suppliers
