#include "server/page/static_assets.h"

#include <set>
#include <string_view>

#include <gtest/gtest.h>

#include "net/gzip.h"

namespace fareflow::server {
namespace {

TEST(FindAssetTest, FindsOnlyExactPaths) {
  const StaticAsset assets[] = {{"index.html", "text/html", "\"1\"", "<p>"},
                                {"assets/a.js", "text/javascript", "\"2\"", "x"}};
  ASSERT_NE(FindAsset(assets, "assets/a.js"), nullptr);
  EXPECT_EQ(FindAsset(assets, "assets/a.js")->etag, "\"2\"");
  EXPECT_EQ(FindAsset(assets, "assets/../index.html"), nullptr);
  EXPECT_EQ(FindAsset(assets, "/index.html"), nullptr);
  EXPECT_EQ(FindAsset(assets, ""), nullptr);
}

TEST(EmbeddedAssetsTest, PathsAreUniqueSortedAndRelative) {
  std::set<std::string_view> seen;
  std::string_view previous;
  for (const StaticAsset& asset : EmbeddedAssets()) {
    EXPECT_TRUE(seen.insert(asset.path).second) << asset.path;
    EXPECT_LT(previous, asset.path);
    EXPECT_FALSE(asset.path.starts_with("/")) << asset.path;
    EXPECT_EQ(asset.etag.size(), 34u) << asset.path;
    EXPECT_FALSE(asset.content_type.empty()) << asset.path;
    previous = asset.path;
  }
}

// The page's budget: its scripts and styles, each gzipped as the server sends it, under 100 KB.
TEST(EmbeddedAssetsTest, ScriptsAndStylesTogetherStayUnder100KBGzipped) {
  std::size_t total = 0;
  int files = 0;
  for (const StaticAsset& asset : EmbeddedAssets()) {
    if (!asset.path.ends_with(".js") && !asset.path.ends_with(".css")) continue;
    Result<std::string> gz = net::GzipCompress(asset.body);
    ASSERT_TRUE(gz.has_value()) << asset.path;
    total += gz->size();
    ++files;
  }
  EXPECT_GE(files, 2);
  EXPECT_LT(total, 100u * 1024u) << total << " bytes gzipped";
}

}  // namespace
}  // namespace fareflow::server
