// Duffel paging through the fan-out (fanout/duffel_pages.cc, SearchState's pages), against the
// Duffel emulator on a real loopback HTTP server. The server records what it was asked and can
// fail or bend one page; no duration is asserted.

#include "fanout/duffel_pages.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cache/supplier_cache.h"
#include "core/arena.h"
#include "emulators/duffel/duffel_emulator.h"
#include "emulators/fault_plan.h"
#include "engine/payload_parser.h"
#include "fanout/fan_out.h"
#include "fanout/fan_out_fixture.h"
#include "fanout/supplier_server.h"
#include "suppliers/duffel/paths.h"

namespace fareflow::fanout {
namespace {

using std::chrono::milliseconds;
using testing::FanOutTest;
using testing::SupplierServer;

// What the Duffel server was asked: method, path and the query parameters that matter here.
struct Asked {
  std::string method, path, return_offers, limit, sort, after;
};

class DuffelPagesTest : public FanOutTest {
 protected:
  // A Duffel emulator generating `offers` offers per offer request, behind a server that records
  // every request and lets `bend` change a request or answer of the offers list.
  void Serve(int offers) {
    emulators::DuffelEmulatorOptions options;
    options.offers_per_request = offers;
    auto emulator = std::make_shared<emulators::DuffelEmulator>(options);
    paged_ = std::make_unique<SupplierServer>([this, emulator](const net::WireRequest& r) {
      Asked asked{std::string(r.method), std::string(r.path), Param(r, "return_offers"),
                  Param(r, "limit"),     Param(r, "sort"),    Param(r, "after")};
      int page = 0;
      {
        std::lock_guard lock(mu_);
        asked_.push_back(asked);
        if (r.path == duffel::kDuffelOffersPath) page = ++pages_asked_;
      }
      if ((page > 0 && page == fail_page_) || (page == 0 && fail_offer_request_)) {
        net::WireResponse failure;
        failure.status = fail_status_;
        failure.body = fail_body_;
        return failure;
      }
      if (page > 0 && page == slow_page_) std::this_thread::sleep_for(milliseconds(1500));
      if (page > 0 && force_limit_ > 0) {
        net::WireRequest bent = r;
        for (auto& [name, value] : bent.query) {
          if (name == "limit") value = std::to_string(force_limit_);
        }
        return emulator->Handle(bent);
      }
      return emulator->Handle(r);
    });
    ASSERT_TRUE(paged_->started());
  }

  static std::string Param(const net::WireRequest& r, std::string_view name) {
    const std::string* value = r.Query(name);
    return value ? *value : "-";
  }

  SupplierConfig Paged(int max_offers, int page_size) const {
    SupplierConfig c = Duffel();
    c.base_url = paged_->url();
    c.max_offers = max_offers;
    c.page_size = page_size;
    return c;
  }

  std::vector<Asked> Pages() {
    std::lock_guard lock(mu_);
    std::vector<Asked> pages;
    for (const Asked& a : asked_) {
      if (a.path == duffel::kDuffelOffersPath) pages.push_back(a);
    }
    return pages;
  }
  std::vector<Asked> AllAsked() {
    std::lock_guard lock(mu_);
    return asked_;
  }

  static std::vector<int64_t> Totals(const SupplierOutcome& o) {
    std::vector<int64_t> totals;
    if (o.batch) {
      for (const Offer& offer : o.batch->offers) totals.push_back(offer.total.minor);
    }
    return totals;
  }

  static std::vector<std::string> Ids(const SupplierOutcome& o) {
    std::vector<std::string> ids;
    if (o.batch) {
      for (const Offer& offer : o.batch->offers) ids.emplace_back(offer.supplier_offer_id);
    }
    return ids;
  }

  // The ids of the offers `o.payload` parses to, cut to its max_offers: what a stored search
  // rebuilds from it (store/search_snapshot.h) and a cached answer serves.
  std::vector<std::string> Reparsed(const SupplierOutcome& o) {
    const simdjson::padded_string bytes(o.payload);
    simdjson::ondemand::parser parser;
    Arena arena;
    OfferBatch batch(arena.resource());
    auto parsed = ParsePayload(o.kind, bytes, parser, *enricher_, arena, 0, batch);
    EXPECT_TRUE(parsed) << parsed.error().message;
    batch.KeepFirst(o.max_offers);
    std::vector<std::string> ids;
    for (const Offer& offer : batch.offers) ids.emplace_back(offer.supplier_offer_id);
    return ids;
  }

