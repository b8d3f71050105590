#include "supplier/supplier_command.h"

#include <cstdio>
#include <functional>
#include <memory>

#include "emulators/amadeus/amadeus_emulator.h"
#include "emulators/duffel/duffel_emulator.h"
#include "net/fault_exchange.h"
#include "net/http_server.h"
#include "suppliers/amadeus/server/issues.h"
#include "suppliers/duffel/server/errors.h"

namespace fareflow {
namespace {

using emulators::Fault;
using net::WireRequest;
using net::WireResponse;

// The endpoints faults apply to: searches. Authentication stays reliable, so that a test of a
// failing search is not a test of a failing token fetch.
bool IsSearchPath(std::string_view path) {
  return path.starts_with("/v2/shopping/") || path.starts_with("/air/");
}

// The answers a failing supplier gives, in its own error format.
struct FailureAnswers {
  std::function<WireResponse()> server_error;
  std::function<WireResponse()> rate_limited;
};

FailureAnswers AmadeusFailures() {
  return {[] {
            return amadeus::ErrorResponse(500, amadeus::kSystemError,
                                          "The server encountered an unexpected condition");
          },
          [] {
            WireResponse r = amadeus::ErrorResponse(
                429, amadeus::IssueCode{38194, "Too many requests"},
                "The network rate limit is exceeded, please try again later");
            r.headers.emplace_back("Retry-After", "1");
            return r;
          }};
}

FailureAnswers DuffelFailures() {
  return {[] { return duffel::DuffelApiError(); }, [] { return duffel::DuffelRateLimited(1); }};
}

// Answers one exchange: draws its fate from the fault plan, then lets the emulator answer.
void Serve(const std::shared_ptr<net::FaultExchange>& exchange,
           const std::function<WireResponse(const WireRequest&)>& emulate,
           emulators::FaultPlan& plan, const FailureAnswers& failures) {
  const WireRequest& request = exchange->request();
  emulators::FaultPlan::Decision d;
  if (IsSearchPath(request.path)) d = plan.Next();
  switch (d.fault) {
    case Fault::kHang:
      exchange->Hang();
      return;
    case Fault::kReset:
      exchange->Reset(d.latency);
      return;
    case Fault::kServerError:
      exchange->RespondLate(failures.server_error(), d.latency);
      return;
    case Fault::kRateLimited:
      exchange->RespondLate(failures.rate_limited(), d.latency);
      return;
    case Fault::kNone:
    case Fault::kTruncate:
    case Fault::kMalformed:
    case Fault::kOversized:
      break;
  }
  WireResponse response = emulate(request);
  const bool ok = response.status >= 200 && response.status < 300;
  if (ok && d.fault == Fault::kTruncate) {
    exchange->RespondTruncated(std::move(response), emulators::kTruncatedShare, d.latency);
    return;
  }
  if (ok && d.fault == Fault::kMalformed) response.body = emulators::MakeMalformed(response.body);
  if (ok && d.fault == Fault::kOversized) {
    emulators::PadToSize(response.body, static_cast<std::size_t>(plan.options().oversize_mb) << 20);
  }
  exchange->RespondLate(std::move(response), d.latency);
}

}  // namespace

void AddSupplierFlags(CLI::App& app, SupplierFlags& f) {
  CLI::App* cmd = &app;
  cmd->add_option("--kind", f.kind, "amadeus or duffel")
      ->required()
      ->check(CLI::IsMember({"amadeus", "duffel"}));
  cmd->add_option("--host", f.host, "Address to listen on (loopback by default)");
  cmd->add_option("--port", f.port, "Port; 0 picks a free one and prints it")
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--offers-cap", f.offers_cap,
                  "amadeus: most offers an answer holds (below `max`); duffel: offers generated "
                  "per offer request")
      ->check(CLI::Range(0, 100000));
  emulators::FaultOptions& o = f.faults;
  cmd->add_option("--latency-ms", o.latency_ms, "Delay added to every search answer");
  cmd->add_option("--jitter-ms", o.jitter_ms, "Plus a random extra delay up to this");
  cmd->add_option("--fail-rate", o.server_error_rate, "Share of searches answered with a 5xx");
  cmd->add_option("--rate-limit-rate", o.rate_limit_rate, "Share answered 429 (rate limited)");
  cmd->add_option("--reset-rate", o.reset_rate, "Share whose connection is reset");
  cmd->add_option("--truncate-rate", o.truncate_rate,
                  "Share whose body is cut in half (of the bytes sent, gzipped or not)");
  cmd->add_option("--malformed-rate", o.malformed_rate, "Share answered with invalid JSON");
  cmd->add_option("--hang-rate", o.hang_rate, "Share never answered");
  cmd->add_option("--oversize-rate", o.oversize_rate, "Share padded to --oversize-mb");
  cmd->add_option("--oversize-mb", o.oversize_mb, "Size of an oversized answer, MB");
  cmd->add_option("--fault-seed", o.seed, "Seed of the fault sequence");
  cmd->add_option("--client-id", f.client_id, "amadeus: accepted client_id");
  cmd->add_option("--client-secret", f.client_secret, "amadeus: accepted client_secret");
  cmd->add_option("--token-ttl", f.token_ttl, "amadeus: access token lifetime, seconds")
      ->check(CLI::Range(1, 86400));
  cmd->add_option("--access-token", f.access_token, "duffel: accepted bearer token");
}

