#ifndef FAREFLOW_APP_ENVIRONMENT_H_
#define FAREFLOW_APP_ENVIRONMENT_H_

#include <optional>
#include <string>

namespace fareflow {

// The value of the process's environment variable `name`, nullopt when unset. The only reader of
// the environment besides the Lambda bootstrap's own variables: every module below app/ takes
// what it needs as a parameter (a FanOutOptions::env, FacadeOptions), so tests can fake it.
// Not safe against a concurrent setenv: read before starting threads that may change it.
std::optional<std::string> EnvironmentVariable(const std::string& name);

}  // namespace fareflow

#endif  // FAREFLOW_APP_ENVIRONMENT_H_
