#include "model/cabin.h"

#include "model/name_tables.h"

namespace fareflow {

std::string_view CabinName(Cabin c) {
  const std::string_view name = kCabinNames.NameOf(c);
  return name.empty() ? "unknown" : name;
}

std::optional<Cabin> ParseCabin(std::string_view s) { return kCabinNames.FindIgnoringCase(s); }

}  // namespace fareflow
