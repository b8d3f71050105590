// Supplier answers already in memory as a supplier source: the source of the Python module. Over
// the same bytes it must answer exactly as `fareflow search` does over files.

#include "engine/payload_buffers.h"

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "api/search_response.h"
#include "engine/payload_files.h"
#include "engine/recorded_search.h"
#include "engine/search_service.h"
#include "engine/worker_pool.h"
#include "refdata/fx_rates.h"
#include "support/recorded_round_trip.h"

namespace fareflow {
namespace {

namespace fs = std::filesystem;

fs::path RoundTrip() { return testing_support::RoundTripDir(); }

SearchRequest RecordedRequest() { return testing_support::RoundTripRequest(); }

std::string Answer(SupplierSource& source, const SearchRequest& request) {
  SearchService service(source, refdata::FxRates::Builtin(), {});
  auto search = service.Run(request);
  EXPECT_TRUE(search.has_value()) << search.error().message;
  if (!search) return {};
  std::string out;
  WriteSearchResponse((*search)->result, (*search)->request(), (*search)->context->timings(),
                      {.include_timings = false}, out);
  return out;
}

class PayloadBufferSourceTest : public testing::Test {
 protected:
  void SetUp() override {
    InstallLocalCursorKey();
    ASSERT_FALSE(
        simdjson::padded_string::load((RoundTrip() / "amadeus.json").string()).get(amadeus_));
    ASSERT_FALSE(
        simdjson::padded_string::load((RoundTrip() / "duffel.json").string()).get(duffel_));
  }

  WorkerPool pool_{2};
  simdjson::padded_string amadeus_, duffel_;
};

TEST_F(PayloadBufferSourceTest, AnswersAsTheSameBytesReadFromFiles) {
  PayloadBufferSource buffers(
      {{SupplierKind::kAmadeus, amadeus_}, {SupplierKind::kDuffel, duffel_}}, std::nullopt, pool_);
  PayloadFileSource files(
      {{"amadeus-1", SupplierKind::kAmadeus, (RoundTrip() / "amadeus.json").string()},
       {"duffel-1", SupplierKind::kDuffel, (RoundTrip() / "duffel.json").string()}},
      std::nullopt);
  const std::string from_buffers = Answer(buffers, RecordedRequest());
  ASSERT_NE(from_buffers.find("\"next_cursor\":\""), std::string::npos)
      << "the page has a cursor, tied to the search's id";
  EXPECT_EQ(from_buffers, Answer(files, RecordedRequest()));
}

TEST_F(PayloadBufferSourceTest, NamesSuppliersByKindAndOrderAndTheSearchByThemAndSizes) {
  PayloadBufferSource source({{SupplierKind::kDuffel, duffel_},
                              {SupplierKind::kAmadeus, amadeus_},
                              {SupplierKind::kAmadeus, amadeus_}},
                             7, pool_);
  SearchService service(source, refdata::FxRates::Builtin(), {});
  auto search = service.Run(RecordedRequest());
  ASSERT_TRUE(search.has_value()) << search.error().message;
  const auto& suppliers = (*search)->result.suppliers;
  ASSERT_EQ(suppliers.size(), 4u);
  EXPECT_EQ(suppliers[0].name, "duffel-1");
  EXPECT_EQ(suppliers[1].name, "amadeus-1");
  EXPECT_EQ(suppliers[2].name, "amadeus-2");
  EXPECT_EQ(suppliers[3].name, "builtin");
  EXPECT_EQ(suppliers[3].max_offers, 7);
  EXPECT_EQ((*search)->id, "builtin\nduffel-1:" + std::to_string(duffel_.size()) +
                               "\namadeus-1:" + std::to_string(amadeus_.size()) +
                               "\namadeus-2:" + std::to_string(amadeus_.size()) + "\n");
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(suppliers[i].status, SupplierStatus::kOk) << i;
    EXPECT_EQ(suppliers[i].payload.data(), i == 0 ? duffel_.data() : amadeus_.data())
        << "the bytes are parsed in place, not copied";
  }
}

TEST_F(PayloadBufferSourceTest, ABufferThatIsNotItsKindIsAStatusNotAFailedSearch) {
  simdjson::padded_string truncated(std::string_view(duffel_.data(), duffel_.size() / 2));
  PayloadBufferSource source({{SupplierKind::kAmadeus, duffel_},
                              {SupplierKind::kDuffel, truncated},
                              {SupplierKind::kAmadeus, amadeus_}},
                             std::nullopt, pool_);
  SearchService service(source, refdata::FxRates::Builtin(), {});
  auto search = service.Run(RecordedRequest());
  ASSERT_TRUE(search.has_value()) << search.error().message;
  const auto& suppliers = (*search)->result.suppliers;
  ASSERT_EQ(suppliers.size(), 3u);
  EXPECT_NE(suppliers[0].status, SupplierStatus::kOk);
  EXPECT_EQ(suppliers[1].status, SupplierStatus::kMalformed);
  EXPECT_EQ(suppliers[2].status, SupplierStatus::kOk);
  EXPECT_GT((*search)->result.offers.size(), 0u);
}

TEST(RecordedSearchTest, StartsTheLargestPayloadsFirst) {
  const std::vector<std::size_t> sizes = {10, 40, 20, 40, 5};
  EXPECT_EQ(LargestFirst(sizes), (std::vector<std::size_t>{1, 3, 2, 0, 4}));
  EXPECT_TRUE(LargestFirst({}).empty());
}

TEST(RecordedSearchTest, ParsesOnThePoolLargestFirstAndAnswersInPayloadOrder) {
  WorkerPool pool(1);
  std::mutex mu;
  std::vector<std::size_t> started;
  const std::vector<std::size_t> sizes = {1, 300, 20};
  std::vector<SupplierOutcome> outcomes = ParseRecordedOnPool(
      sizes.size(), pool,
      [&](std::size_t i, simdjson::ondemand::parser&, SupplierOutcome& outcome) {
        std::lock_guard lock(mu);
        started.push_back(i);
        outcome.name = std::to_string(i);
      },
      sizes);
  EXPECT_EQ(started, (std::vector<std::size_t>{1, 2, 0}));
  ASSERT_EQ(outcomes.size(), 3u);
  EXPECT_EQ(outcomes[0].name, "0");
  EXPECT_EQ(outcomes[2].name, "2");
}

TEST(RecordedSearchTest, NamesCountEachKindApart) {
  const SupplierKind kinds[] = {SupplierKind::kAmadeus, SupplierKind::kDuffel,
                                SupplierKind::kAmadeus};
  EXPECT_EQ(RecordedSupplierNames(kinds),
            (std::vector<std::string>{"amadeus-1", "duffel-1", "amadeus-2"}));
}

}  // namespace
}  // namespace fareflow
