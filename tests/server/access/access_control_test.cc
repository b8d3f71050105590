#include "server/access/access_control.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace fareflow::server {
namespace {

net::WireRequest Request(std::vector<std::pair<std::string_view, std::string_view>> headers,
                         std::string_view path = "/v1/places") {
  net::WireRequest request;
  request.method = "GET";
  request.path = path;
  request.headers = std::move(headers);
  return request;
}

TEST(AccessControlTest, FindsTheKeyWhoseSecretIsPresented) {
  std::vector<MintedKey> minted;
  AccessOptions options;
  for (int i = 0; i < 50; ++i) {
    minted.push_back(MintApiKey("k" + std::to_string(i)));
    options.keys.push_back(minted.back().key);
  }
  const AccessControl access(options);
  for (std::size_t i : {0u, 1u, 17u, 49u}) EXPECT_EQ(access.FindKey(minted[i].secret), i);
  EXPECT_FALSE(access.FindKey(MintApiKey("other").secret).has_value());
  EXPECT_FALSE(access.FindKey("").has_value());
  EXPECT_FALSE(access.FindKey(std::string(100'000, 'x')).has_value());
  // The digest is not a secret that opens anything.
  EXPECT_FALSE(access.FindKey(DigestHex(minted[0].key.secret_sha256)).has_value());
}

TEST(AccessControlTest, PresentedKeyPrefersXApiKey) {
  EXPECT_EQ(PresentedKey(Request({{"Authorization", "Bearer abc"}})), "abc");
  EXPECT_EQ(PresentedKey(Request({{"authorization", "bearer  abc "}})), "abc");
  EXPECT_EQ(PresentedKey(Request({{"X-Api-Key", "xyz"}})), "xyz");
  EXPECT_EQ(PresentedKey(Request({{"Authorization", "Bearer facade"}, {"x-api-key", "xyz"}})),
            "xyz");
  EXPECT_EQ(PresentedKey(Request({{"Authorization", "Basic abc"}})), "");
  EXPECT_EQ(PresentedKey(Request({{"Authorization", "Bearer"}})), "");
  EXPECT_EQ(PresentedKey(Request({})), "");
}

TEST(AccessControlTest, AdmittedRequestsAreMadeForTheirKey) {
  const MintedKey alice = MintApiKey("alice");
  AccessControl access({.keys = {alice.key}});
  EXPECT_FALSE(access.open());
  const std::string bearer = "Bearer " + alice.secret;
  Admission admitted = access.Admit(Request({{"Authorization", bearer}}), "/v1/places");
  EXPECT_FALSE(admitted.answer.has_value());
  EXPECT_EQ(admitted.client, alice.key.id);
  Admission health = access.Admit(Request({}, "/v1/health"), "/v1/health");
  EXPECT_FALSE(health.answer.has_value());
  EXPECT_EQ(health.client, "");
  Admission refused = access.Admit(Request({}), "/v1/places");
  ASSERT_TRUE(refused.answer.has_value());
  EXPECT_EQ(refused.answer->status, 401);
}

TEST(AccessControlTest, WithoutKeysEveryoneIsAdmittedForNobody) {
  AccessControl access({});
  EXPECT_TRUE(access.open());
  Admission admission = access.Admit(Request({}), "/v1/places");
  EXPECT_FALSE(admission.answer.has_value());
  EXPECT_EQ(admission.client, "");
  EXPECT_TRUE(admission.headers.empty());
}

}  // namespace
}  // namespace fareflow::server
