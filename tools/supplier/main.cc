// fareflow-supplier: the Amadeus and Duffel emulators over HTTP, for development, tests and
// benchmarks. A program of its own so that `fareflow` itself links no emulator code.

#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>

#include "supplier/supplier_command.h"

int main(int argc, char** argv) {
  CLI::App app{
      "fareflow-supplier: synthetic offers over HTTP in the Amadeus or Duffel wire format"};
  app.set_version_flag("--version", "fareflow-supplier 0.1.0");
  fareflow::SupplierFlags flags;
  fareflow::AddSupplierFlags(app, flags);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  try {
    return fareflow::RunSupplierCommand(flags);
  } catch (const std::exception& e) {
    std::cerr << "fareflow-supplier: internal error: " << e.what() << "\n";
    return 70;
  }
}
