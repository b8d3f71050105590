#ifndef FAREFLOW_SUPPLIERS_JSON_FIELDS_H_
#define FAREFLOW_SUPPLIERS_JSON_FIELDS_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include <simdjson.h>

#include "core/arena.h"

namespace fareflow::suppliers {

// Small helpers shared by the supplier parsers for reading On-Demand values without copies.

// Reads a JSON string. When it holds no escape sequence (codes, ids, amounts, dates: nearly every
// string a supplier sends) the result is a view into the payload bytes themselves, so it lives as
// long as the payload buffer. Otherwise the unescaped text is copied into `arena` and lives as
// long as the arena. Either way the view must not outlive the request. A JSON null yields an
// empty view and SUCCESS; any other type yields INCORRECT_TYPE.
simdjson::error_code ReadString(simdjson::ondemand::value value, Arena& arena,
                                std::string_view& out) noexcept;

// Like ReadString, for values that are never escaped in practice (codes, dates, amounts): an
// escaped one is still read correctly, through `arena`.
inline simdjson::error_code ReadCode(simdjson::ondemand::value value, Arena& arena,
                                     std::string_view& out) noexcept {
  return ReadString(value, arena, out);
}

// Reads an integer that suppliers send either as a JSON number or as a numeric string ("424").
// A JSON null yields nullopt and SUCCESS.
simdjson::error_code ReadLooseInt(simdjson::ondemand::value value,
                                  std::optional<int64_t>& out) noexcept;

}  // namespace fareflow::suppliers

#endif  // FAREFLOW_SUPPLIERS_JSON_FIELDS_H_
