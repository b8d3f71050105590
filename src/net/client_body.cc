#include "net/client_body.h"

#include <algorithm>

#include <boost/beast/http/error.hpp>
#include <boost/system/errc.hpp>

#include "net/wire_exchange.h"

namespace fareflow::net {
namespace http = boost::beast::http;

bool ClientBody::IsGzipEncoding(std::string_view content_encoding) {
  return EqualsIgnoreCase(content_encoding, "gzip") || EqualsIgnoreCase(content_encoding, "x-gzip");
}

void ClientBody::reader::init(const boost::optional<std::uint64_t>& content_length,
                              boost::beast::error_code& ec) {
  ec = {};
  body_.gzip = body_.gunzip && IsGzipEncoding(encoding_of_(header_));
  if (body_.gzip) {
    body_.gunzip_stream = std::make_unique<GunzipStream>(body_.limit);
  } else if (content_length) {
    // Room for what is announced, never past the limit (the rest would be cut or refused).
    body_.data.reserve(static_cast<std::size_t>(
        std::min<std::uint64_t>(*content_length, static_cast<std::uint64_t>(body_.limit))));
  }
}

void ClientBody::reader::PassLimit(boost::beast::error_code& ec) {
  if (body_.keep_cut) {
    body_.cut = true;
  } else {
    body_.over = true;
  }
  body_.gunzip_stream.reset();
  ec = http::error::body_limit;
}

void ClientBody::reader::Put(std::string_view bytes, boost::beast::error_code& ec) {
  body_.wire_bytes += bytes.size();
  if (!body_.gzip) {
    const std::size_t room = body_.limit - body_.data.size();
    const std::string_view kept = bytes.substr(0, room);
    GrowWithin(body_.data, kept.size(), body_.limit);
    body_.data.append(kept);
    if (bytes.size() > room) PassLimit(ec);
    return;
  }
  switch (body_.gunzip_stream->Feed(bytes, body_.data)) {
    case GunzipStream::Outcome::kMore:
    case GunzipStream::Outcome::kEnd:
      return;
    case GunzipStream::Outcome::kFull:
      return PassLimit(ec);
    case GunzipStream::Outcome::kCorrupt:
      body_.gzip_error = "corrupt gzip stream";
      ec = boost::system::errc::make_error_code(boost::system::errc::illegal_byte_sequence);
      return;
  }
}

void ClientBody::reader::finish(boost::beast::error_code& ec) {
  ec = {};
  if (!body_.gzip || body_.wire_bytes == 0) return;  // an empty gzip answer stays empty
  // Whether the stream ended: feeding nothing answers kMore while it goes on.
  if (body_.gunzip_stream->Feed({}, body_.data) != GunzipStream::Outcome::kEnd) {
    body_.gzip_error = "truncated gzip stream";
    ec = boost::system::errc::make_error_code(boost::system::errc::illegal_byte_sequence);
  }
  body_.gunzip_stream.reset();
}

}  // namespace fareflow::net
