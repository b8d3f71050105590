#ifndef FAREFLOW_APP_TRUST_ANCHORS_H_
#define FAREFLOW_APP_TRUST_ANCHORS_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/service_config.h"
#include "fanout/tls_failure_log.h"

namespace fareflow {

// Reads an environment variable: its value, nullopt when unset (EnvironmentVariable, or a fake).
using EnvReader = std::function<std::optional<std::string>(const std::string& name)>;

// Whether an enabled supplier of `config` is called over https.
bool HasHttpsSupplier(const ServiceConfig& config);

// What an operator should know at start about the trust anchors the https suppliers are verified
// against, before the first call fails: SSL_CERT_FILE set but empty, or naming a file that does
// not exist or cannot be read (OpenSSL then loads no bundle at all), and SSL_CERT_DIR naming a
// directory that does not exist. One line each, without a prefix:
// "SSL_CERT_FILE=/x/y.pem: no such file; https suppliers will fail certificate verification".
// None when no enabled supplier is https.
std::vector<std::string> TrustAnchorWarnings(const ServiceConfig& config, const EnvReader& env);

// Writes a supplier's TLS failure to standard error as one structured log line (lambda/log_line.h):
// {"level":"error","message":"supplier refused by TLS","supplier":"duffel",
//  "host":"api.duffel.com","error":"TLS: certificate verify failed: ..."}.
// The sink of the service's fan-out (FanOutOptions::tls_failures). Thread-safe.
void LogTlsFailure(const fanout::TlsFailureReport& report);

}  // namespace fareflow

#endif  // FAREFLOW_APP_TRUST_ANCHORS_H_
