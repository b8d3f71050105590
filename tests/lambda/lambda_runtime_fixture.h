#ifndef FAREFLOW_TESTS_LAMBDA_LAMBDA_RUNTIME_FIXTURE_H_
#define FAREFLOW_TESTS_LAMBDA_LAMBDA_RUNTIME_FIXTURE_H_

// The fixture of the tests that run the real `fareflow lambda` process against the Runtime API
// emulator: a scratch directory, a configuration with the built-in supplier, the emulator and
// the process, stopped in that order (the process first: it waits on the emulator's next call).

#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "lambda/runtime_api_emulator.h"
#include "support/child_process.h"

namespace fareflow::testing_support {

class LambdaRuntimeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("fareflow-lambda-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    ::setenv("FF_TEST_AMADEUS_ID", "fareflow-client", 1);
    ::setenv("FF_TEST_AMADEUS_SECRET", "fareflow-secret", 1);
  }
  void TearDown() override {
    ::unsetenv("FAREFLOW_LAMBDA_STREAMING");
    runtime_.reset();  // before the emulator, whose next call it is waiting on
    emulator_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::string LogPath() const { return (dir_ / "searches.jsonl").string(); }

  // The built-in supplier, a search log, and `extra_suppliers`.
  std::string WriteConfig(const std::string& extra_suppliers = "") {
    std::ostringstream c;
    c << R"({"search_log":")" << LogPath() << R"(","search":{"default_deadline_ms":10000},)"
      << R"("suppliers":[{"name":"builtin","kind":"builtin","max_offers":200})" << extra_suppliers
      << "]}";
    const std::string path = (dir_ / "fareflow.json").string();
    std::ofstream(path) << c.str();
    return path;
  }

  // Starts the emulator and `fareflow lambda --config config` against it.
  void Start(const std::string& config) {
    StartEmulator();
    StartRuntime(config);
  }
  void StartEmulator() {
    emulator_ = std::make_unique<RuntimeApiEmulator>(LogPath());
    ASSERT_TRUE(emulator_->started());
  }
  void StartRuntime(const std::string& config) {
    ::setenv("AWS_LAMBDA_RUNTIME_API", emulator_->endpoint().c_str(), 1);
    started_at_ = std::chrono::steady_clock::now();
    runtime_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{FAREFLOW_BINARY, "lambda", "--config", config});
  }

  std::filesystem::path dir_;
  std::unique_ptr<RuntimeApiEmulator> emulator_;
  std::unique_ptr<ChildProcess> runtime_;
  std::chrono::steady_clock::time_point started_at_;
};

}  // namespace fareflow::testing_support

#endif  // FAREFLOW_TESTS_LAMBDA_LAMBDA_RUNTIME_FIXTURE_H_
