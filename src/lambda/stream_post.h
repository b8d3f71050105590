#ifndef FAREFLOW_LAMBDA_STREAM_POST_H_
#define FAREFLOW_LAMBDA_STREAM_POST_H_

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace fareflow::lambda {

// One HTTP/1.1 POST whose body is sent in chunks as it is made (Transfer-Encoding: chunked),
// ending with trailer fields: what the Lambda Runtime API asks of a streamed answer. It is a
// blocking exchange over its own plain TCP connection (the Runtime API is on loopback, without
// TLS), because net::HttpClient sends only whole bodies. The connection is closed when the
// StreamPost is destroyed, as the Runtime API asks once the answer has been written.
//
// Every call is bounded by its `deadline`. Not thread-safe: one thread writes it. Move-only.
class StreamPost {
 public:
  using Fields = std::vector<std::pair<std::string, std::string>>;

  // Connects to `endpoint` ("host:port") and sends the request head: POST `path` with `headers`
  // and Transfer-Encoding: chunked. Errors: kUnavailable (cannot connect), kTimeout, kIo.
  static Result<StreamPost> Open(std::string_view endpoint, std::string_view path,
                                 const Fields& headers,
                                 std::chrono::steady_clock::time_point deadline);

  StreamPost(StreamPost&& other) noexcept;
  StreamPost& operator=(StreamPost&& other) noexcept;
  StreamPost(const StreamPost&) = delete;
  StreamPost& operator=(const StreamPost&) = delete;
  ~StreamPost();

  // Sends `bytes` as one chunk (nothing when empty: an empty chunk would end the body).
  // Errors: kTimeout, kIo (the peer closed or reset the connection).
  Result<void> Write(std::string_view bytes, std::chrono::steady_clock::time_point deadline);

  // Ends the body with the last chunk and `trailers` (declared in the head's Trailer field by
  // the caller), then reads the answer's status line. Returns the status.
  Result<int> Finish(const Fields& trailers, std::chrono::steady_clock::time_point deadline);

 private:
  explicit StreamPost(int fd) : fd_(fd) {}
  Result<void> SendAll(std::string_view bytes, std::chrono::steady_clock::time_point deadline);

  int fd_ = -1;
};

}  // namespace fareflow::lambda

#endif  // FAREFLOW_LAMBDA_STREAM_POST_H_
