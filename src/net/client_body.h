#ifndef FAREFLOW_NET_CLIENT_BODY_H_
#define FAREFLOW_NET_CLIENT_BODY_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <boost/beast/core/buffers_range.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/optional/optional.hpp>

#include "net/gzip.h"

namespace fareflow::net {

// The Beast body type the client reads answers into: it gunzips as the bytes arrive and holds at
// most `limit` decoded bytes, so that neither the wire body nor the decoded one is ever held
// whole past the limit. When the decoded body passes the limit the read stops with
// http::error::body_limit; with `keep_cut` the first `limit` bytes are kept and `cut` is set, so
// that the exchange can answer with them. Internal to src/net; used on the client's io thread.
struct ClientBody {
  struct value_type {
    // Set before the read.
    std::size_t limit = 0;  // decoded bytes
    bool gunzip = false;    // decode a gzip-encoded answer (the request accepted gzip)
    bool keep_cut = false;  // past the limit: keep the first `limit` bytes

    // Filled by the read.
    std::string data;            // the decoded body, at most `limit` bytes
    std::size_t wire_bytes = 0;  // body bytes as received
    bool gzip = false;           // the answer was gzip-encoded and is being decoded
    bool cut = false;            // passed the limit with keep_cut: `data` is its first bytes
    bool over = false;           // passed the limit without keep_cut: the read failed
    std::string gzip_error;      // not empty: the gzip body is corrupt or truncated
    std::unique_ptr<GunzipStream> gunzip_stream;  // while a gzip body is read
  };

  // Beast's body reader: appends what arrives, within the limit.
  class reader {
   public:
    // Made with the parser, before anything is read: the header is looked at in init().
    template <bool isRequest, class Fields>
    reader(boost::beast::http::header<isRequest, Fields>& header, value_type& body)
        : header_(&header), encoding_of_(&EncodingOf<isRequest, Fields>), body_(body) {}

    void init(const boost::optional<std::uint64_t>& content_length, boost::beast::error_code& ec);

    template <class ConstBufferSequence>
    std::size_t put(const ConstBufferSequence& buffers, boost::beast::error_code& ec) {
      ec = {};
      std::size_t taken = 0;
      for (const auto buffer : boost::beast::buffers_range_ref(buffers)) {
        taken += buffer.size();
        Put(std::string_view(static_cast<const char*>(buffer.data()), buffer.size()), ec);
        if (ec) break;
      }
      return taken;
    }

    void finish(boost::beast::error_code& ec);

   private:
    void Put(std::string_view bytes, boost::beast::error_code& ec);
    // Ends the read at the limit: keeps what fits (keep_cut) or fails it.
    void PassLimit(boost::beast::error_code& ec);

    template <bool isRequest, class Fields>
    static std::string_view EncodingOf(const void* header) {
      return (*static_cast<const boost::beast::http::header<isRequest, Fields>*>(
          header))[boost::beast::http::field::content_encoding];
    }

    const void* header_;  // the message's header; lives with the parser
    std::string_view (*encoding_of_)(const void* header);  // its Content-Encoding
    value_type& body_;
  };

  // "gzip" or "x-gzip", without case.
  static bool IsGzipEncoding(std::string_view content_encoding);
};

}  // namespace fareflow::net

#endif  // FAREFLOW_NET_CLIENT_BODY_H_
