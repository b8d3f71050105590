#ifndef FAREFLOW_APP_CURSOR_KEY_H_
#define FAREFLOW_APP_CURSOR_KEY_H_

#include <functional>
#include <optional>
#include <string>

#include "config/service_config.h"
#include "core/result.h"

namespace fareflow {

// Installs the key page cursors are signed with (pipeline/page.h SetCursorKey) from the
// environment variable store.cursor_key_env names, when `env` (a variable's value, nullopt when
// unset) has it set and non-empty; otherwise each process keeps its own random key. Call at
// start, before any search runs.
//
// A value that is not a key (core/mac.h MacKey::Parse: hex or base64 of 32 to 64 bytes) is a
// kInvalidArgument whose field is the variable's name: the service must not start with a key
// weaker than the operator believes.
Result<void> InstallCursorKey(
    const StoreConfig& store,
    const std::function<std::optional<std::string>(const std::string& name)>& env);

}  // namespace fareflow

#endif  // FAREFLOW_APP_CURSOR_KEY_H_
