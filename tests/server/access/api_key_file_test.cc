#include "server/access/api_key_file.h"

#include <cstdio>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace fareflow::server {
namespace {

constexpr const char* kDigest = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

std::string File(const std::string& keys) { return R"({"keys":[)" + keys + "]}"; }

std::string Record(const std::string& id, const std::string& digest,
                   const std::string& extra = "") {
  return R"({"id":")" + id + R"(","name":"web shop","secret_sha256":")" + digest + "\"" + extra +
         "}";
}

TEST(ApiKeyFileTest, ReadsEveryFieldAndDefaults) {
  Result<std::vector<ApiKey>> keys = ParseApiKeys(
      File(Record("key_a", kDigest, R"(,"rate_per_second":2.5,"burst":7,"scope":"metrics")") + "," +
           Record("key_b", std::string(64, 'A'))));
  ASSERT_TRUE(keys.has_value()) << keys.error().field << ": " << keys.error().message;
  ASSERT_EQ(keys->size(), 2u);
  const ApiKey& a = (*keys)[0];
  EXPECT_EQ(a.id, "key_a");
  EXPECT_EQ(a.name, "web shop");
  EXPECT_EQ(DigestHex(a.secret_sha256), kDigest);
  EXPECT_DOUBLE_EQ(a.rate_per_second, 2.5);
  EXPECT_EQ(a.burst, 7);
  EXPECT_EQ(a.scope, KeyScope::kMetrics);
  const ApiKey& b = (*keys)[1];
  EXPECT_EQ(DigestHex(b.secret_sha256), std::string(64, 'a'));
  EXPECT_DOUBLE_EQ(b.rate_per_second, kDefaultKeyRatePerSecond);
  EXPECT_EQ(b.burst, kDefaultKeyBurst);
  EXPECT_EQ(b.scope, KeyScope::kApi);
  // sha256("test") is kDigest: the digest is of the secret's bytes.
  EXPECT_EQ(DigestHex(Sha256("test")), kDigest);
}

struct BadFile {
  std::string name;
  std::string json;
  std::string field;  // the JSON pointer the error must name
};

class ApiKeyFileErrorTest : public testing::TestWithParam<BadFile> {};

TEST_P(ApiKeyFileErrorTest, NamesTheField) {
  Result<std::vector<ApiKey>> keys = ParseApiKeys(GetParam().json);
  ASSERT_FALSE(keys.has_value());
  EXPECT_EQ(keys.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(keys.error().field, GetParam().field) << keys.error().message;
  EXPECT_FALSE(keys.error().message.empty());
}

const std::string kOther = std::string(64, 'b');

INSTANTIATE_TEST_SUITE_P(
    Refused, ApiKeyFileErrorTest,
    testing::Values(
        BadFile{"NotJson", "{", ""}, BadFile{"NoKeys", "{}", "/keys"},
        BadFile{"EmptyList", R"({"keys":[]})", "/keys"},
        BadFile{"UnknownTopLevel", R"({"keys":[],"extra":1})", "/extra"},
        BadFile{"MissingDigest", File(R"({"id":"k","name":"n"})"), "/keys/0/secret_sha256"},
        BadFile{"MissingId", File(R"({"name":"n","secret_sha256":")" + kOther + "\"}"),
                "/keys/0/id"},
        BadFile{"MissingName", File(R"({"id":"k","secret_sha256":")" + kOther + "\"}"),
                "/keys/0/name"},
        BadFile{"ShortDigest", File(Record("k", "abc")), "/keys/0/secret_sha256"},
        BadFile{"NotHexDigest", File(Record("k", std::string(64, 'g'))), "/keys/0/secret_sha256"},
        BadFile{"SecretInsteadOfDigest", File(Record("k", "ff_live_0123")),
                "/keys/0/secret_sha256"},
        BadFile{"BadId", File(Record("k y", kOther)), "/keys/0/id"},
        BadFile{"UnknownMember", File(Record("k", kOther, R"(,"secret":"x")")), "/keys/0/secret"},
        BadFile{"RepeatedMember", File(Record("k", kOther, R"(,"id":"k2")")), "/keys/0/id"},
        BadFile{"ZeroRate", File(Record("k", kOther, R"(,"rate_per_second":0)")),
                "/keys/0/rate_per_second"},
        BadFile{"StringRate", File(Record("k", kOther, R"(,"rate_per_second":"5")")),
                "/keys/0/rate_per_second"},
        BadFile{"ZeroBurst", File(Record("k", kOther, R"(,"burst":0)")), "/keys/0/burst"},
        BadFile{"BadScope", File(Record("k", kOther, R"(,"scope":"admin")")), "/keys/0/scope"},
        BadFile{"RepeatedId", File(Record("k", kOther) + "," + Record("k", kDigest)), "/keys/1/id"},
        BadFile{"RepeatedDigest", File(Record("k", kOther) + "," + Record("k2", kOther)),
                "/keys/1/secret_sha256"}),
    [](const testing::TestParamInfo<BadFile>& info) { return info.param.name; });

TEST(ApiKeyFileTest, LoadNamesTheFileAndTheField) {
  const std::string path = testing::TempDir() + "/fareflow_keys_test.json";
  {
    std::ofstream out(path);
    out << File(Record("k", "abc"));
  }
  Result<std::vector<ApiKey>> keys = LoadApiKeys(path);
  std::remove(path.c_str());
  ASSERT_FALSE(keys.has_value());
  EXPECT_NE(keys.error().message.find(path), std::string::npos) << keys.error().message;
  EXPECT_EQ(keys.error().field, "/keys/0/secret_sha256");
  EXPECT_EQ(LoadApiKeys(path + ".missing").error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace fareflow::server
