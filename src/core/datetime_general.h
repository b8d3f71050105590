#ifndef FAREFLOW_CORE_DATETIME_GENERAL_H_
#define FAREFLOW_CORE_DATETIME_GENERAL_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/datetime.h"

namespace fareflow {

// The general parsers behind ParseLocalDateTime and ParseIsoDuration (core/datetime.h), which
// read the forms suppliers send most without them and hand everything else on. Declared apart so
// that tests can hold the fast forms to exactly the general parsers' answers; everyone else calls
// the functions of core/datetime.h.
std::optional<Minutes> ParseLocalDateTimeGeneral(std::string_view s);
std::optional<int32_t> ParseIsoDurationGeneral(std::string_view s);

}  // namespace fareflow

#endif  // FAREFLOW_CORE_DATETIME_GENERAL_H_
