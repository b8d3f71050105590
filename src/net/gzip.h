#ifndef FAREFLOW_NET_GZIP_H_
#define FAREFLOW_NET_GZIP_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"

typedef struct z_stream_s z_stream;

namespace fareflow::net {

// Compresses `data` into a gzip member (RFC 1952) with zlib at the default level.
// Thread-safe: no shared state.
Result<std::string> GzipCompress(std::string_view data);

// Decompresses a gzip stream (also accepts zlib-wrapped data). Fails with kMalformed on corrupt
// or truncated input and when the output would exceed `max_output` bytes.
// Thread-safe: no shared state.
Result<std::string> GzipDecompress(std::string_view data,
                                   std::size_t max_output = std::size_t{256} << 20);

// Makes room for `more` bytes past the end of `out`: its capacity grows geometrically, but never
// past `limit` (the room asked for must fit within it). For readers whose memory is bounded.
void GrowWithin(std::string& out, std::size_t more, std::size_t limit);

// Decompresses a gzip (or zlib) stream that arrives in pieces, appending to a string that never
// grows past `limit` bytes, its capacity included: memory stays bounded by the limit however
// much the input would inflate to. Bytes after the end of the first member are ignored.
// Not thread-safe; one per stream.
class GunzipStream {
 public:
  enum class Outcome {
    kMore,     // all of the input taken; the stream goes on
    kEnd,      // the stream ended (the rest of the input, if any, was not read)
    kFull,     // the output reached `limit` and more would follow: `out` holds its first
               // `limit` bytes and nothing more is decoded
    kCorrupt,  // not gzip, or a corrupt stream
  };

  explicit GunzipStream(std::size_t limit);
  GunzipStream(const GunzipStream&) = delete;
  GunzipStream& operator=(const GunzipStream&) = delete;
  ~GunzipStream();

  // Decodes `in`, appending to `out`, which must hold only what earlier calls appended. Once it
  // answered kEnd, kFull or kCorrupt it answers the same again without reading.
  Outcome Feed(std::string_view in, std::string& out);

 private:
  const std::size_t limit_;
  z_stream* zs_;  // owned; zlib's state
  bool ready_ = false;
  Outcome done_ = Outcome::kMore;  // kMore until the stream is over, one way or another
};

}  // namespace fareflow::net

#endif  // FAREFLOW_NET_GZIP_H_
