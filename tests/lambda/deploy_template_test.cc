// deploy/template.yaml against the limits of what it deploys behind: read as text (no YAML
// library, and cfn-lint is not part of the build), one parameter block at a time.

#include <gtest/gtest.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace fareflow {
namespace {

std::string Template() {
  std::ifstream in(std::string(FAREFLOW_SOURCE_DIR) + "/deploy/template.yaml");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The value of `key: value` in the block that starts with `block` (a line of its own, such as
// "  SearchTimeoutSeconds:") and runs while lines are indented deeper than it; nullopt when the
// block or the key is missing.
std::optional<std::string> BlockValue(const std::string& yaml, const std::string& block,
                                      const std::string& key) {
  const std::size_t start = yaml.find("\n" + block + "\n");
  if (start == std::string::npos) return std::nullopt;
  const std::size_t indent = block.find_first_not_of(' ');
  std::istringstream lines(yaml.substr(start + block.size() + 2));
  for (std::string line; std::getline(lines, line);) {
    const std::size_t at = line.find_first_not_of(' ');
    if (at == std::string::npos) continue;
    if (at <= indent) break;  // the next block
    if (line.compare(at, key.size() + 1, key + ":") == 0) {
      const std::size_t value = line.find_first_not_of(' ', at + key.size() + 1);
      return value == std::string::npos ? "" : line.substr(value);
    }
  }
  return std::nullopt;
}

// API Gateway ends an integration at 30 s, whatever the function's timeout, and its clock also
// runs through a cold start and the hop to Lambda: a search allowed to run to a 30 s invocation
// timeout would be cut off by a 503 instead of answering with what it has. The invocation
// timeout therefore stops short of 30 s, with a second for those.
TEST(DeployTemplateTest, TheInvocationTimeoutEndsBeforeApiGatewaysThirtySeconds) {
  const std::string yaml = Template();
  ASSERT_FALSE(yaml.empty()) << "deploy/template.yaml not found";
  const std::optional<std::string> max = BlockValue(yaml, "  SearchTimeoutSeconds:", "MaxValue");
  ASSERT_TRUE(max.has_value()) << "SearchTimeoutSeconds has no MaxValue";
  EXPECT_LE(std::stoi(*max), 29);
  const std::optional<std::string> min = BlockValue(yaml, "  SearchTimeoutSeconds:", "MinValue");
  ASSERT_TRUE(min.has_value()) << "SearchTimeoutSeconds has no MinValue";
  EXPECT_GE(std::stoi(*min), 1);  // Lambda's least timeout
  const std::optional<std::string> fallback =
      BlockValue(yaml, "  SearchTimeoutSeconds:", "Default");
  ASSERT_TRUE(fallback.has_value());
  EXPECT_LE(std::stoi(*fallback), std::stoi(*max));
  EXPECT_GE(std::stoi(*fallback), std::stoi(*min));
  // The bound is the function's: its timeout is the parameter itself.
  EXPECT_EQ(BlockValue(yaml, "    Properties:", "Timeout"), "!Ref SearchTimeoutSeconds");
}

// CloudFormation reads a {{resolve:secretsmanager:...}} reference again only when its text
// changes, so a rotated secret reaches the function only through a reference that names its
// new version: every reference carries the SupplierSecretVersionId pin.
TEST(DeployTemplateTest, EverySecretReferenceCanBePinnedToAVersion) {
  const std::string yaml = Template();
  ASSERT_TRUE(BlockValue(yaml, "  SupplierSecretVersionId:", "Type").has_value());
  std::size_t references = 0;
  for (std::size_t at = yaml.find("{{resolve:secretsmanager:"); at != std::string::npos;
       at = yaml.find("{{resolve:secretsmanager:", at + 1)) {
    ++references;
    const std::string line = yaml.substr(at, yaml.find('\n', at) - at);
    EXPECT_NE(line.find("${Pin}}}"), std::string::npos) << line;
  }
  EXPECT_EQ(references, 3u);  // AMADEUS_CLIENT_ID, AMADEUS_CLIENT_SECRET, DUFFEL_ACCESS_TOKEN
  EXPECT_NE(
      yaml.find(R"(Pin: !If [PinSupplierSecretVersion, !Sub "::${SupplierSecretVersionId}", ""])"),
      std::string::npos);
}

}  // namespace
}  // namespace fareflow
