#ifndef FAREFLOW_API_MEDIA_RANGE_H_
#define FAREFLOW_API_MEDIA_RANGE_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fareflow {

// One media range of an Accept header (RFC 9110, section 12.5.1), its names folded to lower
// case: "application/json; Profile=\"a b\"; q=0.5" is {type "application", subtype "json",
// parameters {{"profile", "a b"}}, weight 0.5}. Quoted values are unquoted (backslash escapes
// undone) and keep their case. Parameters after the weight (accept-ext) are dropped.
struct MediaRange {
  std::string type;
  std::string subtype;
  std::vector<std::pair<std::string, std::string>> parameters;
  double weight = 1.0;

  // The value of parameter `name` (lower case), or null.
  const std::string* Parameter(std::string_view name) const;
};

// The media ranges of an Accept header value, in order. A range that does not follow the
// grammar (no slash, a bad token, an unterminated quote, a weight that is not 0-1 with at most
// three decimals, "*/json") is left out, and parsing resumes after the next comma outside quotes,
// so garbage costs the client only that range. The header is a client's: any bytes are safe.
std::vector<MediaRange> ParseAccept(std::string_view accept);

}  // namespace fareflow

#endif  // FAREFLOW_API_MEDIA_RANGE_H_
