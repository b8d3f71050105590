#include "app/cursor_key.h"

#include "core/mac.h"
#include "pipeline/page.h"

namespace fareflow {

Result<void> InstallCursorKey(
    const StoreConfig& store,
    const std::function<std::optional<std::string>(const std::string& name)>& env) {
  const std::optional<std::string> text = env(store.cursor_key_env);
  if (!text || text->empty()) return {};
  Result<MacKey> key = MacKey::Parse(*text);
  if (!key) {
    return MakeError(ErrorCode::kInvalidArgument, key.error().message, store.cursor_key_env);
  }
  SetCursorKey(*key);
  return {};
}

}  // namespace fareflow
