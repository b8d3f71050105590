#ifndef FAREFLOW_APP_ENVIRONMENT_H_
#define FAREFLOW_APP_ENVIRONMENT_H_

#include <optional>
#include <string>

namespace fareflow {

// The value of the process's environment variable `name`, nullopt when unset. Modules below
// app/ take what they need as a parameter (FanOutOptions::env, FacadeOptions), so tests can fake
// it; the one exception is the TLS setup in net/, which only asks whether OpenSSL itself will
// honour SSL_CERT_FILE. Not safe against a concurrent setenv: read before starting threads that
// may change it.
std::optional<std::string> EnvironmentVariable(const std::string& name);

}  // namespace fareflow

#endif  // FAREFLOW_APP_ENVIRONMENT_H_
