#ifndef FAREFLOW_LAMBDA_BASE64_H_
#define FAREFLOW_LAMBDA_BASE64_H_

#include <string>
#include <string_view>

#include "core/result.h"

namespace fareflow::lambda {

// Decodes standard base64 (RFC 4648, "+/", padding optional), as API Gateway sends a body with
// isBase64Encoded. Whitespace and any other character are kMalformed.
Result<std::string> DecodeBase64(std::string_view text);

}  // namespace fareflow::lambda

#endif  // FAREFLOW_LAMBDA_BASE64_H_
