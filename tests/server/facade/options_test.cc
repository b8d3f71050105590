#include "server/facade/options.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>

namespace fareflow::server {
namespace {

class FacadeOptionsFromEnvironmentTest : public ::testing::Test {
 protected:
  Result<FacadeOptions> Read() {
    return FacadeOptionsFromEnvironment(
        [this](const std::string& name) -> std::optional<std::string> {
          auto it = variables_.find(name);
          if (it == variables_.end()) return std::nullopt;
          return it->second;
        });
  }
  std::map<std::string, std::string> variables_;
};

TEST_F(FacadeOptionsFromEnvironmentTest, NeitherVariableAdmitsAnyPair) {
  Result<FacadeOptions> options = Read();
  ASSERT_TRUE(options.has_value()) << options.error().message;
  EXPECT_TRUE(options->clients.empty());
  variables_["FAREFLOW_FACADE_CLIENT_ID"] = "";
  variables_["FAREFLOW_FACADE_CLIENT_SECRET"] = "";
  options = Read();
  ASSERT_TRUE(options.has_value()) << "empty is unset";
  EXPECT_TRUE(options->clients.empty());
}

TEST_F(FacadeOptionsFromEnvironmentTest, BothVariablesNameTheOneClient) {
  variables_["FAREFLOW_FACADE_CLIENT_ID"] = "app";
  variables_["FAREFLOW_FACADE_CLIENT_SECRET"] = "s3cret";
  const Result<FacadeOptions> options = Read();
  ASSERT_TRUE(options.has_value()) << options.error().message;
  ASSERT_EQ(options->clients.size(), 1u);
  EXPECT_EQ(options->clients[0].first, "app");
  EXPECT_EQ(options->clients[0].second, "s3cret");
  EXPECT_EQ(options->token_ttl_seconds, 1799);
}

// Half a pair used to admit any id and secret; it is refused, naming the variable missing.
TEST_F(FacadeOptionsFromEnvironmentTest, HalfAPairIsRefusedNamingTheMissingVariable) {
  struct Case {
    std::optional<std::string> id, secret;
    std::string missing;
  };
  for (const Case& c : {Case{"app", std::nullopt, "FAREFLOW_FACADE_CLIENT_SECRET"},
                        Case{"app", "", "FAREFLOW_FACADE_CLIENT_SECRET"},
                        Case{std::nullopt, "s3cret", "FAREFLOW_FACADE_CLIENT_ID"},
                        Case{"", "s3cret", "FAREFLOW_FACADE_CLIENT_ID"}}) {
    variables_.clear();
    if (c.id) variables_["FAREFLOW_FACADE_CLIENT_ID"] = *c.id;
    if (c.secret) variables_["FAREFLOW_FACADE_CLIENT_SECRET"] = *c.secret;
    const Result<FacadeOptions> options = Read();
    ASSERT_FALSE(options.has_value()) << c.missing << " missing was admitted";
    EXPECT_EQ(options.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(options.error().field, c.missing);
    EXPECT_EQ(options.error().message.rfind(c.missing + " is unset or empty", 0), 0u)
        << options.error().message;
    EXPECT_EQ(options.error().message.find("s3cret"), std::string::npos)
        << "a secret is never echoed";
  }
}

TEST_F(FacadeOptionsFromEnvironmentTest, TheTokenBoundIsTheDefaultOrAWholeNumberInRange) {
  EXPECT_EQ(Read()->max_tokens, 100'000u);
  variables_["FAREFLOW_FACADE_MAX_TOKENS"] = "2500";
  EXPECT_EQ(Read()->max_tokens, 2500u);
  for (const char* bad : {"0", "-1", "10000001", "many", "12x"}) {
    variables_["FAREFLOW_FACADE_MAX_TOKENS"] = bad;
    const Result<FacadeOptions> options = Read();
    ASSERT_FALSE(options.has_value()) << bad;
    EXPECT_EQ(options.error().field, "FAREFLOW_FACADE_MAX_TOKENS");
  }
}

}  // namespace
}  // namespace fareflow::server
