#ifndef FAREFLOW_SERVER_PAGE_STATIC_ASSETS_H_
#define FAREFLOW_SERVER_PAGE_STATIC_ASSETS_H_

#include <span>
#include <string_view>

namespace fareflow::server {

// One file of the search page (web/), compiled into the binary: cmake/EmbedWebAssets.cmake turns
// every file under web/ into a byte array of a generated source at build time, so the service
// serves its page with nothing to install or read from disk. Every view points into static
// storage and is valid for the life of the process.
struct StaticAsset {
  std::string_view path;          // relative to web/: "index.html", "assets/app.js"
  std::string_view content_type;  // by the file's extension: "text/javascript; charset=utf-8"
  // Strong and quoted: the first 128 bits of the bytes' SHA-256 in hex, computed at build time.
  std::string_view etag;
  std::string_view body;  // the file's bytes
};

// Every file under web/, sorted by path. Defined in the generated source.
std::span<const StaticAsset> EmbeddedAssets();

// The file of `assets` whose path is exactly `path` (no decoding, no normalising: "a/../b" is no
// file's path), or nullptr.
const StaticAsset* FindAsset(std::span<const StaticAsset> assets, std::string_view path);

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_PAGE_STATIC_ASSETS_H_
