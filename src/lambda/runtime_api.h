#ifndef FAREFLOW_LAMBDA_RUNTIME_API_H_
#define FAREFLOW_LAMBDA_RUNTIME_API_H_

#include <chrono>
#include <string>
#include <string_view>

#include "core/result.h"
#include "lambda/invocation.h"
#include "lambda/stream_post.h"
#include "net/http_client.h"

namespace fareflow::lambda {

// The AWS Lambda Runtime API (version 2018-06-01) at AWS_LAMBDA_RUNTIME_API: the calls a custom
// runtime makes, over a blocking net::HttpClient::Fetch. `http` must outlive this. Not
// thread-safe: one loop uses it.
class RuntimeApi {
 public:
  // `endpoint` is "host:port", as AWS_LAMBDA_RUNTIME_API gives it.
  RuntimeApi(net::HttpClient& http, std::string endpoint);
  RuntimeApi(const RuntimeApi&) = delete;
  RuntimeApi& operator=(const RuntimeApi&) = delete;

  // Waits, without a deadline, for the next event (Lambda freezes the process meanwhile).
  // Errors: the Runtime API cannot be reached, or answers without a request id.
  Result<Invocation> Next();

  // POST .../invocation/{id}/response with `body`. A 413 (answer over the payload limit) is a
  // kInvalidArgument error, so the caller can report it with PostError instead.
  Result<void> PostResponse(std::string_view request_id, std::string body);

  // Starts POST .../invocation/{id}/response as a stream (Lambda-Runtime-Function-Response-Mode:
  // streaming, chunked, Content-Type kHttpIntegrationContentType, and the Trailer field naming
  // Lambda-Runtime-Function-Error-Type and -Body for an error met midway): the caller writes the
  // body's parts and finishes it (StreamPost). `deadline` bounds the connection and the head.
  Result<StreamPost> OpenResponseStream(std::string_view request_id,
                                        std::chrono::steady_clock::time_point deadline);

  // POST .../invocation/{id}/error: {"errorMessage","errorType","stackTrace":[]} and the
  // Lambda-Runtime-Function-Error-Type header.
  Result<void> PostError(std::string_view request_id, const FunctionError& error);

  // POST .../runtime/init/error: the runtime could not start; the caller exits next.
  Result<void> PostInitError(const FunctionError& error);

 private:
  Result<void> Post(std::string path, std::string body, const FunctionError* error);

  net::HttpClient& http_;
  const std::string endpoint_;  // "host:port"
  const std::string base_;      // "http://host:port/2018-06-01/runtime"
};

// The JSON body of an error post.
std::string ErrorBody(const FunctionError& error);

// The trailers that report `error` at the end of a streamed answer: its type, and its ErrorBody
// in base64.
StreamPost::Fields ErrorTrailers(const FunctionError& error);

}  // namespace fareflow::lambda

#endif  // FAREFLOW_LAMBDA_RUNTIME_API_H_
