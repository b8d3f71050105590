#include "server/page/static_assets.h"

namespace fareflow::server {

const StaticAsset* FindAsset(std::span<const StaticAsset> assets, std::string_view path) {
  // A handful of files: a scan is as fast as anything cleverer.
  for (const StaticAsset& asset : assets) {
    if (asset.path == path) return &asset;
  }
  return nullptr;
}

}  // namespace fareflow::server
