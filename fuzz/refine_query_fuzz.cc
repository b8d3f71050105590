// libFuzzer target: untrusted bytes as the query string of a refine,
// GET /v1/searches/{id}/offers?<query> (docs/api.md, "Refining and paging a stored search").

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "api/refine_query.h"
#include "api/search_request_json.h"
#include "core/echo.h"
#include "fuzz/offer_invariants.h"
#include "net/wire_exchange.h"

namespace {

using fareflow::ErrorCode;
using fareflow::Result;

// A stored two-slice search in EUR, as a refine finds it.
const fareflow::SearchRequest& Stored() {
  static const fareflow::SearchRequest stored = *fareflow::DecodeSearchRequest(
      R"({"slices":[{"origin":"LON","destination":"NYC","departure_date":"2026-12-20"},)"
      R"({"origin":"NYC","destination":"LON","departure_date":"2026-12-27"}],)"
      R"("passengers":{"adults":2},"currency":"EUR"})",
      {.check_dates = false});
  return stored;
}

// A refused query is a client error that names a parameter, at most an echo's length of it.
void RequireClientError(const fareflow::Error& error) {
  fareflow::fuzz::Require(error.code == ErrorCode::kInvalidArgument);
  fareflow::fuzz::Require(!error.message.empty());
  fareflow::fuzz::Require(error.field.size() <= fareflow::kEchoBytes + 3);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const Result<fareflow::RefineQuery> query =
      fareflow::DecodeRefineQuery(fareflow::net::ParseQueryString(text), Stored().currency,
                                  static_cast<int>(Stored().slices.size()));
  if (!query) {
    RequireClientError(query.error());
    return 0;
  }
  const Result<fareflow::SearchRequest> refined = fareflow::RefinedRequest(Stored(), *query);
  if (!refined) {
    RequireClientError(refined.error());
    return 0;
  }
  // What a refine answers is a valid request: validating it again must agree.
  fareflow::fuzz::Require(
      fareflow::ValidateSearchRequest(*refined, {.check_dates = false}).has_value());
  return 0;
}
