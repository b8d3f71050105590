#ifndef FAREFLOW_APP_LAMBDA_COMMAND_H_
#define FAREFLOW_APP_LAMBDA_COMMAND_H_

#include <string>

#include <CLI/CLI.hpp>

namespace fareflow {

// Flags of `fareflow lambda`.
struct LambdaFlags {
  std::string config;  // path of a configuration file (docs/configuration.md)
};

// Registers `lambda` on `app`: an AWS Lambda custom runtime (provided.al2023) answering the routes
// of the HTTP API from API Gateway events (payload 2.0 and 1.0) and direct search invocations,
// through the Runtime API at AWS_LAMBDA_RUNTIME_API. Runs until the Runtime API fails.
void AddLambdaCommand(CLI::App& app, LambdaFlags& flags, int& exit_code);

int RunLambdaCommand(const LambdaFlags& flags);

}  // namespace fareflow

#endif  // FAREFLOW_APP_LAMBDA_COMMAND_H_
