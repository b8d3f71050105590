// libFuzzer target: untrusted bytes as a Flight Offers Search call to the Amadeus-compatible
// facade (src/server/facade/query.h, request.h). The first byte chooses the shape: even, a GET
// whose query string is the rest; odd, a POST whose body is the rest (with the
// X-HTTP-Method-Override: GET header when bit 1 is set, as the Amadeus SDKs send it).

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "api/search_request_validation.h"
#include "core/datetime.h"
#include "fuzz/offer_invariants.h"
#include "net/wire_exchange.h"
#include "server/facade/query.h"
#include "server/facade/request.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t shape = data[0];
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  fareflow::net::WireRequest request;
  request.path = "/v2/shopping/flight-offers";
  if ((shape & 1) == 0) {
    request.method = "GET";
    request.query = fareflow::net::ParseQueryString(rest);
  } else {
    request.method = "POST";
    request.body = rest;
    request.headers.emplace_back("Content-Type", "application/json");
    if (shape & 2) request.headers.emplace_back("X-HTTP-Method-Override", "GET");
  }
  // A fixed day, so the outcome does not depend on the day the fuzzer runs.
  const fareflow::Days today = *fareflow::ParseDate("2026-06-01");
  const fareflow::amadeus::SearchOrIssues search =
      fareflow::server::ReadFacadeSearch(request, today);
  if (!search) {
    // Refused with at least one issue that says what is wrong.
    fareflow::fuzz::Require(!search.error().empty());
    for (const fareflow::amadeus::Issue& issue : search.error()) {
      fareflow::fuzz::Require(issue.status >= 400 && issue.status < 500);
    }
    return 0;
  }
  // What the facade accepts is a fareflow search that passes fareflow's own checks.
  const fareflow::SearchRequest fareflow_request = fareflow::server::ToFareflowRequest(*search);
  fareflow::fuzz::Require(
      fareflow::ValidateSearchRequest(fareflow_request, {.check_dates = true, .today = today})
          .has_value());
  return 0;
}
