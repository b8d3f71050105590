#include "lambda/runtime_api.h"

#include <charconv>
#include <chrono>
#include <utility>

#include "core/base64.h"
#include "core/json_writer.h"
#include "lambda/proxy_answer.h"

namespace fareflow::lambda {
namespace {

// How long a post to the Runtime API may take: it is a loopback call to the Lambda service.
constexpr std::chrono::seconds kPostTimeout{10};
// GET .../next blocks until an event arrives, possibly for hours of a warm, idle function.
constexpr std::chrono::hours kNextTimeout{24 * 365};

}  // namespace

std::string ErrorBody(const FunctionError& error) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  w.Key("errorMessage");
  w.String(error.message);
  w.Key("errorType");
  w.String(error.type);
  w.Key("stackTrace");
  w.BeginArray();
  w.EndArray();
  w.EndObject();
  w.Finish();
  return out;
}

StreamPost::Fields ErrorTrailers(const FunctionError& error) {
  return {{"Lambda-Runtime-Function-Error-Type", error.type},
          {"Lambda-Runtime-Function-Error-Body", EncodeBase64(ErrorBody(error))}};
}

RuntimeApi::RuntimeApi(net::HttpClient& http, std::string endpoint)
    : http_(http), endpoint_(endpoint), base_("http://" + endpoint + "/2018-06-01/runtime") {}

Result<Invocation> RuntimeApi::Next() {
  net::ClientRequest request;
  request.url = base_ + "/invocation/next";
  request.deadline = std::chrono::steady_clock::now() + kNextTimeout;
  request.accept_gzip = false;
  Result<net::ClientResponse> response = http_.Fetch(std::move(request));
  if (!response) return tl::unexpected(response.error());
  if (response->status != 200) {
    return MakeError(ErrorCode::kUnavailable,
                     "invocation/next answered " + std::to_string(response->status));
  }
  Invocation invocation;
  invocation.request_id = std::string(response->Header("Lambda-Runtime-Aws-Request-Id"));
  if (invocation.request_id.empty()) {
    return MakeError(ErrorCode::kMalformed, "invocation/next answered without a request id");
  }
  const std::string_view deadline = response->Header("Lambda-Runtime-Deadline-Ms");
  if (std::from_chars(deadline.data(), deadline.data() + deadline.size(), invocation.deadline_ms)
          .ec != std::errc{}) {
    invocation.deadline_ms = 0;
  }
  invocation.trace_id = std::string(response->Header("Lambda-Runtime-Trace-Id"));
  invocation.function_arn = std::string(response->Header("Lambda-Runtime-Invoked-Function-Arn"));
  invocation.event = std::move(response->body);
  return invocation;
}

Result<void> RuntimeApi::Post(std::string path, std::string body, const FunctionError* error) {
  net::ClientRequest request;
  request.method = "POST";
  request.url = base_ + path;
  request.body = std::move(body);
  request.deadline = std::chrono::steady_clock::now() + kPostTimeout;
  request.accept_gzip = false;
  request.headers.emplace_back("Content-Type", "application/json");
  if (error != nullptr)
    request.headers.emplace_back("Lambda-Runtime-Function-Error-Type", error->type);
  Result<net::ClientResponse> response = http_.Fetch(std::move(request));
  if (!response) return tl::unexpected(response.error());
  if (response->status == 413) {
    return MakeError(ErrorCode::kInvalidArgument, "the answer is over Lambda's payload limit");
  }
  if (response->status / 100 != 2) {
    return MakeError(
        ErrorCode::kUnavailable,
        path + " answered " + std::to_string(response->status) + ": " + response->body);
  }
  return {};
}

Result<void> RuntimeApi::PostResponse(std::string_view request_id, std::string body) {
  return Post("/invocation/" + std::string(request_id) + "/response", std::move(body), nullptr);
}

Result<StreamPost> RuntimeApi::OpenResponseStream(std::string_view request_id,
                                                  std::chrono::steady_clock::time_point deadline) {
  return StreamPost::Open(
      endpoint_, "/2018-06-01/runtime/invocation/" + std::string(request_id) + "/response",
      {{"Lambda-Runtime-Function-Response-Mode", "streaming"},
       {"Content-Type", std::string(kHttpIntegrationContentType)},
       {"Trailer", "Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body"}},
      deadline);
}

Result<void> RuntimeApi::PostError(std::string_view request_id, const FunctionError& error) {
  return Post("/invocation/" + std::string(request_id) + "/error", ErrorBody(error), &error);
}

Result<void> RuntimeApi::PostInitError(const FunctionError& error) {
  return Post("/init/error", ErrorBody(error), &error);
}

}  // namespace fareflow::lambda
