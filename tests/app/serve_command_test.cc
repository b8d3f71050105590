// `fareflow serve` refuses to start when a secret it was given cannot be used as the operator
// meant: half a facade client pair (which used to admit anyone) or a cursor key too short to
// sign with.

#include <gtest/gtest.h>

#include <string>

#include "support/run_command.h"

namespace fareflow {
namespace {

using testing_support::CommandOutput;
using testing_support::RunCommand;

// Runs `fareflow serve` on a free port with `environment` (shell assignments) prepended. A
// service that starts instead of refusing is stopped by `timeout` (exit 124).
CommandOutput Serve(const std::string& environment) {
  return RunCommand(
      "env -u FAREFLOW_FACADE_CLIENT_ID -u FAREFLOW_FACADE_CLIENT_SECRET "
      "-u FAREFLOW_CURSOR_KEY " +
      environment + " timeout 5 " + FAREFLOW_BINARY + " serve --port 0 2>&1");
}

TEST(ServeStartTest, HalfAFacadeClientPairStopsTheStartNamingTheMissingVariable) {
  const CommandOutput no_secret = Serve("FAREFLOW_FACADE_CLIENT_ID=app");
  EXPECT_EQ(no_secret.status, 2) << no_secret.text;
  EXPECT_NE(no_secret.text.find("FAREFLOW_FACADE_CLIENT_SECRET is unset or empty"),
            std::string::npos)
      << no_secret.text;
  EXPECT_EQ(no_secret.text.find("listening"), std::string::npos) << no_secret.text;

  const CommandOutput empty_id =
      Serve("FAREFLOW_FACADE_CLIENT_ID= FAREFLOW_FACADE_CLIENT_SECRET=s3cret");
  EXPECT_EQ(empty_id.status, 2) << empty_id.text;
  EXPECT_NE(empty_id.text.find("FAREFLOW_FACADE_CLIENT_ID is unset or empty"), std::string::npos)
      << empty_id.text;
  EXPECT_EQ(empty_id.text.find("s3cret"), std::string::npos) << "a secret is never echoed";
}

TEST(ServeStartTest, ACursorKeyShorterThan32BytesStopsTheStart) {
  const std::string short_key(62, 'a');  // 31 bytes in hex
  const CommandOutput out = Serve("FAREFLOW_CURSOR_KEY=" + short_key);
  EXPECT_EQ(out.status, 2) << out.text;
  EXPECT_NE(out.text.find("FAREFLOW_CURSOR_KEY: a key must be 32 to 64 bytes"), std::string::npos)
      << out.text;
  EXPECT_EQ(out.text.find(short_key), std::string::npos) << "a key is never echoed";
}

}  // namespace
}  // namespace fareflow
