#ifndef FAREFLOW_TESTS_APP_SERVICE_PROCESSES_H_
#define FAREFLOW_TESTS_APP_SERVICE_PROCESSES_H_

// The real binaries as child processes for the whole-service tests: `fareflow serve` and the
// `fareflow supplier` emulators, each on a port it chose and announced on its first line.

#include <cstdint>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "support/child_process.h"

namespace fareflow::testing_support {

inline std::string DaysFromNow(int days) {
  std::time_t t = std::time(nullptr) + static_cast<std::time_t>(days) * 86400;
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", std::gmtime(&t));
  return buf;
}

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
  std::vector<std::string> argv = {FAREFLOW_BINARY, "supplier", "--kind", kind, "--port", "0"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return Server(argv);
}

}  // namespace fareflow::testing_support

#endif  // FAREFLOW_TESTS_APP_SERVICE_PROCESSES_H_
