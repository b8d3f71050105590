#ifndef FAREFLOW_TESTS_FANOUT_FAN_OUT_FIXTURE_H_
#define FAREFLOW_TESTS_FANOUT_FAN_OUT_FIXTURE_H_

// The fan-out's tests' fixture: the Amadeus and Duffel emulators on real loopback HTTP servers,
// supplier configurations for them and the built-in supplier, and one search at a time.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cache/supplier_cache.h"
#include "emulators/amadeus/amadeus_emulator.h"
#include "emulators/duffel/duffel_emulator.h"
#include "fanout/fan_out.h"
#include "fanout/supplier_server.h"
#include "refdata/fx_rates.h"

namespace fareflow::testing {

using std::chrono::milliseconds;

inline constexpr const char* kAmadeusId = "fareflow-client";
inline constexpr const char* kAmadeusSecret = "fareflow-secret";
inline constexpr const char* kDuffelToken = "duffel_test_fareflow";

inline int64_t SystemUnixSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

inline SearchRequest LondonNewYork() {
  const Days today = static_cast<Days>(SystemUnixSeconds() / 86400);
  SearchRequest r;
  r.slices.push_back({LocationCode::Parse("LHR"), LocationCode::Parse("JFK"), today + 40});
  r.slices.push_back({LocationCode::Parse("JFK"), LocationCode::Parse("LHR"), today + 47});
  return r;
}

class FanOutTest : public ::testing::Test {
 protected:
  FanOutTest() {
    emulators::AmadeusEmulatorOptions amadeus_options;
    // The emulator's clock runs `amadeus_offset_` seconds ahead of the system's: tests expire
    // its tokens by moving it.
    amadeus_options.now_unix_seconds = [offset = amadeus_offset_] {
      return SystemUnixSeconds() + offset->load();
    };
    auto amadeus = std::make_shared<emulators::AmadeusEmulator>(amadeus_options);
    amadeus_ = std::make_unique<SupplierServer>(
        [amadeus](const net::WireRequest& r) { return amadeus->Handle(r); });
    auto duffel = std::make_shared<emulators::DuffelEmulator>(emulators::DuffelEmulatorOptions{});
    duffel_ = std::make_unique<SupplierServer>(
        [duffel](const net::WireRequest& r) { return duffel->Handle(r); });
    env_ = {{"AMADEUS_ID", kAmadeusId},
            {"AMADEUS_SECRET", kAmadeusSecret},
            {"DUFFEL_TOKEN", kDuffelToken}};
  }

  SupplierConfig Amadeus() const {
    SupplierConfig c;
    c.name = "amadeus";
    c.kind = SupplierKind::kAmadeus;
    c.base_url = amadeus_->url();
    c.client_id_env = "AMADEUS_ID";
    c.client_secret_env = "AMADEUS_SECRET";
    c.max_offers = 40;
    return c;
  }
  SupplierConfig Duffel() const {
    SupplierConfig c;
    c.name = "duffel";
    c.kind = SupplierKind::kDuffel;
    c.base_url = duffel_->url();
    c.token_env = "DUFFEL_TOKEN";
    c.max_offers = 100;  // the emulator answers 300: cut after parsing
    return c;
  }
  static SupplierConfig Builtin() {
    SupplierConfig c;
    c.name = "builtin";
    c.kind = SupplierKind::kBuiltin;
    c.max_offers = 200;
    return c;
  }

  // A fan-out over `suppliers`, through `cache` when given.
  std::unique_ptr<fanout::FanOut> Make(std::vector<SupplierConfig> suppliers,
                                       cache::SupplierCache* cache = nullptr) {
    fanout::FanOutOptions options;
    options.cache = cache;
    options.env = [this](const std::string& name) -> std::optional<std::string> {
      auto it = env_.find(name);
      if (it == env_.end()) return std::nullopt;
      return it->second;
    };
    options.clock = [now = now_] {
      return std::chrono::steady_clock::time_point(milliseconds(now->load()));
    };
    options.tls_failures = tls_failures_;
    return std::make_unique<fanout::FanOut>(std::move(suppliers), pool_, http_, options);
  }

  // One search through `fan_out`, its context kept until the next.
  std::vector<SupplierOutcome> Search(fanout::FanOut& fan_out,
                                      milliseconds budget = milliseconds(5000)) {
    return Search(fan_out, LondonNewYork(), budget);
  }
  std::vector<SupplierOutcome> Search(fanout::FanOut& fan_out, SearchRequest request,
                                      milliseconds budget = milliseconds(5000)) {
    context_ = std::make_unique<RequestContext>(std::move(request));
    enricher_ = std::make_unique<Enricher>(context_->request(), refdata::FxRates::Builtin());
    return fan_out.Fetch(*context_, *enricher_, std::chrono::steady_clock::now() + budget);
  }

  static std::string Describe(const SupplierOutcome& o) {
    return o.name + ": " + std::string(SupplierStatusName(o.status)) + " " + o.error;
  }

  std::shared_ptr<std::atomic<int64_t>> amadeus_offset_ = std::make_shared<std::atomic<int64_t>>(0);
  std::shared_ptr<std::atomic<int64_t>> now_ =
      std::make_shared<std::atomic<int64_t>>(1'000'000);  // the FanOut's clock, ms
  std::unique_ptr<SupplierServer> amadeus_;
  std::unique_ptr<SupplierServer> duffel_;
  std::map<std::string, std::string> env_;
  fanout::TlsFailureSink tls_failures_;  // what Make's fan-outs log TLS failures to
  WorkerPool pool_{2};
  // Declared after the servers and the pool: destroyed first, ending calls still in flight.
  net::HttpClient http_;
  std::unique_ptr<RequestContext> context_;
  std::unique_ptr<Enricher> enricher_;
};

}  // namespace fareflow::testing

#endif  // FAREFLOW_TESTS_FANOUT_FAN_OUT_FIXTURE_H_
