// Recorded payload files as a supplier source: the source of `fareflow search`, run through
// SearchService like any other, with its answers named by the files so that cursors page across
// runs.

#include "engine/payload_files.h"

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>

#include <gtest/gtest.h>

#include "engine/search_service.h"
#include "enrich/enricher.h"
#include "refdata/fx_rates.h"
#include "support/recorded_round_trip.h"
#include "support/scratch_dir.h"

namespace fareflow {
namespace {

namespace fs = std::filesystem;

fs::path RoundTripFiles() { return testing_support::RoundTripDir(); }

// The request of the recorded payloads, with a child as well.
SearchRequest RecordedFilesRequest() {
  SearchRequest r = testing_support::RoundTripRequest();
  r.passengers.child_ages = {8};
  return r;
}

std::vector<PayloadFile> Files() {
  return {{"amadeus-1", SupplierKind::kAmadeus, (RoundTripFiles() / "amadeus.json").string()},
          {"duffel-1", SupplierKind::kDuffel, (RoundTripFiles() / "duffel.json").string()},
          {"amadeus-2", SupplierKind::kAmadeus, (RoundTripFiles() / "no_such_file.json").string()}};
}

Result<std::shared_ptr<CompletedSearch>> Search(PayloadFileSource& source, SearchRequest request) {
  SearchService service(source, refdata::FxRates::Builtin(), {});
  return service.Run(std::move(request));
}

TEST(PayloadFileSourceTest, PayloadsInOrderThenTheBuiltinSupplier) {
  PayloadFileSource source(Files(), 50);
  auto search = Search(source, RecordedFilesRequest());
  ASSERT_TRUE(search.has_value()) << search.error().message;
  const std::vector<SupplierOutcome>& suppliers = (*search)->result.suppliers;
  ASSERT_EQ(suppliers.size(), 4u);
  EXPECT_EQ(suppliers[0].name, "amadeus-1");
  EXPECT_EQ(suppliers[0].status, SupplierStatus::kOk);
  EXPECT_EQ(suppliers[0].bytes,
            static_cast<int64_t>(fs::file_size(RoundTripFiles() / "amadeus.json")));
  EXPECT_EQ(suppliers[1].name, "duffel-1");
  EXPECT_EQ(suppliers[1].status, SupplierStatus::kOk);
  EXPECT_EQ(suppliers[2].status, SupplierStatus::kIoError);
  EXPECT_EQ(suppliers[3].name, "builtin");
  EXPECT_EQ(suppliers[3].kind, SupplierKind::kBuiltin);
  EXPECT_EQ(suppliers[3].max_offers, 50);
  for (const Offer* offer : (*search)->result.offers) {
    EXPECT_LT(offer->supplier, 4) << "supplier indices follow the outcomes";
  }
}

TEST(PayloadFileSourceTest, TheSearchIsNamedBySupplierNamesAndFileSizes) {
  PayloadFileSource source(Files(), std::nullopt);
  auto search = Search(source, RecordedFilesRequest());
  ASSERT_TRUE(search.has_value()) << search.error().message;
  const std::string expected =
      "amadeus-1:" + std::to_string(fs::file_size(RoundTripFiles() / "amadeus.json")) +
      "\nduffel-1:" + std::to_string(fs::file_size(RoundTripFiles() / "duffel.json")) +
      "\namadeus-2:0\n";
  EXPECT_EQ((*search)->id, expected);
  ASSERT_EQ((*search)->result.suppliers.size(), 3u) << "no built-in supplier unless asked";

  PayloadFileSource with_builtin(Files(), 10);
  auto both = Search(with_builtin, RecordedFilesRequest());
  ASSERT_TRUE(both.has_value()) << both.error().message;
  EXPECT_EQ((*both)->id, "builtin\n" + expected);
}

TEST(PayloadFileSourceTest, ACursorOfOneRunPagesTheNext) {
  PayloadFileSource source(Files(), std::nullopt);
  auto first = Search(source, RecordedFilesRequest());
  ASSERT_TRUE(first.has_value()) << first.error().message;
  const Page& page = (*first)->result.page;
  ASSERT_FALSE(page.next_cursor.empty());

  SearchRequest next_request = RecordedFilesRequest();
  next_request.cursor = page.next_cursor;
  auto next = Search(source, next_request);
  ASSERT_TRUE(next.has_value()) << next.error().message;
  EXPECT_EQ((*next)->result.page.offset, page.count);

  // Other files are another set of answers: the cursor does not belong to them.
  PayloadFileSource other({Files()[1]}, std::nullopt);
  auto refused = Search(other, next_request);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().field, "cursor");
}

// Payload files are mapped rather than read (core/mapped_file.h); what a search makes of a file
// is the same as when it was read into memory: the same offers from the same bytes, and the same
// statuses and errors for files that cannot be parsed or read.
class PayloadFileReadingTest : public testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& bytes) {
    return dir_.Write(name, bytes);
  }

  static std::string Read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

  std::vector<SupplierOutcome> Parse(const std::vector<PayloadFile>& files) {
    Enricher enricher(RecordedFilesRequest(), refdata::FxRates::Builtin());
    return ParsePayloadFiles(files, enricher, pool_, context_);
  }

  testing_support::ScratchDir dir_{"payload_files"};
  WorkerPool pool_{2};
  RequestContext context_{RecordedFilesRequest()};
};

