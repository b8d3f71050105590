// `fareflow keys new` as an operator runs it: the real binary.

#include <string>

#include <gtest/gtest.h>

#include "support/run_command.h"

namespace fareflow {
namespace {

using testing_support::RunCommand;

TEST(KeysCommandTest, PrintsTheSecretOnceAndTheRecordWithItsDigestOnly) {
  const testing_support::CommandOutput out =
      RunCommand(std::string(FAREFLOW_BINARY) +
                 " keys new --name 'web shop' --rate 2.5 --burst 5 2>/dev/null");
  ASSERT_EQ(out.status, 0) << out.text;
  const std::size_t newline = out.text.find('\n');
  ASSERT_NE(newline, std::string::npos) << out.text;
  const std::string secret = out.text.substr(0, newline);
  const std::string record = out.text.substr(newline + 1);
  EXPECT_EQ(secret.rfind("ff_live_", 0), 0u) << secret;
  EXPECT_EQ(secret.size(), 8u + 64u) << secret;
  EXPECT_EQ(record.find(secret.substr(8)), std::string::npos) << "the record holds the secret";
  for (const char* member : {"\"id\":\"key_", "\"name\":\"web shop\"", "\"secret_sha256\":\"",
                             "\"rate_per_second\":2.5", "\"burst\":5", "\"scope\":\"api\""}) {
    EXPECT_NE(record.find(member), std::string::npos) << member << " in " << record;
  }
  // Two keys are never the same.
  const testing_support::CommandOutput again =
      RunCommand(std::string(FAREFLOW_BINARY) + " keys new --name x 2>/dev/null");
  EXPECT_NE(again.text.substr(0, again.text.find('\n')), secret);
}

TEST(KeysCommandTest, RefusesBadArguments) {
  EXPECT_NE(RunCommand(std::string(FAREFLOW_BINARY) + " keys new 2>&1").status, 0);
  EXPECT_NE(RunCommand(std::string(FAREFLOW_BINARY) + " keys new --name x --rate 0 2>&1").status,
            0);
  EXPECT_NE(
      RunCommand(std::string(FAREFLOW_BINARY) + " keys new --name x --scope admin 2>&1").status, 0);
  EXPECT_NE(RunCommand(std::string(FAREFLOW_BINARY) + " keys new --name '' 2>&1").status, 0);
}

}  // namespace
}  // namespace fareflow
