#ifndef FAREFLOW_ENGINE_SUPPLIER_KIND_H_
#define FAREFLOW_ENGINE_SUPPLIER_KIND_H_

#include <optional>
#include <string_view>

namespace fareflow {

// The wire formats fareflow reads. Search snapshots store the number of a kind, so a new kind is
// appended; its name and parser are a row of the table in engine/supplier_formats.cc, which
// every function below reads.
enum class SupplierKind { kAmadeus, kDuffel, kBuiltin };

// "amadeus", "duffel", "builtin".
std::string_view SupplierKindName(SupplierKind kind);
std::optional<SupplierKind> ParseSupplierKind(std::string_view s);

// The kind numbered `number` (its enum value, as snapshots store it); nullopt for a number no
// kind has.
std::optional<SupplierKind> SupplierKindFromNumber(int number);

}  // namespace fareflow

#endif  // FAREFLOW_ENGINE_SUPPLIER_KIND_H_
