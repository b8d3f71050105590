// GCC 12 warns falsely of maybe-uninitialized memory inside std::function when <regex> is built
// at -O1 with the sanitizers (make test-asan); the whole unit is exempt, for the warning points
// into a header included before any line of it.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

// The search page over real HTTP, against the API as `fareflow serve` wires it: every file of web/
// served with its type and bytes, revalidation by ETag, the page's security policy, HEAD, and
// paths that are no file's (unknown names, traversal in every spelling) answered 404.

#include "server/page/page_handler.h"

#include <fstream>
#include <iterator>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <openssl/sha.h>

#include "server/access/api_key.h"
#include "support/api_test_server.h"
#include "support/http_test_client.h"

namespace fareflow::server {
namespace {

using testing_support::Fetch;
using testing_support::TestResponse;

std::string ReadSourceFile(const std::string& path) {
  std::ifstream in(std::string(FAREFLOW_SOURCE_DIR) + "/web/" + path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The URL a file of web/ is served at.
std::string UrlOf(std::string_view path) {
  return path == "index.html" ? "/" : "/" + std::string(path);
}

std::string ExpectedType(std::string_view path) {
  if (path.ends_with(".html")) return "text/html; charset=utf-8";
  if (path.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (path.ends_with(".css")) return "text/css; charset=utf-8";
  if (path.ends_with(".svg")) return "image/svg+xml";
  return "?";
}

// "\"<first 32 hex digits of the SHA-256 of bytes>\"".
std::string ExpectedEtag(const std::string& bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  std::string hex;
  for (unsigned char b : digest) {
    static constexpr char kDigits[] = "0123456789abcdef";
    hex += kDigits[b >> 4];
    hex += kDigits[b & 15];
  }
  return "\"" + hex.substr(0, 32) + "\"";
}

TEST(PageHandlerTest, ThePageItsScriptAndItsStylesAreEmbedded) {
  for (const char* path : {"index.html", "assets/app.js", "assets/app.css"}) {
    EXPECT_NE(FindAsset(EmbeddedAssets(), path), nullptr) << path;
  }
}

TEST(PageHandlerTest, EveryFileOfWebIsServedWithItsTypeBytesAndEtag) {
  ApiTestServer server(20);
  ASSERT_GE(EmbeddedAssets().size(), 3u);
  for (const StaticAsset& asset : EmbeddedAssets()) {
    const std::string source = ReadSourceFile(std::string(asset.path));
    TestResponse r = Fetch(server.port(), "GET", UrlOf(asset.path));
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.status, 200) << asset.path;
    EXPECT_EQ(r.Header("Content-Type"), ExpectedType(asset.path)) << asset.path;
    // The build embedded the file as it is in web/ now (it regenerates on every change).
    EXPECT_EQ(r.body, source) << asset.path;
    EXPECT_EQ(r.Header("ETag"), ExpectedEtag(source)) << asset.path;
    EXPECT_EQ(r.Header("Cache-Control"), "no-cache") << asset.path;
    EXPECT_EQ(r.Header("X-Content-Type-Options"), "nosniff") << asset.path;
  }
}

TEST(PageHandlerTest, ThePageCarriesAStrictContentSecurityPolicy) {
  ApiTestServer server(20);
  TestResponse r = Fetch(server.port(), "GET", "/");
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("Content-Security-Policy"),
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            "img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'self'; "
            "frame-ancestors 'none'");
  EXPECT_EQ(r.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r.Header("Referrer-Policy"), "no-referrer");
  EXPECT_NE(r.body.find("<script type=\"module\" src=\"/assets/app.js\">"), std::string::npos);
}

// The policy forbids inline scripts, styles and event handlers: the page must hold none, or it
// would not work in a browser.
TEST(PageHandlerTest, ThePageHoldsNoInlineScriptOrStyle) {
  const StaticAsset* page = FindAsset(EmbeddedAssets(), "index.html");
  ASSERT_NE(page, nullptr);
  const std::string html(page->body);
  EXPECT_FALSE(std::regex_search(html, std::regex("<script(?![^>]*\\bsrc=)[^>]*>")))
      << "an inline script";
  EXPECT_EQ(html.find("<style"), std::string::npos);
  EXPECT_FALSE(std::regex_search(html, std::regex("\\sstyle=")));
  EXPECT_FALSE(std::regex_search(html, std::regex("\\son[a-z]+=")));
  EXPECT_EQ(html.find("javascript:"), std::string::npos);
}

// Every module a script imports and every file the page links is served.
TEST(PageHandlerTest, EveryFileThePageOrAScriptNamesIsEmbedded) {
  const std::regex import_from(R"re(\bfrom\s+'\./([A-Za-z0-9_.-]+)')re");
  const std::regex linked(R"re((?:src|href)="/(assets/[A-Za-z0-9_./-]+)")re");
  int named_count = 0;
  for (const StaticAsset& asset : EmbeddedAssets()) {
    const std::string text(asset.body);
    const bool script = asset.path.ends_with(".js");
    const std::regex& re = script ? import_from : linked;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator();
         ++it) {
      ++named_count;
      const std::string named = script ? "assets/" + (*it)[1].str() : (*it)[1].str();
      EXPECT_NE(FindAsset(EmbeddedAssets(), named), nullptr)
          << asset.path << " names " << named << ", which is not under web/";
    }
  }
  EXPECT_GE(named_count, 10) << "the scan no longer finds the imports and links";
}

TEST(PageHandlerTest, IfNoneMatchNamingTheEtagGets304WithoutABody) {
  ApiTestServer server(20);
  for (const char* url : {"/", "/assets/app.js"}) {
    TestResponse first = Fetch(server.port(), "GET", url);
    ASSERT_EQ(first.status, 200) << url;
    const std::string etag = first.Header("ETag");
    ASSERT_FALSE(etag.empty()) << url;
    for (const std::string& if_none_match :
         {etag, "\"other\", " + etag, "W/" + etag, std::string("*")}) {
      TestResponse again = Fetch(server.port(), "GET", url, "", {{"If-None-Match", if_none_match}});
      ASSERT_TRUE(again.ok()) << again.error;
      EXPECT_EQ(again.status, 304) << url << " with " << if_none_match;
      EXPECT_EQ(again.body, "") << url;
      EXPECT_EQ(again.Header("ETag"), etag) << url;
      EXPECT_EQ(again.Header("Cache-Control"), "no-cache") << url;
    }
    TestResponse changed = Fetch(server.port(), "GET", url, "", {{"If-None-Match", "\"old\""}});
    EXPECT_EQ(changed.status, 200) << url;
    EXPECT_EQ(changed.body, first.body) << url;
  }
}

TEST(PageHandlerTest, HeadAnswersTheHeadersOfGetWithoutTheBody) {
  ApiTestServer server(20);
  const StaticAsset* script = FindAsset(EmbeddedAssets(), "assets/app.js");
  ASSERT_NE(script, nullptr);
  TestResponse r = Fetch(server.port(), "HEAD", "/assets/app.js");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(r.Header("Content-Length"), std::to_string(script->body.size()));
  EXPECT_EQ(r.Header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(r.Header("ETag"), std::string(script->etag));
  TestResponse page = Fetch(server.port(), "HEAD", "/");
  EXPECT_EQ(page.status, 200);
  EXPECT_FALSE(page.Header("Content-Security-Policy").empty());
}

TEST(PageHandlerTest, GzipAnswersHoldTheSameBytes) {
  ApiTestServer server(20);
  TestResponse r = Fetch(server.port(), "GET", "/assets/app.js", "", {{"Accept-Encoding", "gzip"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("Content-Encoding"), "gzip");
  EXPECT_EQ(r.body, ReadSourceFile("assets/app.js"));
}

TEST(PageHandlerTest, PathsThatAreNoFileAre404) {
  ApiTestServer server(20);
  for (const char* url : {"/assets/nope.js",
                          "/assets/",
                          "/assets",
                          "/assets/app.js/",
                          "/assets/APP.JS",
                          "/assets/index.html",
                          "/index.html",
                          "/assets/../index.html",
                          "/assets/./app.js",
                          "/assets/%2e%2e/index.html",
                          "/assets/%2E%2E%2Findex.html",
                          "/assets/..%2findex.html",
                          "/assets/app%2ejs",
                          "/assets/..",
                          "//assets/app.js",
                          "/assets//app.js",
                          "/assets/%2fapp.js",
                          "/assets/..\\index.html",
                          "/assets/app.js%00.css",
                          "/web/index.html",
                          "/../web/index.html"}) {
    TestResponse r = Fetch(server.port(), "GET", url);
    ASSERT_TRUE(r.ok()) << url << ": " << r.error;
    EXPECT_EQ(r.status, 404) << url;
    EXPECT_EQ(ParseError(r.body).code, "not_found") << url << ": " << r.body;
  }
}

TEST(PageHandlerTest, OtherMethodsAre405) {
  ApiTestServer server(20);
  TestResponse r = Fetch(server.port(), "POST", "/", "{}");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.Header("Allow"), "GET, HEAD");
}

// With client keys configured the page still loads without one; the API it calls does not.
TEST(PageHandlerTest, ThePageTakesNoKeyWhenTheApiDoes) {
  MintedKey key = MintApiKey("alice", 10, 10);
  ApiTestServer server(ApiTestServerOptions{.builtin_offers = 20, .access = {.keys = {key.key}}});
  EXPECT_EQ(Fetch(server.port(), "GET", "/").status, 200);
  EXPECT_EQ(Fetch(server.port(), "GET", "/assets/app.css").status, 200);
  EXPECT_EQ(Fetch(server.port(), "GET", "/assets/nope.css").status, 404);
  EXPECT_EQ(Fetch(server.port(), "GET", "/v1/places?query=lon").status, 401);
}

TEST(IfNoneMatchNamesTest, ComparesEachListedTagWeakly) {
  EXPECT_TRUE(IfNoneMatchNames("\"a\"", "\"a\""));
  EXPECT_TRUE(IfNoneMatchNames(" \"b\" ,W/\"a\"", "\"a\""));
  EXPECT_TRUE(IfNoneMatchNames("*", "\"a\""));
  EXPECT_FALSE(IfNoneMatchNames("", "\"a\""));
  EXPECT_FALSE(IfNoneMatchNames("a", "\"a\""));
  EXPECT_FALSE(IfNoneMatchNames("\"ab\"", "\"a\""));
  EXPECT_FALSE(IfNoneMatchNames(",,", "\"a\""));
}

}  // namespace
}  // namespace fareflow::server
