#include "server/facade/query.h"

#include <cstddef>
#include <optional>
#include <string>
#include <utility>

#include "api/search_request_json.h"
#include "core/json_reader.h"
#include "suppliers/amadeus/server/search_call.h"

namespace fareflow::server {
namespace {

using amadeus::Issue;
using amadeus::Issues;

// The GET parameter or POST body pointer that a fareflow request field ("/slices/1/origin",
// "/passengers") came from, as `issue.parameter` or `issue.pointer`.
void NameSource(std::string_view field, bool is_get, Issue& issue) {
  constexpr std::string_view kSlices = "/slices/";
  if (field.starts_with(kSlices)) {
    field.remove_prefix(kSlices.size());
    const std::size_t slash = field.find('/');
    const std::string index(field.substr(0, slash));
    const std::string_view member =
        slash == std::string_view::npos ? std::string_view() : field.substr(slash + 1);
    if (is_get) {
      const bool back = index == "1";
      if (member == "departure_date") issue.parameter = back ? "returnDate" : "departureDate";
      if (member == "origin") issue.parameter = "originLocationCode";
      if (member == "destination") issue.parameter = "destinationLocationCode";
      return;
    }
    issue.pointer = "/originDestinations/" + index;
    if (member == "departure_date") issue.pointer += "/departureDateTimeRange/date";
    if (member == "origin") issue.pointer += "/originLocationCode";
    if (member == "destination") issue.pointer += "/destinationLocationCode";
    return;
  }
  if (field.starts_with("/passengers")) {
    if (is_get) {
      issue.parameter = field.ends_with("infants") ? "infants" : "adults";
    } else {
      issue.pointer = "/travelers";
    }
    return;
  }
  if (field == "/currency") {
    if (is_get) {
      issue.parameter = "currencyCode";
    } else {
      issue.pointer = "/currencyCode";
    }
  }
}

// The issue for what fareflow's own validation refused in a search the Amadeus readers passed.
Issue IssueOf(const Error& error, bool is_get) {
  Issue issue;
  issue.detail = error.message;
  if (error.field.ends_with("departure_date")) {
    issue.code = amadeus::kInvalidDate;
  } else if (error.field.starts_with("/passengers")) {
    issue.code = amadeus::kCombinationInvalid;
  } else {
    issue.code = amadeus::kInvalidData;
  }
  NameSource(error.field, is_get, issue);
  return issue;
}

// A key given twice in a POST body: the Amadeus readers take one copy and would drop the other
// without a word (a filter bypassed), so the body is refused naming the key's pointer. A body that
// is not JSON is left to the readers, which word that their way.
std::optional<Issue> DuplicateKeyIssue(std::string_view body) {
  simdjson::dom::parser parser;
  const Result<JsonValue> root = ParseJson(parser, body);
  if (!root) return std::nullopt;
  const Result<void> unique = RefuseDuplicateKeys(*root);
  if (unique) return std::nullopt;
  Issue issue;
  issue.code = amadeus::kInvalidData;
  issue.detail = unique.error().message;
  issue.pointer = unique.error().field;
  return issue;
}

}  // namespace

amadeus::SearchOrIssues ReadFacadeSearch(const net::WireRequest& request, Days today) {
  const bool is_get = request.method == "GET";
  if (!is_get) {
    if (std::optional<Issue> twice = DuplicateKeyIssue(request.body)) {
      return tl::unexpected(Issues{std::move(*twice)});
    }
  }
  amadeus::SearchOrIssues search =
      amadeus::ReadSearchCall(request, today, amadeus::MethodOverride::kOptional);
  if (!search) return search;
  const Result<void> valid =
      ValidateSearchRequest(search->request, {.check_dates = true, .today = today});
  if (!valid) return tl::unexpected(Issues{IssueOf(valid.error(), is_get)});
  return search;
}

}  // namespace fareflow::server
