#ifndef FAREFLOW_APP_SERVE_COMMAND_H_
#define FAREFLOW_APP_SERVE_COMMAND_H_

#include <string>

#include <CLI/CLI.hpp>

#include "engine/builtin_supplier.h"

namespace fareflow {

// Flags of `fareflow serve`.
struct ServeFlags {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 picks a free one and prints it
  int builtin_offers = kDefaultBuiltinOffers;
};

// Registers `serve` on `app`: the fareflow HTTP API (POST /v1/searches, GET /v1/places,
// GET /v1/health) answering from the built-in supplier. The callback runs until SIGINT/SIGTERM
// and sets `exit_code`.
void AddServeCommand(CLI::App& app, ServeFlags& flags, int& exit_code);

int RunServeCommand(const ServeFlags& flags);

}  // namespace fareflow

#endif  // FAREFLOW_APP_SERVE_COMMAND_H_
