#include "core/mapped_file.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "support/scratch_dir.h"

namespace fareflow {
namespace {

namespace fs = std::filesystem;

class MappedFileTest : public testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& bytes) {
    return dir_.Write(name, bytes);
  }

  static std::size_t Page() { return static_cast<std::size_t>(::sysconf(_SC_PAGESIZE)); }

  // Every byte of the view and of its padding, read one by one (a fault would kill the test).
  static std::string ReadAll(const MappedFile& file) {
    const simdjson::padded_string_view view = file.view();
    return std::string(view.data(), view.size() + simdjson::SIMDJSON_PADDING);
  }

  testing_support::ScratchDir dir_{"mapped_file"};
};

TEST_F(MappedFileTest, TheBytesOfTheFileThenReadablePadding) {
  const std::string path = Write("a.json", R"({"a": [1, 2, 3]})");
  Result<MappedFile> file = MappedFile::Map(path);
  ASSERT_TRUE(file.has_value()) << file.error().message;
  EXPECT_EQ(std::string_view(file->view()), R"({"a": [1, 2, 3]})");
  EXPECT_EQ(file->size(), 16u);
  EXPECT_GE(file->view().capacity(), 16u + simdjson::SIMDJSON_PADDING);
  EXPECT_EQ(ReadAll(*file).size(), 16u + simdjson::SIMDJSON_PADDING);
  EXPECT_FALSE(file->changed());
}

// The file's last page ends where the document does; the padding is another page's.
TEST_F(MappedFileTest, AFileOfWholePagesHasReadablePadding) {
  std::string bytes(2 * Page(), ' ');
  bytes.replace(0, 9, R"({"n": 42})");
  Result<MappedFile> file = MappedFile::Map(Write("pages.json", bytes));
  ASSERT_TRUE(file.has_value()) << file.error().message;
  EXPECT_EQ(ReadAll(*file).substr(0, bytes.size()), bytes);

  simdjson::ondemand::parser parser;
  simdjson::ondemand::document doc;
  ASSERT_EQ(parser.iterate(file->view()).get(doc), simdjson::SUCCESS);
  int64_t n = 0;
  ASSERT_EQ(doc["n"].get(n), simdjson::SUCCESS);
  EXPECT_EQ(n, 42);
}

TEST_F(MappedFileTest, AnEmptyFileIsEmptyWithReadablePadding) {
  Result<MappedFile> file = MappedFile::Map(Write("empty.json", ""));
  ASSERT_TRUE(file.has_value()) << file.error().message;
  EXPECT_EQ(file->size(), 0u);
  EXPECT_EQ(ReadAll(*file), std::string(simdjson::SIMDJSON_PADDING, '\0'));
}

TEST_F(MappedFileTest, AMissingFileOrADirectoryIsAnError) {
  Result<MappedFile> missing = MappedFile::Map((dir_.path() / "none.json").string());
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kIo);
  Result<MappedFile> dir = MappedFile::Map(dir_.path().string());
  ASSERT_FALSE(dir.has_value());
  EXPECT_EQ(dir.error().code, ErrorCode::kIo);
}

// A file truncated while mapped: touching the pages it lost would raise SIGBUS and kill the
// process; they read as zeros instead, and the mapping says it changed.
TEST_F(MappedFileTest, AFileTruncatedWhileMappedReadsZerosAndSaysSo) {
  const std::string bytes(3 * Page() + 100, 'x');
  const std::string path = Write("shrinks.json", bytes);
  Result<MappedFile> file = MappedFile::Map(path);
  ASSERT_TRUE(file.has_value()) << file.error().message;
  fs::resize_file(path, 100);

  const std::string read = ReadAll(*file);
  EXPECT_EQ(read.substr(0, 100), std::string(100, 'x'));
  EXPECT_EQ(read.substr(Page(), bytes.size() - Page()), std::string(bytes.size() - Page(), '\0'));
  EXPECT_TRUE(file->changed());

  // Another mapping of the file as it is now has not changed.
  Result<MappedFile> again = MappedFile::Map(path);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(std::string_view(again->view()), std::string(100, 'x'));
  EXPECT_FALSE(again->changed());
}

// A file that grows while mapped keeps the size it had: the view never shows the new bytes.
TEST_F(MappedFileTest, AFileThatGrowsWhileMappedKeepsItsSize) {
  const std::string path = Write("grows.json", std::string(100, 'x'));
  Result<MappedFile> file = MappedFile::Map(path);
  ASSERT_TRUE(file.has_value());
  std::ofstream(path, std::ios::binary | std::ios::app) << std::string(2 * Page(), 'y');
  EXPECT_EQ(std::string_view(file->view()), std::string(100, 'x'));
  EXPECT_FALSE(file->changed());
}

// A SIGBUS that is not a truncated mapping's keeps its disposition: the process dies of it.
TEST_F(MappedFileTest, AnotherSigbusStillKills) {
  const std::string path = Write("other.json", std::string(100, 'x'));
  ASSERT_TRUE(MappedFile::Map(path).has_value());  // the handler is installed
  EXPECT_DEATH(
      {
        const std::string victim = Write("victim.bin", std::string(3 * Page(), 'v'));
        std::FILE* f = std::fopen(victim.c_str(), "rb");
        void* p = mmap(nullptr, 3 * Page(), PROT_READ, MAP_PRIVATE, fileno(f), 0);
        fs::resize_file(victim, 0);
        std::fprintf(stderr, "%d\n", static_cast<const volatile char*>(p)[Page()]);
      },
      "");
}

}  // namespace
}  // namespace fareflow
