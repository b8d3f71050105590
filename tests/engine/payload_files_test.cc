// Recorded payload files as a supplier source: the source of `fareflow search`, run through
// SearchService like any other, with its answers named by the files so that cursors page across
// runs.

#include "engine/payload_files.h"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/search_service.h"
#include "refdata/fx_rates.h"
#include "support/recorded_round_trip.h"

namespace fareflow {
namespace {

namespace fs = std::filesystem;

fs::path RoundTrip() { return testing_support::RoundTripDir(); }

// The request of the recorded payloads, with a child as well.
SearchRequest RecordedRequest() {
  SearchRequest r = testing_support::RoundTripRequest();
  r.passengers.child_ages = {8};
  return r;
}

std::vector<PayloadFile> Files() {
  return {{"amadeus-1", SupplierKind::kAmadeus, (RoundTrip() / "amadeus.json").string()},
          {"duffel-1", SupplierKind::kDuffel, (RoundTrip() / "duffel.json").string()},
          {"amadeus-2", SupplierKind::kAmadeus, (RoundTrip() / "no_such_file.json").string()}};
}

Result<std::shared_ptr<CompletedSearch>> Search(PayloadFileSource& source, SearchRequest request) {
  SearchService service(source, refdata::FxRates::Builtin(), {});
  return service.Run(std::move(request));
}

TEST(PayloadFileSourceTest, PayloadsInOrderThenTheBuiltinSupplier) {
  PayloadFileSource source(Files(), 50);
  auto search = Search(source, RecordedRequest());
  ASSERT_TRUE(search.has_value()) << search.error().message;
  const std::vector<SupplierOutcome>& suppliers = (*search)->result.suppliers;
  ASSERT_EQ(suppliers.size(), 4u);
  EXPECT_EQ(suppliers[0].name, "amadeus-1");
  EXPECT_EQ(suppliers[0].status, SupplierStatus::kOk);
  EXPECT_EQ(suppliers[0].bytes, static_cast<int64_t>(fs::file_size(RoundTrip() / "amadeus.json")));
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
  auto search = Search(source, RecordedRequest());
  ASSERT_TRUE(search.has_value()) << search.error().message;
  const std::string expected =
      "amadeus-1:" + std::to_string(fs::file_size(RoundTrip() / "amadeus.json")) +
      "\nduffel-1:" + std::to_string(fs::file_size(RoundTrip() / "duffel.json")) +
      "\namadeus-2:0\n";
  EXPECT_EQ((*search)->id, expected);
  ASSERT_EQ((*search)->result.suppliers.size(), 3u) << "no built-in supplier unless asked";

  PayloadFileSource with_builtin(Files(), 10);
  auto both = Search(with_builtin, RecordedRequest());
  ASSERT_TRUE(both.has_value()) << both.error().message;
  EXPECT_EQ((*both)->id, "builtin\n" + expected);
}

TEST(PayloadFileSourceTest, ACursorOfOneRunPagesTheNext) {
  PayloadFileSource source(Files(), std::nullopt);
  auto first = Search(source, RecordedRequest());
  ASSERT_TRUE(first.has_value()) << first.error().message;
  const Page& page = (*first)->result.page;
  ASSERT_FALSE(page.next_cursor.empty());

  SearchRequest next_request = RecordedRequest();
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

}  // namespace
}  // namespace fareflow
