#include "suppliers/duffel/server/errors.h"

#include <atomic>
#include <chrono>
#include <ctime>
#include <utility>

#include "core/clock.h"
#include "core/json_writer.h"
#include "core/splitmix64.h"
#include "net/http_message.h"

namespace fareflow::duffel {
namespace {

constexpr std::string_view kDocumentationUrl = "https://duffel.com/docs/api/overview/errors";

// The last member name of a pointer ("/slices/0/origin" -> "origin"), which Duffel repeats as
// `source.field`.
std::string_view FieldOf(std::string_view pointer) {
  while (!pointer.empty()) {
    const std::size_t slash = pointer.rfind('/');
    const std::string_view last = pointer.substr(slash == std::string_view::npos ? 0 : slash + 1);
    const bool index = !last.empty() && last.find_first_not_of("0123456789") == last.npos;
    if (!index) return last;
    if (slash == std::string_view::npos) break;
    pointer = pointer.substr(0, slash);
  }
  return {};
}

DuffelProblem Make(int status, std::string_view type, std::string_view code, std::string_view title,
                   std::string message) {
  DuffelProblem p;
  p.status = status;
  p.type = type;
  p.code = code;
  p.title = title;
  p.message = std::move(message);
  return p;
}

// Ids of the responses built without an emulator (the fault helpers): a process-wide sequence.
std::string NextFaultRequestId() {
  static std::atomic<uint64_t> sequence{0};
  return DuffelRequestId(SplitMix64(0x6661756C74ull ^ sequence.fetch_add(1)));
}

}  // namespace

net::WireResponse DuffelErrorResponse(const DuffelProblem& problem, std::string_view request_id) {
  net::WireResponse response;
  response.status = problem.status;
  response.headers.emplace_back("x-request-id", std::string(request_id));
  JsonWriter w(response.body);
  w.BeginObject();
  w.Key("meta");
  w.BeginObject();
  w.Key("status");
  w.Int(problem.status);
  w.Key("request_id");
  w.String(request_id);
  w.EndObject();
  w.Key("errors");
  w.BeginArray();
  w.BeginObject();
  w.Key("type");
  w.String(problem.type);
  w.Key("title");
  w.String(problem.title);
  w.Key("message");
  w.String(problem.message);
  w.Key("documentation_url");
  w.String(kDocumentationUrl);
  w.Key("code");
  w.String(problem.code);
  if (!problem.pointer.empty() || !problem.parameter.empty()) {
    w.Key("source");
    w.BeginObject();
    if (!problem.pointer.empty()) {
      w.Key("pointer");
      w.String(problem.pointer);
      w.Key("field");
      w.String(FieldOf(problem.pointer));
    }
    if (!problem.parameter.empty()) {
      w.Key("parameter");
      w.String(problem.parameter);
    }
    w.EndObject();
  }
  w.EndObject();
  w.EndArray();
  w.EndObject();
  w.Finish();
  return response;
}

DuffelProblem DuffelRequired(std::string_view pointer) {
  DuffelProblem p = Make(422, "validation_error", "validation_required", "Required field",
                         "Field '" + std::string(FieldOf(pointer)) + "' can't be blank");
  p.pointer = pointer;
  return p;
}

DuffelProblem DuffelInvalidData(std::string_view pointer, std::string_view message) {
  DuffelProblem p = Make(422, "validation_error", "invalid_data", "Invalid data",
                         "Field '" + std::string(FieldOf(pointer)) + "' " + std::string(message));
  p.pointer = pointer;
  return p;
}

DuffelProblem DuffelBadParameter(std::string_view name, std::string_view message) {
  DuffelProblem p =
      Make(400, "invalid_request_error", "bad_request", "Bad request", std::string(message));
  p.parameter = name;
  return p;
}

DuffelProblem DuffelBadRequest(std::string_view message) {
  return Make(400, "invalid_request_error", "bad_request", "Bad request", std::string(message));
}

DuffelProblem DuffelNotFound() {
  return Make(404, "invalid_request_error", "not_found", "Not found",
              "The resource you are trying to access does not exist.");
}

DuffelProblem DuffelMissingAuthorization() {
  return Make(401, "authentication_error", "missing_authorization_header",
              "Missing authorization header",
              "The 'Authorization' header needs to be set and contain a valid API token.");
}

DuffelProblem DuffelInvalidAuthorization() {
  return Make(401, "authentication_error", "invalid_authorization_header",
              "Invalid authorization header",
              "The 'Authorization' header needs to be in the format 'Bearer <YOUR_ACCESS_TOKEN>' "
              "and contain a valid API token.");
}

DuffelProblem DuffelMissingVersion() {
  return Make(400, "invalid_request_error", "missing_version_header", "Missing version header",
              "The 'Duffel-Version' header needs to be set to a valid API version.");
}

DuffelProblem DuffelUnsupportedVersion(std::string_view sent) {
  return Make(400, "invalid_request_error", "unsupported_version", "Unsupported version",
              "The 'Duffel-Version' header is set to '" + std::string(sent) +
                  "', which is not a supported API version. Supported versions: v2.");
}

DuffelProblem DuffelNotAcceptable() {
  return Make(406, "invalid_request_error", "unsupported_format", "Unsupported format",
              "The 'Accept' header must allow 'application/json'.");
}

std::string DuffelRequestId(uint64_t seed) {
  static constexpr char kAlphabet[] =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  std::string id = "Fs";
  uint64_t h = SplitMix64(seed);
  for (int i = 0; i < 18; ++i) {
    if (i == 9) h = SplitMix64(h);
    id.push_back(kAlphabet[h % 64]);
    h /= 64;
  }
  return id;
}

net::WireResponse DuffelRateLimited(int retry_after_seconds, int64_t now_unix_seconds, int limit) {
  if (now_unix_seconds < 0) now_unix_seconds = UnixSecondsNow();
  if (retry_after_seconds < 0) retry_after_seconds = 0;
  net::WireResponse response = DuffelErrorResponse(
      Make(429, "rate_limit_error", "rate_limit_exceeded", "Rate limit exceeded",
           "Too many requests hit the API too quickly. Please retry your request after the time "
           "specified in the `ratelimit-reset` header."),
      NextFaultRequestId());
  response.headers.emplace_back("ratelimit-limit", std::to_string(limit));
  response.headers.emplace_back("ratelimit-remaining", "0");
  response.headers.emplace_back(
      "ratelimit-reset", net::HttpDate(std::chrono::system_clock::from_time_t(
                             static_cast<std::time_t>(now_unix_seconds + retry_after_seconds))));
  response.headers.emplace_back("retry-after", std::to_string(retry_after_seconds));
  return response;
}

net::WireResponse DuffelApiError() {
  return DuffelErrorResponse(
      Make(500, "api_error", "internal_server_error", "Internal server error",
           "Something went wrong. The order may still have been created on the airline's side. "
           "Please contact our support team and attach the `request_id` to your message."),
      NextFaultRequestId());
}

}  // namespace fareflow::duffel
