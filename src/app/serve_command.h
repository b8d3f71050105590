#ifndef FAREFLOW_APP_SERVE_COMMAND_H_
#define FAREFLOW_APP_SERVE_COMMAND_H_

#include <string>

#include <CLI/CLI.hpp>

#include "engine/builtin_supplier.h"

namespace fareflow {

// Flags of `fareflow serve`.
struct ServeFlags {
  std::string host = "127.0.0.1";
  int port = 8080;         // 0 picks a free one and prints it
  int builtin_offers = 0;  // overrides max_offers of the built-in supplier when set
  std::string config;      // path of a configuration file (docs/configuration.md)
};

// Registers `serve` on `app`: the fareflow HTTP API (docs/api.md) answering from the suppliers of
// the configuration file, or the built-in supplier alone without one. The callback runs until
// SIGINT/SIGTERM, then stops (docs/configuration.md, `search.shutdown_grace_ms`): searches still
// queued get 503 at once, searches in flight get the grace, and it sets `exit_code`.
void AddServeCommand(CLI::App& app, ServeFlags& flags, int& exit_code);

int RunServeCommand(const ServeFlags& flags);

}  // namespace fareflow

#endif  // FAREFLOW_APP_SERVE_COMMAND_H_
