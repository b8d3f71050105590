#ifndef FAREFLOW_CORE_BASE64_H_
#define FAREFLOW_CORE_BASE64_H_

#include <string>
#include <string_view>

#include "core/result.h"

namespace fareflow {

// Base64 (RFC 4648) in its two alphabets: the standard one ("+/", section 4), as API Gateway
// sends a body with isBase64Encoded, and the URL-safe one ("-_", section 5), which cursors use
// so they travel in a query string unescaped. Bytes go in and out as std::string.

// Standard alphabet, padded with '=' to a multiple of four characters.
std::string EncodeBase64(std::string_view bytes);

// Standard alphabet, padding optional. Whitespace, '-', '_' and any other character, and a
// length no encoding has, are kMalformed.
Result<std::string> DecodeBase64(std::string_view text);

// URL-safe alphabet, never padded.
std::string EncodeBase64Url(std::string_view bytes);

// URL-safe alphabet, padding optional. '+', '/' and any other character, and a length no
// encoding has, are kMalformed.
Result<std::string> DecodeBase64Url(std::string_view text);

}  // namespace fareflow

#endif  // FAREFLOW_CORE_BASE64_H_
