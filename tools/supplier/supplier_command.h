#ifndef FAREFLOW_TOOLS_SUPPLIER_SUPPLIER_COMMAND_H_
#define FAREFLOW_TOOLS_SUPPLIER_SUPPLIER_COMMAND_H_

#include <string>

#include <CLI/CLI.hpp>

#include "emulators/fault_plan.h"

namespace fareflow {

// Flags of `fareflow-supplier`.
struct SupplierFlags {
  std::string kind;  // amadeus | duffel
  std::string host = "127.0.0.1";
  int port = 0;
  int offers_cap = 0;  // amadeus: below `max`; duffel: offers per offer request (default 300)
  emulators::FaultOptions faults;
  std::string client_id = "fareflow-client";          // amadeus
  std::string client_secret = "fareflow-secret";      // amadeus
  int token_ttl = 1799;                               // amadeus, seconds
  std::string access_token = "duffel_test_fareflow";  // duffel
};

// Adds the flags of `fareflow-supplier` to `app`: an HTTP server on loopback that answers as
// Amadeus or Duffel would, with synthetic offers from the built-in supplier and injected faults.
// A program of its own, so that the service (`fareflow`, and its Lambda package) links no
// emulator.
void AddSupplierFlags(CLI::App& app, SupplierFlags& flags);

// Serves until SIGINT/SIGTERM; the process exit code.
int RunSupplierCommand(const SupplierFlags& flags);

}  // namespace fareflow

#endif  // FAREFLOW_TOOLS_SUPPLIER_SUPPLIER_COMMAND_H_
