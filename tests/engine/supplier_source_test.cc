// SupplierSource::Begin's default: a fetch done when begun.

#include "engine/supplier_source.h"

#include <gtest/gtest.h>

#include <chrono>

#include "core/clock.h"
#include "engine/builtin_source.h"
#include "refdata/fx_rates.h"

namespace fareflow {
namespace {

TEST(SupplierSourceTest, TheDefaultFetchReportsEverySupplierOnceThenWaitGivesThem) {
  SearchRequest r;
  r.slices.push_back({LocationCode::Parse("LON"), LocationCode::Parse("NYC"), TodayUtc() + 30});
  RequestContext context(r);
  const Enricher enricher(context.request(), refdata::FxRates::Builtin());
  BuiltinSource source(50, "only");
  auto fetch = source.Begin(context, enricher, std::chrono::steady_clock::now(), FetchOptions{});
  EXPECT_EQ(fetch->SupplierCount(), 1u);
  auto done = fetch->Progress();
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].first, 0u);
  EXPECT_EQ(done[0].second.name, "only");
  EXPECT_EQ(done[0].second.kept(), 50);
  EXPECT_TRUE(fetch->Progress().empty()) << "each supplier is reported once";
  const std::vector<SupplierOutcome> outcomes = fetch->Wait();
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0].batch, done[0].second.batch);
}

}  // namespace
}  // namespace fareflow