int RunSupplierCommand(const SupplierFlags& f) {
  if (auto valid = f.faults.Validate(); !valid) {
    std::fprintf(stderr, "fareflow-supplier: %s: %s\n", valid.error().field.c_str(),
                 valid.error().message.c_str());
    return 2;
  }
  emulators::FaultPlan plan(f.faults);
  std::function<WireResponse(const WireRequest&)> emulate;
  FailureAnswers failures;
  std::shared_ptr<void> emulator;  // keeps the emulator alive for `emulate`
  if (f.kind == "amadeus") {
    emulators::AmadeusEmulatorOptions options;
    options.client_id = f.client_id;
    options.client_secret = f.client_secret;
    options.token_ttl_seconds = f.token_ttl;
    options.offers_cap = f.offers_cap;
    auto amadeus = std::make_shared<emulators::AmadeusEmulator>(options);
    emulate = [amadeus](const WireRequest& r) { return amadeus->Handle(r); };
    emulator = amadeus;
    failures = AmadeusFailures();
  } else {
    emulators::DuffelEmulatorOptions options;
    options.access_tokens = {f.access_token};
    if (f.offers_cap > 0) options.offers_per_request = f.offers_cap;
    auto duffel = std::make_shared<emulators::DuffelEmulator>(options);
    emulate = [duffel](const WireRequest& r) { return duffel->Handle(r); };
    emulator = duffel;
    failures = DuffelFailures();
  }

  net::HttpServerOptions options;
  options.host = f.host;
  options.port = static_cast<uint16_t>(f.port);
  options.threads = 2;
  options.server_name = "fareflow-" + f.kind + "-emulator";
  net::HttpServer server(options,
                         net::FaultHandler{[&](std::shared_ptr<net::FaultExchange> exchange) {
                           Serve(exchange, emulate, plan, failures);
                         }});
  if (auto started = server.Start(); !started) {
    std::fprintf(stderr, "fareflow-supplier: cannot listen on %s:%d: %s\n", f.host.c_str(), f.port,
                 started.error().message.c_str());
    return 1;
  }
  // The first line on standard output says where to connect, for scripts and tests.
  std::printf("fareflow-supplier: %s emulator listening on http://%s:%u\n", f.kind.c_str(),
              f.host.c_str(), static_cast<unsigned>(server.port()));
  std::fflush(stdout);
  server.WaitForSignal();
  return 0;
}

}  // namespace fareflow
