#ifndef FAREFLOW_TESTS_SUPPORT_SCRATCH_DIR_H_
#define FAREFLOW_TESTS_SUPPORT_SCRATCH_DIR_H_

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace fareflow::testing_support {

// A directory of its own under gtest's temporary directory, for files a test writes; made on
// construction (named by `prefix` and the process id, so parallel test processes do not share
// it) and removed with everything in it on destruction.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& prefix)
      : path_(std::filesystem::path(::testing::TempDir()) /
              (prefix + "_" + std::to_string(::getpid()))) {
    std::filesystem::create_directories(path_);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }

  const std::filesystem::path& path() const { return path_; }

  // Writes `bytes` to the file `name` in the directory; its path.
  std::string Write(const std::string& name, const std::string& bytes) const {
    const std::filesystem::path file = path_ / name;
    std::ofstream(file, std::ios::binary) << bytes;
    return file.string();
  }

 private:
  std::filesystem::path path_;
};

}  // namespace fareflow::testing_support

#endif  // FAREFLOW_TESTS_SUPPORT_SCRATCH_DIR_H_
