#include "net/gzip.h"

#include <zlib.h>

#include <climits>

namespace fareflow::net {
namespace {

// zlib counts in uInt; feed it at most this many bytes per call.
constexpr std::size_t kMaxChunk = UINT_MAX / 2;
constexpr std::size_t kOutChunk = 64 * 1024;

}  // namespace

Result<std::string> GzipCompress(std::string_view data) {
  z_stream zs{};
  // windowBits 15 + 16 asks zlib for a gzip header and trailer instead of a zlib wrapper.
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return MakeError(ErrorCode::kInternal, "gzip: deflateInit2 failed");
  }
  std::string out;
  out.resize(deflateBound(&zs, static_cast<uLong>(data.size())) + 32);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  std::size_t in_left = data.size();
  std::size_t produced = 0;
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    std::size_t feed = in_left < kMaxChunk ? in_left : kMaxChunk;
    zs.avail_in = static_cast<uInt>(feed);
    in_left -= feed;
    if (out.size() - produced < kOutChunk) out.resize(out.size() + kOutChunk);
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    std::size_t room = out.size() - produced;
    zs.avail_out = static_cast<uInt>(room < kMaxChunk ? room : kMaxChunk);
    std::size_t before = zs.avail_out;
    rc = deflate(&zs, in_left == 0 ? Z_FINISH : Z_NO_FLUSH);
    produced += before - zs.avail_out;
    in_left += zs.avail_in;  // what deflate did not take this round
    if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
      deflateEnd(&zs);
      return MakeError(ErrorCode::kInternal, "gzip: deflate failed");
    }
  }
  deflateEnd(&zs);
  out.resize(produced);
  return out;
}

Result<std::string> GzipDecompress(std::string_view data, std::size_t max_output) {
  z_stream zs{};
  // windowBits 15 + 32: detect gzip or zlib headers automatically.
  if (inflateInit2(&zs, 15 + 32) != Z_OK) {
    return MakeError(ErrorCode::kInternal, "gunzip: inflateInit2 failed");
  }
  std::string out;
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  std::size_t in_left = data.size();
  std::size_t produced = 0;
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    if (zs.avail_in == 0) {
      std::size_t feed = in_left < kMaxChunk ? in_left : kMaxChunk;
      zs.avail_in = static_cast<uInt>(feed);
      in_left -= feed;
    }
    if (out.size() - produced < kOutChunk) out.resize(out.size() + kOutChunk);
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    zs.avail_out = static_cast<uInt>(out.size() - produced);
    std::size_t before = zs.avail_out;
    rc = inflate(&zs, Z_NO_FLUSH);
    produced += before - zs.avail_out;
    bool stalled = rc == Z_BUF_ERROR && zs.avail_in == 0 && in_left == 0;
    if ((rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) || stalled) {
      inflateEnd(&zs);
      return MakeError(ErrorCode::kMalformed,
                       stalled ? "gunzip: truncated input" : "gunzip: corrupt input");
    }
    if (produced > max_output) {
      inflateEnd(&zs);
      return MakeError(ErrorCode::kMalformed, "gunzip: output exceeds the limit");
    }
  }
  inflateEnd(&zs);
  out.resize(produced);
  return out;
}

}  // namespace fareflow::net
