#include "server/page/page_handler.h"

#include <memory>
#include <utility>

#include "core/echo.h"
#include "server/routes/api_error.h"

namespace fareflow::server {
namespace {

constexpr std::string_view kIndexPath = "index.html";
constexpr std::string_view kAssetsPrefix = "assets/";

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

net::WireResponse NoSuchFile(std::string_view path) {
  return ApiError(404, "not_found", "no such file: " + EchoPrefix(path));
}

}  // namespace

bool IfNoneMatchNames(std::string_view if_none_match, std::string_view etag) {
  if (TrimSpaces(if_none_match) == "*") return true;
  while (!if_none_match.empty()) {
    const std::size_t comma = if_none_match.find(',');
    std::string_view tag = TrimSpaces(if_none_match.substr(0, comma));
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == etag) return true;
    if (comma == std::string_view::npos) break;
    if_none_match.remove_prefix(comma + 1);
  }
  return false;
}

net::WireResponse AnswerAsset(const StaticAsset& asset, const net::WireRequest& request,
                              bool is_page) {
  net::WireResponse response;
  response.headers = {{"ETag", std::string(asset.etag)},
                      {"Cache-Control", "no-cache"},
                      {"X-Content-Type-Options", "nosniff"},
                      {"Referrer-Policy", "no-referrer"}};
  if (is_page) {
    response.headers.emplace_back("Content-Security-Policy",
                                  std::string(kPageContentSecurityPolicy));
  }
  if (IfNoneMatchNames(request.Header("If-None-Match"), asset.etag)) {
    response.status = 304;  // the server sends no body and no Content-Type with it
    return response;
  }
  response.content_type = std::string(asset.content_type);
  response.body = std::string(asset.body);
  return response;
}

std::vector<std::string> AddPageRoutes(Router& router, std::span<const StaticAsset> assets) {
  router.Add("GET", "/", [assets](std::shared_ptr<net::Exchange> exchange) {
    const StaticAsset* page = FindAsset(assets, kIndexPath);
    exchange->Respond(page != nullptr ? AnswerAsset(*page, exchange->request(), true)
                                      : NoSuchFile(exchange->request().path));
  });
  router.Add("GET", "/assets/{name}",
             [assets](std::shared_ptr<net::Exchange> exchange, const RouteMatch& match) {
               const std::string* name = match.Param("name");
               const StaticAsset* asset =
                   name != nullptr ? FindAsset(assets, std::string(kAssetsPrefix) + *name)
                                   : nullptr;
               exchange->Respond(asset != nullptr ? AnswerAsset(*asset, exchange->request(), false)
                                                  : NoSuchFile(exchange->request().path));
             });
  return {"/", "/assets/{name}"};
}

}  // namespace fareflow::server
