// The deployment package needs nothing from the host: scripts/lambda-package zips the fareflow
// under test, the zip is unpacked at /var/task in an otherwise empty root (a /tmp, /etc/hosts,
// /etc/resolv.conf and the /dev/null, /dev/zero and /dev/urandom nodes, as on Lambda's sandbox
// minus the Amazon Linux image), and /var/task/bootstrap runs there with a bare environment
// against the Runtime API emulator on loopback. Needs root for chroot(2) and mknod(2).

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "lambda/lambda_test_events.h"
#include "lambda/runtime_api_emulator.h"
#include "support/child_process.h"

namespace fareflow {
namespace {

namespace fs = std::filesystem;
using testing_support::ChildProcess;
using testing_support::RuntimeApiEmulator;
using testing_support::SpawnOptions;
using namespace testing_support::lambda_events;  // NOLINT: test vocabulary

// Runs `command` through the shell; its exit status, or -1.
int Shell(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

class LambdaPackageTest : public ::testing::Test {
 protected:
  void SetUp() override {
#ifdef FAREFLOW_SANITIZED
    GTEST_SKIP() << "the package is a release build; sanitizer runtimes need /proc, which the "
                    "empty root has not";
#endif
    if (::geteuid() != 0) GTEST_SKIP() << "chroot(2) and mknod(2) need root";
    dir_ = fs::temp_directory_path() / ("fareflow-package-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    root_ = dir_ / "root";
  }
  void TearDown() override {
    runtime_.reset();
    emulator_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  // The zip of the binary under test, as `make lambda-package` builds it.
  std::string Package() {
    const std::string zip = (dir_ / "fareflow-lambda.zip").string();
    const std::string command = std::string("cd ") + FAREFLOW_SOURCE_DIR +
                                " && bash scripts/lambda-package --binary " + FAREFLOW_BINARY +
                                " --out " + zip + " >/dev/null";
    EXPECT_EQ(Shell(command), 0) << command;
    return zip;
  }

  // The empty root with the package unpacked at /var/task.
  void MakeRoot(const std::string& zip) {
    for (const char* d : {"var/task", "tmp", "etc", "dev"}) fs::create_directories(root_ / d);
    fs::permissions(root_ / "tmp", fs::perms::all | fs::perms::sticky_bit);
    std::ofstream(root_ / "etc/hosts") << "127.0.0.1 localhost\n";
    std::ofstream(root_ / "etc/resolv.conf") << "nameserver 127.0.0.1\n";
    struct Node {
      const char* name;
      unsigned minor;
    };
    for (const Node n : {Node{"null", 3}, Node{"zero", 5}, Node{"urandom", 9}}) {
      const std::string path = (root_ / "dev" / n.name).string();
      ASSERT_EQ(::mknod(path.c_str(), S_IFCHR | 0666, makedev(1, n.minor)), 0) << path;
    }
    ASSERT_EQ(Shell("unzip -q " + zip + " -d " + (root_ / "var/task").string()), 0);
  }

  fs::path dir_;
  fs::path root_;
  std::unique_ptr<RuntimeApiEmulator> emulator_;
  std::unique_ptr<ChildProcess> runtime_;
};

TEST_F(LambdaPackageTest, TheZipHoldsBootstrapAndItsLibrariesOnly) {
  MakeRoot(Package());
  std::set<std::string> top;
  for (const auto& entry : fs::directory_iterator(root_ / "var/task")) {
    top.insert(entry.path().filename().string());
  }
  EXPECT_EQ(top, (std::set<std::string>{"bootstrap", "lib"}));
  EXPECT_TRUE(fs::exists(root_ / "var/task/lib/ld-linux-x86-64.so.2"));
  EXPECT_TRUE(fs::exists(root_ / "var/task/lib/libc.so.6"));
  const auto perms = fs::status(root_ / "var/task/bootstrap").permissions();
  EXPECT_NE(perms & fs::perms::others_exec, fs::perms::none);
}

TEST_F(LambdaPackageTest, BootstrapServesASearchInAnEmptyRootWithABareEnvironment) {
  MakeRoot(Package());
  emulator_ = std::make_unique<RuntimeApiEmulator>();
  ASSERT_TRUE(emulator_->started());
  SpawnOptions options;
  options.root = root_.string();
  // What Lambda sets for a provided.al2023 function, and nothing of this machine's.
  options.env = std::vector<std::string>{
      "AWS_LAMBDA_RUNTIME_API=" + emulator_->endpoint(), "LAMBDA_TASK_ROOT=/var/task",
      "AWS_LAMBDA_FUNCTION_NAME=fareflow", "AWS_REGION=eu-west-1", "TZ=:UTC"};
  const auto started = std::chrono::steady_clock::now();
  runtime_ =
      std::make_unique<ChildProcess>(std::vector<std::string>{"/var/task/bootstrap"}, options);
  ASSERT_TRUE(emulator_->WaitForNext(1)) << "exit status " << runtime_->Stop();
  const auto init = emulator_->calls().front().at - started;
  std::printf("package bootstrap, start to first GET /next: %.1f ms\n",
              std::chrono::duration<double, std::milli>(init).count());

  emulator_->Queue("req-chroot", V2Event("POST", "/v1/searches", RoundTrip()));
  emulator_->Queue("req-direct", RoundTrip());
  const auto post = emulator_->WaitForPost("req-chroot");
  ASSERT_TRUE(post.has_value()) << "bootstrap did not answer; exit status " << runtime_->Stop();
  ASSERT_EQ(post->kind, "response") << post->body;
  const ProxyAnswer answer = ReadProxyAnswer(post->body);
  EXPECT_EQ(answer.status, 200) << post->body;
  EXPECT_EQ(OfferCount(answer.body), 5) << answer.body;
  const auto direct = emulator_->WaitForPost("req-direct");
  ASSERT_TRUE(direct.has_value());
  EXPECT_EQ(OfferCount(direct->body), 5) << direct->body;
  EXPECT_TRUE(runtime_->running());
}

}  // namespace
}  // namespace fareflow
