#include "store/redis_url.h"

#include <gtest/gtest.h>

namespace fareflow {
namespace {

TEST(RedisUrlTest, HostAloneTakesTheDefaults) {
  auto e = ParseRedisUrl("redis://cache.internal");
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_EQ(e->host, "cache.internal");
  EXPECT_EQ(e->port, 6379);
  EXPECT_EQ(e->db, 0);
  EXPECT_EQ(e->password, "");
}

TEST(RedisUrlTest, EveryPartIsRead) {
  auto e = ParseRedisUrl("redis://fareflow:s3cr:et@10.0.0.7:6380/3");
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_EQ(e->user, "fareflow");
  EXPECT_EQ(e->password, "s3cr:et");
  EXPECT_EQ(e->host, "10.0.0.7");
  EXPECT_EQ(e->port, 6380);
  EXPECT_EQ(e->db, 3);
  auto p = ParseRedisUrl("redis://:only-password@h/");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->user, "");
  EXPECT_EQ(p->password, "only-password");
  EXPECT_EQ(p->db, 0);
}

TEST(RedisUrlTest, BadUrlsSayWhatIsWrong) {
  for (const char* url :
       {"http://h:6379", "rediss://h:6379", "redis://", "redis://:6379", "redis://h:0",
        "redis://h:70000", "redis://h:x", "redis://h/16", "redis://h/db"}) {
    auto e = ParseRedisUrl(url);
    ASSERT_FALSE(e) << url;
    EXPECT_EQ(e.error().code, ErrorCode::kInvalidArgument) << url;
    EXPECT_NE(e.error().message.find("redis"), std::string::npos) << url;
  }
}

}  // namespace
}  // namespace fareflow
