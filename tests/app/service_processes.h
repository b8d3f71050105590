#ifndef FAREFLOW_TESTS_APP_SERVICE_PROCESSES_H_
#define FAREFLOW_TESTS_APP_SERVICE_PROCESSES_H_

// The real binaries as child processes for the whole-service tests: `fareflow serve` and the
// `fareflow-supplier` emulators, each on a port it chose and announced on its first line.

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "support/child_process.h"
#include "support/dates.h"

namespace fareflow::testing_support {

// The port a server announces on its first line ("... listening on http://127.0.0.1:PORT").
inline uint16_t AnnouncedPort(ChildProcess& process) {
  const std::string line = process.ReadLine();
  const std::size_t colon = line.rfind(':');
  if (line.find("listening on http://127.0.0.1:") == std::string::npos) return 0;
  return static_cast<uint16_t>(std::stoi(line.substr(colon + 1)));
}

struct Server {
  explicit Server(std::vector<std::string> argv) : process(std::make_unique<ChildProcess>(argv)) {
    port = AnnouncedPort(*process);
  }
  std::unique_ptr<ChildProcess> process;
  uint16_t port = 0;
};

inline Server Emulator(const std::string& kind, std::vector<std::string> extra = {}) {
  std::vector<std::string> argv = {FAREFLOW_SUPPLIER_BINARY, "--kind", kind, "--port", "0"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return Server(argv);
}

// The "suppliers" list of a configuration: the built-in supplier (300 offers), the Amadeus
// emulator on `amadeus_port` (120) and the Duffel emulator on `duffel_port` (150), with the
// credentials in FF_TEST_AMADEUS_ID, FF_TEST_AMADEUS_SECRET and FF_TEST_DUFFEL_TOKEN.
inline std::string EmulatorSuppliers(uint16_t amadeus_port, uint16_t duffel_port) {
  const std::string amadeus = std::to_string(amadeus_port);
  const std::string duffel = std::to_string(duffel_port);
  return R"("suppliers":[
    {"name":"builtin","kind":"builtin","max_offers":300},
    {"name":"amadeus-emu","kind":"amadeus","base_url":"http://127.0.0.1:)" +
         amadeus + R"(","client_id_env":"FF_TEST_AMADEUS_ID",
     "client_secret_env":"FF_TEST_AMADEUS_SECRET","max_offers":120},
    {"name":"duffel-emu","kind":"duffel","base_url":"http://127.0.0.1:)" +
         duffel + R"(","token_env":"FF_TEST_DUFFEL_TOKEN","max_offers":150}])";
}

// Sets the credentials EmulatorSuppliers names, as the emulators expect them.
inline void SetEmulatorCredentials() {
  ::setenv("FF_TEST_AMADEUS_ID", "fareflow-client", 1);
  ::setenv("FF_TEST_AMADEUS_SECRET", "fareflow-secret", 1);
  ::setenv("FF_TEST_DUFFEL_TOKEN", "duffel_test_fareflow", 1);
}

}  // namespace fareflow::testing_support

#endif  // FAREFLOW_TESTS_APP_SERVICE_PROCESSES_H_