  std::mutex mu_;
  std::vector<Asked> asked_;
  int pages_asked_ = 0;
  // Faults, set before the search.
  int fail_page_ = 0;  // this page (1-based) answers fail_status_ with fail_body_
  int fail_status_ = 500;
  std::string fail_body_ = R"({"errors":[{"type":"api_error","title":"Boom"}],"meta":{}})";
  bool fail_offer_request_ = false;  // the offer request answers fail_status_ too
  int slow_page_ = 0;                // this page is answered 1.5 s late
  int force_limit_ = 0;              // every page holds this many offers, whatever the limit asked
  // Last: stopped first, before what its handler touches.
  std::unique_ptr<SupplierServer> paged_;
};

TEST_F(DuffelPagesTest, PagesKeepTheCheapestMaxOffersInOrder) {
  Serve(1000);
  // All 1000 offers in one offer request, as before: the reference prices.
  auto whole = Make({Paged(1000, 0)});
  const SupplierOutcome all = Search(*whole)[0];
  ASSERT_EQ(all.status, SupplierStatus::kOk) << Describe(all);
  std::vector<int64_t> cheapest = Totals(all);
  ASSERT_EQ(cheapest.size(), 1000u);
  std::sort(cheapest.begin(), cheapest.end());
  cheapest.resize(450);
  ASSERT_EQ(AllAsked().at(0).return_offers, "true");

  auto fan_out = Make({Paged(450, 100)});
  const SupplierOutcome paged = Search(*fan_out)[0];
  ASSERT_EQ(paged.status, SupplierStatus::kOk) << Describe(paged);
  EXPECT_EQ(paged.kept(), 450);
  EXPECT_EQ(paged.received(), 450);
  EXPECT_EQ(Totals(paged), cheapest);  // cheapest first, across pages

  const std::vector<Asked> asked = AllAsked();
  ASSERT_EQ(asked.size(), 7u);  // the reference, the offer request, five pages
  EXPECT_EQ(asked[1].method, "POST");
  EXPECT_EQ(asked[1].return_offers, "false");
  const std::vector<Asked> pages = Pages();
  ASSERT_EQ(pages.size(), 5u);
  std::vector<std::string> limits;
  for (const Asked& p : pages) {
    limits.push_back(p.limit);
    EXPECT_EQ(p.sort, "total_amount");
  }
  EXPECT_EQ(limits, (std::vector<std::string>{"100", "100", "100", "100", "50"}));
  EXPECT_EQ(pages[0].after, "-");
  for (std::size_t k = 1; k < pages.size(); ++k) {
    EXPECT_NE(pages[k].after, "-") << k;  // each follows the cursor of the one before
    EXPECT_NE(pages[k].after, pages[k - 1].after) << k;
  }
  // The joined pages stand for the answer: parsed again they give the same offers.
  EXPECT_GT(paged.bytes, 0);
  EXPECT_EQ(Reparsed(paged), Ids(paged));
}

TEST_F(DuffelPagesTest, PagesStopAtTheLastPage) {
  Serve(250);
  auto fan_out = Make({Paged(1000, 100)});
  const SupplierOutcome o = Search(*fan_out)[0];
  ASSERT_EQ(o.status, SupplierStatus::kOk) << Describe(o);
  EXPECT_EQ(o.kept(), 250);
  EXPECT_EQ(Pages().size(), 3u);  // 100, 100, 50 and `meta.after` null
}

TEST_F(DuffelPagesTest, SortNoneAsksDuffelsOwnOrder) {
  Serve(300);
  SupplierConfig config = Paged(120, 50);
  config.sort.clear();
  auto fan_out = Make({config});
  const SupplierOutcome o = Search(*fan_out)[0];
  ASSERT_EQ(o.status, SupplierStatus::kOk) << Describe(o);
  EXPECT_EQ(o.kept(), 120);
  ASSERT_EQ(Pages().size(), 3u);  // 50, 50, 20
  for (const Asked& p : Pages()) EXPECT_EQ(p.sort, "-");
}

TEST_F(DuffelPagesTest, ACursorThatNeverEndsStopsAfterMaxOffersOverPageSizePlusOnePages) {
  Serve(1000);
  force_limit_ = 1;  // pages of one offer, each with a next cursor
  auto fan_out = Make({Paged(300, 100)});
  const SupplierOutcome o = Search(*fan_out)[0];
  ASSERT_EQ(o.status, SupplierStatus::kOk) << Describe(o);
  EXPECT_EQ(Pages().size(), 4u);
  EXPECT_EQ(o.kept(), 4);
}

TEST_F(DuffelPagesTest, AFailedPageKeepsThePagesBeforeItWithItsStatus) {
  Serve(1000);
  fail_page_ = 3;
  auto fan_out = Make({Paged(500, 100)});
  const SupplierOutcome o = Search(*fan_out)[0];
  EXPECT_EQ(o.status, SupplierStatus::kHttpError) << Describe(o);
  EXPECT_EQ(o.kept(), 200);
  EXPECT_NE(o.error.find("page 3 of the offers: HTTP 500"), std::string::npos) << o.error;
  EXPECT_NE(o.error.find("after 2 pages: their 200 offers kept"), std::string::npos) << o.error;
  EXPECT_EQ(Pages().size(), 3u);  // none after the failed one
  EXPECT_EQ(Reparsed(o), Ids(o));
  EXPECT_TRUE(o.ContributesOffers());  // the kept offers are in the search's answer
}

TEST_F(DuffelPagesTest, AnUnreadablePageIsMalformedAndKeepsThePagesBeforeIt) {
  Serve(1000);
  fail_page_ = 2;
  fail_status_ = 200;
  fail_body_ = R"({"data":[{"id":"off_1"},)";
  auto fan_out = Make({Paged(500, 100)});
  const SupplierOutcome o = Search(*fan_out)[0];
  EXPECT_EQ(o.status, SupplierStatus::kMalformed) << Describe(o);
  EXPECT_EQ(o.kept(), 100);
  EXPECT_NE(o.error.find("page 2 of the offers"), std::string::npos) << o.error;
  EXPECT_EQ(Reparsed(o), Ids(o));  // the unreadable page is not part of it
}

TEST_F(DuffelPagesTest, AFailedOfferRequestIsTheCallsFailure) {
  Serve(1000);
  fail_offer_request_ = true;
  auto fan_out = Make({Paged(500, 100)});
  const SupplierOutcome o = Search(*fan_out)[0];
  EXPECT_EQ(o.status, SupplierStatus::kHttpError) << Describe(o);
  EXPECT_EQ(o.batch, nullptr);
  ASSERT_EQ(AllAsked().size(), 1u);
  EXPECT_EQ(AllAsked()[0].return_offers, "false");
  EXPECT_TRUE(Pages().empty());
}

TEST_F(DuffelPagesTest, TheDeadlineKeepsThePagesThatCameInTime) {
  Serve(1000);
  slow_page_ = 3;
  auto fan_out = Make({Paged(500, 100)});
  const SupplierOutcome o = Search(*fan_out, milliseconds(1000))[0];
  EXPECT_EQ(o.status, SupplierStatus::kTimeout) << Describe(o);
  EXPECT_EQ(o.kept(), 200);
  EXPECT_NE(o.error.find("their 200 offers kept"), std::string::npos) << o.error;
  EXPECT_EQ(Reparsed(o), Ids(o));
  EXPECT_TRUE(o.ContributesOffers());  // the pages that came in time are in the answer
}

TEST_F(DuffelPagesTest, APagedAnswerIsCachedAsOneListAndServedTheSame) {
  Serve(1000);
  cache::SupplierCacheOptions options;
  auto cache = std::make_unique<cache::SupplierCache>(std::move(options), nullptr);
  auto fan_out = Make({Paged(450, 100)}, cache.get());
  const SupplierOutcome live = Search(*fan_out)[0];
  ASSERT_EQ(live.status, SupplierStatus::kOk) << Describe(live);
  // Copied: the offers live in the search's context, which the next search replaces.
  const std::vector<int64_t> live_totals = Totals(live);
  const std::vector<std::string> live_ids = Ids(live);
  for (int i = 0; i < 500 && cache->stats().stores < 1; ++i) {
    std::this_thread::sleep_for(milliseconds(10));
  }
  ASSERT_EQ(cache->stats().stores, 1u);
  ASSERT_EQ(Pages().size(), 5u);
  const std::size_t asked = AllAsked().size();

  const SupplierOutcome cached = Search(*fan_out)[0];
  ASSERT_EQ(cached.status, SupplierStatus::kOk) << Describe(cached);
  EXPECT_TRUE(cached.cache.from_cache);
  EXPECT_EQ(AllAsked().size(), asked);  // no new call
  EXPECT_EQ(cached.kept(), 450);
  EXPECT_EQ(Totals(cached), live_totals);
  EXPECT_EQ(Ids(cached), live_ids);
}

}  // namespace
}  // namespace fareflow::fanout
