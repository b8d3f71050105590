#ifndef FAREFLOW_ENGINE_SUPPLIER_KIND_H_
#define FAREFLOW_ENGINE_SUPPLIER_KIND_H_

#include <optional>
#include <string_view>

namespace fareflow {

// The wire formats fareflow reads.
enum class SupplierKind { kAmadeus, kDuffel, kBuiltin };

// "amadeus", "duffel", "builtin".
std::string_view SupplierKindName(SupplierKind kind);
std::optional<SupplierKind> ParseSupplierKind(std::string_view s);

}  // namespace fareflow

#endif  // FAREFLOW_ENGINE_SUPPLIER_KIND_H_
