// docs/openapi.yaml against the routes the server has: every route added in any folder of
// src/server/ is documented, and every documented operation is answered by the router
// `fareflow serve` builds.

#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "support/api_test_server.h"
#include "support/http_test_client.h"

namespace fareflow::server {
namespace {

// Path (parameters as "{}") -> its methods, upper case, sorted.
using Operations = std::map<std::string, std::set<std::string>>;

// "/v1/searches/{search_id}/offers" -> "/v1/searches/{}/offers": the spec and the router may name
// a parameter differently.
std::string Normalize(std::string_view path) {
  std::string out;
  while (!path.empty()) {
    const std::size_t open = path.find('{');
    const std::size_t close = open == std::string_view::npos ? open : path.find('}', open);
    if (close == std::string_view::npos) break;
    out.append(path.substr(0, open)).append("{}");
    path.remove_prefix(close + 1);
  }
  return out.append(path);
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The key of a YAML line indented by exactly `indent` spaces and ending in ':' ("  /v1/x:" ->
// "/v1/x" at indent 2), or empty.
std::string_view KeyAt(std::string_view line, std::size_t indent) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
  if (line.size() <= indent + 1 || line.back() != ':') return {};
  if (line.find_first_not_of(' ') != indent) return {};
  return line.substr(indent, line.size() - indent - 1);
}

// The operations under `paths:`: a path is a key indented by two spaces, a method a key indented
// by four below it.
Operations OpenApiOperations(const std::string& yaml) {
  static const std::set<std::string_view> kMethods = {"get",     "put",  "post",  "delete",
                                                      "options", "head", "patch", "trace"};
  Operations out;
  std::istringstream lines(yaml);
  std::string line, path;
  bool in_paths = false;
  while (std::getline(lines, line)) {
    if (!line.empty() && line[0] != ' ' && line[0] != '#') {
      in_paths = line.starts_with("paths:");
      continue;
    }
    if (!in_paths) continue;
    if (const std::string_view key = KeyAt(line, 2); key.starts_with("/")) {
      path = Normalize(key);
      out[path];
    } else if (const std::string_view method = KeyAt(line, 4);
               !path.empty() && kMethods.contains(method)) {
      std::string upper(method);
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      out[path].insert(upper);
    }
  }
  return out;
}

// The quoted string at `pos` after any whitespace, moving `pos` past it; empty when there is none.
std::string QuotedAt(const std::string& text, std::size_t& pos) {
  pos = text.find_first_not_of(" \t\r\n", pos);
  if (pos == std::string::npos || text[pos] != '"') return {};
  const std::size_t end = text.find('"', pos + 1);
  if (end == std::string::npos) return {};
  std::string out = text.substr(pos + 1, end - pos - 1);
  pos = end + 1;
  return out;
}

// The routes added with literal method and path (`router.Add("GET", "/v1/health", ...`) in the
// sources of src/server/ and every folder below it (routes/, facade/, api/, ...).
Operations RoutesInSources() {
  Operations out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(
           std::filesystem::path(FAREFLOW_SOURCE_DIR) / "src" / "server")) {
    if (!entry.is_regular_file() || entry.path().extension() != ".cc") continue;
    const std::string text = ReadFile(entry.path());
    for (std::size_t at = text.find(".Add("); at != std::string::npos;
         at = text.find(".Add(", at + 1)) {
      std::size_t pos = at + 5;
      const std::string method = QuotedAt(text, pos);
      pos = text.find_first_not_of(" \t\r\n", pos);
      if (method.empty() || pos == std::string::npos || text[pos] != ',') continue;
      const std::string path = QuotedAt(text, ++pos);
      if (path.starts_with("/")) out[Normalize(path)].insert(method);
    }
  }
  return out;
}

Operations Spec() {
  return OpenApiOperations(
      ReadFile(std::filesystem::path(FAREFLOW_SOURCE_DIR) / "docs" / "openapi.yaml"));
}

std::string Join(const std::set<std::string>& methods) {
  std::string out;
  for (const std::string& m : methods) out += (out.empty() ? "" : ", ") + m;
  return out;
}

TEST(OpenApiTest, TheLineScanFindsPathsAndMethods) {
  const Operations ops = OpenApiOperations(
      "openapi: 3.0.3\npaths:\n  /a/{x}:\n    get:\n      summary: s\n    post:\n"
      "  /b:\n    delete:\ncomponents:\n  schemas:\n    get:\n");
  ASSERT_EQ(ops.size(), 2u);
  EXPECT_EQ(Join(ops.at("/a/{}")), "GET, POST");
  EXPECT_EQ(Join(ops.at("/b")), "DELETE");
}

TEST(OpenApiTest, EveryRouteInTheSourcesIsDocumented) {
  const Operations spec = Spec();
  const Operations routes = RoutesInSources();
  std::size_t operations = 0;
  for (const auto& [path, methods] : routes) operations += methods.size();
  ASSERT_GE(operations, 9u) << "the scan no longer finds the routes";
  for (const auto& [path, methods] : routes) {
    ASSERT_TRUE(spec.contains(path)) << path << " is routed but not in docs/openapi.yaml";
    for (const std::string& method : methods) {
      EXPECT_TRUE(spec.at(path).contains(method))
          << method << " " << path << " is routed but not in docs/openapi.yaml";
    }
  }
}

// A method no documented path has: the router answers it 405 on a routed path, listing the
// path's methods in Allow (and HEAD, which every GET path answers), and 404 on any other, without
// running a handler.
TEST(OpenApiTest, EveryDocumentedOperationIsRouted) {
  ApiTestServer server;  // the router `fareflow serve` builds: MakeApiRouter with metrics
  const Operations spec = Spec();
  ASSERT_GE(spec.size(), 8u);
  for (const auto& [path, methods] : spec) {
    ASSERT_FALSE(methods.contains("TRACE"));
    std::string concrete = path;
    for (std::size_t p = concrete.find("{}"); p != std::string::npos; p = concrete.find("{}")) {
      concrete.replace(p, 2, "x1");
    }
    testing_support::TestResponse r = testing_support::Fetch(server.port(), "TRACE", concrete);
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.status, 405) << path << " is in docs/openapi.yaml but not routed";
    std::set<std::string> allowed = methods;
    if (allowed.contains("GET")) allowed.insert("HEAD");
    EXPECT_EQ(r.Header("Allow"), Join(allowed)) << path;
  }
}

}  // namespace
}  // namespace fareflow::server
