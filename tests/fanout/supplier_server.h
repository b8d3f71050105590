#ifndef FAREFLOW_TESTS_FANOUT_SUPPLIER_SERVER_H_
#define FAREFLOW_TESTS_FANOUT_SUPPLIER_SERVER_H_

// A supplier emulator on a real loopback HTTP server, with the faults the fan-out must survive
// switched on and off by the test, and counts of the requests it received.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>

#include "emulators/amadeus/amadeus_emulator.h"
#include "emulators/duffel/duffel_emulator.h"
#include "emulators/fault_plan.h"
#include "net/http_server.h"
#include "suppliers/amadeus/paths.h"

namespace fareflow::testing {

class SupplierServer {
 public:
  using Emulate = std::function<net::WireResponse(const net::WireRequest&)>;

  explicit SupplierServer(Emulate emulate)
      : emulate_(std::move(emulate)),
        server_(Options(), net::FaultHandler{[this](std::shared_ptr<net::FaultExchange> exchange) {
                  Serve(exchange);
                }}) {
    started_ = server_.Start().has_value();
  }
  ~SupplierServer() { server_.Stop(std::chrono::milliseconds(100)); }

  bool started() const { return started_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(server_.port()); }

  // Faults of search answers (token requests are always answered).
  std::atomic<int> latency_ms{0};
  std::atomic<bool> server_error{false};
  std::atomic<bool> malformed{false};
  // Headers announce the whole body; half of the bytes sent (gzipped, when asked for) go out.
  std::atomic<bool> truncated{false};

  std::atomic<int> token_requests{0};
  std::atomic<int> search_requests{0};
  std::atomic<int> gzip_search_requests{0};  // searches that asked for a gzipped answer
  // The `supplier_timeout` query value of the last search that sent one (Duffel), else -1.
  std::atomic<int> last_supplier_timeout_ms{-1};

 private:
  static net::HttpServerOptions Options() {
    net::HttpServerOptions options;
    options.threads = 2;
    return options;
  }

  void Serve(const std::shared_ptr<net::FaultExchange>& exchange) {
    const net::WireRequest& request = exchange->request();
    if (request.path == amadeus::kAmadeusTokenPath) {
      ++token_requests;
      exchange->Respond(emulate_(request));
      return;
    }
    ++search_requests;
    if (const std::string* timeout = request.Query("supplier_timeout")) {
      last_supplier_timeout_ms = std::atoi(timeout->c_str());
    }
    if (request.Header("Accept-Encoding").find("gzip") != std::string_view::npos) {
      ++gzip_search_requests;
    }
    const std::chrono::milliseconds latency(latency_ms.load());
    if (server_error) {
      net::WireResponse failure;
      failure.status = 500;
      failure.body =
          R"({"errors":[{"status":500,"code":141,"title":"SYSTEM ERROR HAS OCCURRED"}]})";
      exchange->RespondLate(std::move(failure), latency);
      return;
    }
    net::WireResponse response = emulate_(request);
    if (malformed && response.status < 300) {
      response.body = emulators::MakeMalformed(response.body);
    }
    if (truncated && response.status < 300) {
      exchange->RespondTruncated(std::move(response), emulators::kTruncatedShare, latency);
      return;
    }
    exchange->RespondLate(std::move(response), latency);
  }

  Emulate emulate_;
  net::HttpServer server_;
  bool started_ = false;
};

}  // namespace fareflow::testing

#endif  // FAREFLOW_TESTS_FANOUT_SUPPLIER_SERVER_H_
