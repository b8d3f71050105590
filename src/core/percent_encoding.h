#ifndef FAREFLOW_CORE_PERCENT_ENCODING_H_
#define FAREFLOW_CORE_PERCENT_ENCODING_H_

#include <optional>
#include <string>
#include <string_view>

namespace fareflow {

// RFC 3986 percent-encoding (section 2.1), for what fareflow puts in the URLs and form bodies it
// sends (Duffel's paging cursors, Amadeus's client credentials) and for the user info of the
// proxy URLs it reads. A query string it receives is read by net::DecodeQueryComponent, which
// also takes '+' for a space and keeps a malformed escape as sent, as servers do.

// Appends `value` with every byte but the unreserved ones (ALPHA, DIGIT, '-', '.', '_', '~') as
// %XX, upper-case hex.
void AppendPercentEncoded(std::string& out, std::string_view value);

// `text` with each %XX decoded (either case of hex); nullopt when a '%' is not followed by two
// hex digits. '+' stays '+'.
std::optional<std::string> PercentDecode(std::string_view text);

}  // namespace fareflow

#endif  // FAREFLOW_CORE_PERCENT_ENCODING_H_
