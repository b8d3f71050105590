#ifndef FAREFLOW_SUPPLIERS_CARRIER_NAMES_H_
#define FAREFLOW_SUPPLIERS_CARRIER_NAMES_H_

#include <bitset>
#include <string_view>
#include <vector>

#include "core/codes.h"
#include "model/offer.h"

namespace fareflow::suppliers {

// The carrier names one supplier payload gives (Duffel's carrier objects' `name`, Amadeus's
// `dictionaries.carriers`), one per carrier code. A supplier's name wins over the reference data,
// which marks some defunct airlines as active under a code that now belongs to another (HR is
// Hahn Air, not China United Airlines); the reference data stays the fallback for carriers the
// supplier does not name.
//
// Interned: the first name a payload gives a code is kept, and every later occurrence of the code
// gets the same view, so a name is held once per payload however many segments repeat it. A name
// that equals the reference data's ignoring ASCII case is kept as empty, so that answers keep the
// reference spelling (Amadeus writes names in upper case) and the common case stores nothing.
//
// Lifetimes: the views are the caller's (the payload bytes, or the request's arena for an escaped
// name) and must live as long as the offers that use them. One per payload; not thread-safe.
class CarrierNames {
 public:
  // The name to store on offers for `code`, given a name the payload gives it: the first name
  // given for the code wins. Empty for an invalid code, an empty name, or a name the reference
  // data already spells the same.
  std::string_view Intern(AirlineCode code, std::string_view name);

  // True once a name (possibly kept as empty) is interned for `code`: later ones need not be read.
  bool Has(AirlineCode code) const { return code.valid() && seen_.test(code.index()); }

  // The interned name of `code`; empty when none.
  std::string_view Find(AirlineCode code) const {
    return Has(code) ? names_[code.index()] : std::string_view();
  }

  // Writes the interned names into every segment of `offer` and into its validating carrier
  // (Amadeus names its carriers after the offers, in `dictionaries`). Does nothing when every
  // name was kept as empty: the offers' names are empty already.
  void NameCarriers(Offer& offer) const;

 private:
  bool any_name_ = false;  // some code has a non-empty name
  std::bitset<AirlineCode::kSpace> seen_;
  std::vector<std::string_view> names_;  // by code index; sized on the first Intern
};

}  // namespace fareflow::suppliers

#endif  // FAREFLOW_SUPPLIERS_CARRIER_NAMES_H_
