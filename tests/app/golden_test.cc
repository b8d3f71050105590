// Golden tests: every folder under tests/golden/ holds a request (request.json), recorded supplier
// payloads (listed in payloads.txt as KIND:FILE, one a line) and the answer fareflow must print
// (expected.json). The test runs the real binary and compares the output byte for byte.
//
// After an intended change of output, regenerate with FAREFLOW_UPDATE_GOLDEN=1 and review the
// diff like code.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/canonical_json.h"
#include "support/compact_answer.h"
#include "support/run_command.h"

namespace fareflow {
namespace {

namespace fs = std::filesystem;

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<fs::path> GoldenCases() {
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(fs::path(FAREFLOW_SOURCE_DIR) / "tests/golden")) {
    if (entry.is_directory()) cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

class GoldenTest : public testing::TestWithParam<fs::path> {};

// The command line of a golden case: the request, its payloads and its arguments.
std::string SearchCommand(const fs::path& dir) {
  std::string command = std::string(FAREFLOW_BINARY) + " search --no-timings --request '" +
                        (dir / "request.json").string() + "'";
  std::istringstream payloads(ReadText(dir / "payloads.txt"));
  std::string line;
  while (std::getline(payloads, line)) {
    if (line.empty()) continue;
    std::size_t colon = line.find(':');
    if (colon == std::string::npos) {
      ADD_FAILURE() << "payloads.txt: no KIND:FILE in " << line;
      return "false";
    }
    command += " --payload '" + line.substr(0, colon) + ":" +
               (dir / line.substr(colon + 1)).string() + "'";
  }
  if (fs::exists(dir / "args.txt")) {
    std::string args = ReadText(dir / "args.txt");
    while (!args.empty() && (args.back() == '\n' || args.back() == ' ')) args.pop_back();
    command += " " + args;
  }
  return command;
}

TEST_P(GoldenTest, AnswerMatchesExpected) {
  const fs::path dir = GetParam();
  const testing_support::CommandOutput out =
      testing_support::RunCommand(SearchCommand(dir) + " 2>&1");
  ASSERT_EQ(out.status, 0) << out.text;
  const fs::path expected = dir / "expected.json";
  if (std::getenv("FAREFLOW_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(expected, std::ios::binary) << out.text;
  }
  ASSERT_TRUE(fs::exists(expected)) << "run with FAREFLOW_UPDATE_GOLDEN=1 to create " << expected;
  EXPECT_EQ(out.text, ReadText(expected)) << "golden case " << dir.filename();
}

// `--compact` writes the same answer in the compact form: every offer rebuilt from it is the
// expected answer's, and the rest of the answer is the expected answer's.
TEST_P(GoldenTest, CompactAnswerRebuildsToExpected) {
  const fs::path dir = GetParam();
  const testing_support::CommandOutput out =
      testing_support::RunCommand(SearchCommand(dir) + " --compact 2>&1");
  ASSERT_EQ(out.status, 0) << out.text;
  const std::string expected = ReadText(dir / "expected.json");
  const std::vector<std::string> offers = testing_support::OffersAsWritten(expected);
  ASSERT_FALSE(offers.empty()) << dir.filename();
  EXPECT_EQ(testing_support::RebuildFullOffers(out.text), offers) << dir.filename();
  EXPECT_EQ(testing_support::CanonicalJson(out.text, {"offers", "dictionaries"}),
            testing_support::CanonicalJson(expected, {"offers"}));
  EXPECT_LT(out.text.size() * 3 / 2, expected.size()) << dir.filename();
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenTest, testing::ValuesIn(GoldenCases()),
                         [](const testing::TestParamInfo<fs::path>& info) {
                           std::string name = info.param.filename().string();
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace fareflow
