#ifndef FAREFLOW_SUPPLIERS_AMADEUS_SERVER_ISSUES_H_
#define FAREFLOW_SUPPLIERS_AMADEUS_SERVER_ISSUES_H_

#include <string>
#include <string_view>
#include <vector>

#include "net/wire_exchange.h"

namespace fareflow::amadeus {

// The application codes of Amadeus's error envelope that the emulator and the facade answer with.
// The 4xx search codes are the ones Flight Offers Search v2 documents for its 400 response
// (`responses/400_Search`); 141 is `Error_500`'s example; the 3819x codes are what the API
// gateway sends for a bad Authorization header.
struct IssueCode {
  int code;
  std::string_view title;
};
inline constexpr IssueCode kInvalidDate{425, "INVALID DATE"};
inline constexpr IssueCode kInvalidFormat{477, "INVALID FORMAT"};
inline constexpr IssueCode kCombinationInvalid{2668, "PARAMETER COMBINATION INVALID/RESTRICTED"};
inline constexpr IssueCode kInvalidData{4926, "INVALID DATA RECEIVED"};
inline constexpr IssueCode kTooManyOccurrences{10661, "MAXIMUM NUMBER OF OCCURRENCES EXCEEDED"};
inline constexpr IssueCode kMandatoryDataMissing{32171, "MANDATORY DATA MISSING"};
inline constexpr IssueCode kSystemError{141, "SYSTEM ERROR HAS OCCURRED"};
// The 404 of Flight Cheapest Date Search and Flight Inspiration Search: no cached price matches.
inline constexpr IssueCode kItemNotFound{6003, "ITEM/DATA NOT FOUND OR DATA NOT EXISTING"};
inline constexpr IssueCode kInvalidAccessToken{38190, "Invalid access token"};
inline constexpr IssueCode kInvalidHttpHeader{38191, "Invalid HTTP header"};
inline constexpr IssueCode kAccessTokenExpired{38192, "Access token expired"};
// Not in the specification: the codes the emulator chose for routing failures.
inline constexpr IssueCode kResourceNotFound{38196, "Resource not found"};
inline constexpr IssueCode kMethodNotAllowed{38197, "Method not allowed"};

// One entry of an Amadeus error envelope (the spec's `Issue`). At most one of `parameter` (a GET
// query parameter) and `pointer` (a JSON pointer into a POST body) is set; `example` shows a
// right value.
struct Issue {
  int status = 400;
  IssueCode code = kInvalidFormat;
  std::string detail;
  std::string parameter;
  std::string pointer;
  std::string example;
};

using Issues = std::vector<Issue>;

// Content type of every Flight Offers Search response (the spec's `produces`).
inline constexpr std::string_view kAmadeusJson = "application/vnd.amadeus+json";

// `{"errors":[{"status":…,"code":…,"title":…,"detail":…,"source":{…}}, …]}` with the HTTP status
// of the first issue. `issues` must not be empty.
net::WireResponse ErrorResponse(const Issues& issues);

// A single-issue ErrorResponse without a source.
net::WireResponse ErrorResponse(int status, IssueCode code, std::string detail);

// The envelope the API gateway sends for a rejected access token: 401 with
// `{"errors":[{"code":…,"title":…,"detail":…,"status":401}]}` (members in the gateway's order).
net::WireResponse UnauthorizedResponse(IssueCode code, std::string_view detail);

// The OAuth2 endpoint's `ErrorResponse`: `{"error","error_description","code","title"}`.
net::WireResponse OAuthErrorResponse(int status, std::string_view error,
                                     std::string_view description);

}  // namespace fareflow::amadeus

#endif  // FAREFLOW_SUPPLIERS_AMADEUS_SERVER_ISSUES_H_
