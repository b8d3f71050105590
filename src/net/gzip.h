#ifndef FAREFLOW_NET_GZIP_H_
#define FAREFLOW_NET_GZIP_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"

namespace fareflow::net {

// Compresses `data` into a gzip member (RFC 1952) with zlib at the default level.
// Thread-safe: no shared state.
Result<std::string> GzipCompress(std::string_view data);

// Decompresses a gzip stream (also accepts zlib-wrapped data). Fails with kMalformed on corrupt
// or truncated input and when the output would exceed `max_output` bytes.
// Thread-safe: no shared state.
Result<std::string> GzipDecompress(std::string_view data,
                                   std::size_t max_output = std::size_t{256} << 20);

}  // namespace fareflow::net

#endif  // FAREFLOW_NET_GZIP_H_
