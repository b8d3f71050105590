#include "net/gzip.h"

#include <zlib.h>

#include <algorithm>
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
  GunzipStream stream(max_output);
  std::string out;
  switch (stream.Feed(data, out)) {
    case GunzipStream::Outcome::kEnd:
      return out;
    case GunzipStream::Outcome::kMore:
      return MakeError(ErrorCode::kMalformed, "gunzip: truncated input");
    case GunzipStream::Outcome::kFull:
      return MakeError(ErrorCode::kMalformed, "gunzip: output exceeds the limit");
    case GunzipStream::Outcome::kCorrupt:
      break;
  }
  return MakeError(ErrorCode::kMalformed, "gunzip: corrupt input");
}

GunzipStream::GunzipStream(std::size_t limit) : limit_(limit), zs_(new z_stream{}) {
  // windowBits 15 + 32: detect gzip or zlib headers automatically.
  ready_ = inflateInit2(zs_, 15 + 32) == Z_OK;
  if (!ready_) done_ = Outcome::kCorrupt;
}

GunzipStream::~GunzipStream() {
  if (ready_) inflateEnd(zs_);
  delete zs_;
}

void GrowWithin(std::string& out, std::size_t more, std::size_t limit) {
  const std::size_t need = out.size() + more;
  if (need <= out.capacity()) return;
  const std::size_t capacity = std::min(limit, std::max(need, out.capacity() * 2));
  if (capacity >= out.capacity() * 2) {
    out.reserve(capacity);
    return;
  }
  // reserve() may itself double the capacity (libstdc++ does when asked for less than twice
  // it), which would pass the limit: a fresh string gets exactly what it asks for.
  std::string bigger;
  bigger.reserve(capacity);
  bigger.append(out);
  out.swap(bigger);
}

GunzipStream::Outcome GunzipStream::Feed(std::string_view in, std::string& out) {
  if (done_ != Outcome::kMore) return done_;
  zs_->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs_->avail_in = 0;
  std::size_t in_left = in.size();
  for (;;) {
    if (zs_->avail_in == 0) {
      if (in_left == 0) return Outcome::kMore;
      const std::size_t feed = std::min(in_left, kMaxChunk);
      zs_->avail_in = static_cast<uInt>(feed);
      in_left -= feed;
    }
    const uInt in_before = zs_->avail_in;
    const std::size_t out_before = out.size();
    int rc;
    if (out.size() >= limit_) {
      // Full: one byte more would pass the limit. Ask for a single byte to learn whether the
      // stream ends here (only its trailer left) or goes on.
      unsigned char probe;
      zs_->next_out = &probe;
      zs_->avail_out = 1;
      rc = inflate(zs_, Z_NO_FLUSH);
      if (zs_->avail_out == 0) return done_ = Outcome::kFull;
    } else {
      const std::size_t size = out.size();
      const std::size_t room = std::min(limit_ - size, kOutChunk * 4);
      GrowWithin(out, room, limit_);
      out.resize(size + room);
      zs_->next_out = reinterpret_cast<Bytef*>(out.data() + size);
      zs_->avail_out = static_cast<uInt>(room);
      rc = inflate(zs_, Z_NO_FLUSH);
      out.resize(size + room - zs_->avail_out);
    }
    if (rc == Z_STREAM_END) return done_ = Outcome::kEnd;
    if (rc != Z_OK && rc != Z_BUF_ERROR) return done_ = Outcome::kCorrupt;
    // No progress with input left and room for output: zlib cannot go on.
    if (zs_->avail_in == in_before && zs_->avail_in != 0 && out.size() == out_before) {
      return done_ = Outcome::kCorrupt;
    }
  }
}

}  // namespace fareflow::net