// The document ends exactly at the end of a page: the padding simdjson reads after it must come
// from somewhere else than the file.
TEST_F(PayloadFileReadingTest, AFileOfWholePagesParsesAsItsBytesInMemory) {
  const std::string original = Read(RoundTripFiles() / "amadeus.json");
  const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  std::string whole_pages = original;
  whole_pages.resize((original.size() / page + 2) * page, ' ');  // JSON may end in spaces
  const std::string path = Write("whole_pages.json", whole_pages);
  ASSERT_EQ(fs::file_size(path) % page, 0u);

  const std::vector<SupplierOutcome> outcomes =
      Parse({{"amadeus-1", SupplierKind::kAmadeus, path},
             {"amadeus-2", SupplierKind::kAmadeus, (RoundTripFiles() / "amadeus.json").string()}});
  ASSERT_EQ(outcomes[0].status, SupplierStatus::kOk) << outcomes[0].error;
  EXPECT_EQ(outcomes[0].bytes, static_cast<int64_t>(whole_pages.size()));
  EXPECT_EQ(outcomes[0].payload, whole_pages);
  EXPECT_GT(outcomes[0].kept(), 0);
  EXPECT_EQ(outcomes[0].kept(), outcomes[1].kept());
  EXPECT_EQ(outcomes[0].received(), outcomes[1].received());
}

TEST_F(PayloadFileReadingTest, AnEmptyFileIsMalformed) {
  const std::vector<SupplierOutcome> outcomes =
      Parse({{"amadeus-1", SupplierKind::kAmadeus, Write("empty.json", "")}});
  EXPECT_EQ(outcomes[0].status, SupplierStatus::kMalformed);
  EXPECT_EQ(outcomes[0].bytes, 0);
  EXPECT_FALSE(outcomes[0].error.empty());
}

TEST_F(PayloadFileReadingTest, AMissingFileOrADirectoryIsAnIoError) {
  const std::string missing = (dir_.path() / "no_such_file.json").string();
  const std::vector<SupplierOutcome> outcomes =
      Parse({{"amadeus-1", SupplierKind::kAmadeus, missing},
             {"duffel-1", SupplierKind::kDuffel, dir_.path().string()}});
  EXPECT_EQ(outcomes[0].status, SupplierStatus::kIoError);
  EXPECT_EQ(outcomes[0].error, "cannot read " + missing + ": Error reading the file.");
  EXPECT_EQ(outcomes[0].batch, nullptr);
  EXPECT_EQ(outcomes[1].status, SupplierStatus::kIoError);
  EXPECT_EQ(outcomes[1].error, "cannot read " + dir_.path().string() + ": Error reading the file.");
}

// A file whose size the kernel does not state (procfs says 0) reads as it did: as empty bytes.
TEST_F(PayloadFileReadingTest, AFileOfUnstatedSizeReadsAsBefore) {
  const std::vector<SupplierOutcome> outcomes =
      Parse({{"amadeus-1", SupplierKind::kAmadeus, "/proc/self/status"}});
  EXPECT_EQ(outcomes[0].status, SupplierStatus::kMalformed) << outcomes[0].error;
  EXPECT_EQ(outcomes[0].bytes, 0);
}

}  // namespace
}  // namespace fareflow
