#include "server/access/api_key.h"

#include <set>
#include <string>

#include <gtest/gtest.h>

#include "server/access/api_key_file.h"

namespace fareflow::server {
namespace {

TEST(ApiKeyTest, MintedSecretIsPrefixedUnguessableAndOnlyItsDigestIsKept) {
  const MintedKey minted = MintApiKey("web shop", 5, 9, KeyScope::kApi);
  ASSERT_EQ(minted.secret.rfind(kApiKeySecretPrefix, 0), 0u) << minted.secret;
  const std::string hex = minted.secret.substr(kApiKeySecretPrefix.size());
  EXPECT_EQ(hex.size(), 64u);  // 256 bits
  EXPECT_EQ(hex.find_first_not_of("0123456789abcdef"), std::string::npos) << hex;
  EXPECT_EQ(minted.key.secret_sha256, Sha256(minted.secret));
  EXPECT_EQ(minted.key.id.rfind("key_", 0), 0u);

  const std::string record = ApiKeyRecordJson(minted.key);
  EXPECT_EQ(record.find(hex), std::string::npos) << "the record must not hold the secret";
  Result<std::vector<ApiKey>> read = ParseApiKeys("{\"keys\":[" + record + "]}");
  ASSERT_TRUE(read.has_value()) << read.error().field << ": " << read.error().message;
  ASSERT_EQ(read->size(), 1u);
  EXPECT_EQ((*read)[0].id, minted.key.id);
  EXPECT_EQ((*read)[0].name, "web shop");
  EXPECT_EQ((*read)[0].secret_sha256, minted.key.secret_sha256);
  EXPECT_DOUBLE_EQ((*read)[0].rate_per_second, 5);
  EXPECT_EQ((*read)[0].burst, 9);
}

TEST(ApiKeyTest, EveryMintIsNew) {
  std::set<std::string> secrets, ids;
  for (int i = 0; i < 100; ++i) {
    const MintedKey minted = MintApiKey("k");
    secrets.insert(minted.secret);
    ids.insert(minted.key.id);
  }
  EXPECT_EQ(secrets.size(), 100u);
  EXPECT_EQ(ids.size(), 100u);
}

}  // namespace
}  // namespace fareflow::server
