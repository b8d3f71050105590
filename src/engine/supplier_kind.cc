#include "engine/supplier_kind.h"

namespace fareflow {

std::string_view SupplierKindName(SupplierKind kind) {
  switch (kind) {
    case SupplierKind::kAmadeus:
      return "amadeus";
    case SupplierKind::kDuffel:
      return "duffel";
    case SupplierKind::kBuiltin:
      return "builtin";
  }
  return "builtin";
}

std::optional<SupplierKind> ParseSupplierKind(std::string_view s) {
  for (SupplierKind k : {SupplierKind::kAmadeus, SupplierKind::kDuffel, SupplierKind::kBuiltin}) {
    if (s == SupplierKindName(k)) return k;
  }
  return std::nullopt;
}

}  // namespace fareflow
