#ifndef FAREFLOW_SERVER_PAGE_PAGE_HANDLER_H_
#define FAREFLOW_SERVER_PAGE_PAGE_HANDLER_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "net/wire_exchange.h"
#include "server/page/static_assets.h"
#include "server/routes/router.h"

namespace fareflow::server {

// The policy of the search page: its script, styles and API calls come from its own origin only,
// nothing inline, no plugin, no framing, forms post nowhere else. index.html therefore holds no
// inline script or style (tests/server/page checks it).
inline constexpr std::string_view kPageContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

// Adds the search page's routes to `router`: GET (and so HEAD) of "/" answers web/index.html and
// "/assets/{name}" web/assets/<name>, from `assets` (the files compiled into the binary unless a
// test gives others). Returns the route patterns added, which take no API key: the page is
// public, and its calls to the API follow the API's rules (with client keys configured they get
// 401, which the page shows as an error naming the key).
//
// - Only a file of `assets` is answered, its path compared with the request's as sent: nothing is
//   decoded or normalised, so "/assets/%2e%2e/x", "/assets/../x" and "//assets/x" are 404s.
// - Every answer carries the file's strong ETag; a request whose If-None-Match names it gets 304.
// - Cache-Control is no-cache for every file: browsers keep them but revalidate each use (a 304),
//   so a page from a newer binary never runs with a script kept from an older one (file names
//   carry no version).
// - The page carries kPageContentSecurityPolicy; every file X-Content-Type-Options: nosniff and
//   Referrer-Policy: no-referrer.
// `assets` must outlive the router.
std::vector<std::string> AddPageRoutes(Router& router,
                                       std::span<const StaticAsset> assets = EmbeddedAssets());

// The answer to a GET of `asset` made by `request`: 200 with its bytes, or 304 without them when
// If-None-Match names its ETag. `is_page` adds the page's Content-Security-Policy.
net::WireResponse AnswerAsset(const StaticAsset& asset, const net::WireRequest& request,
                              bool is_page);

// Whether the If-None-Match field value `if_none_match` names `etag` (quoted): "*", or a list
// holding it, compared weakly as RFC 9110 §13.1.2 asks (a W/ prefix is ignored).
bool IfNoneMatchNames(std::string_view if_none_match, std::string_view etag);

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_PAGE_PAGE_HANDLER_H_
