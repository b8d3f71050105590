#ifndef FAREFLOW_APP_KEYS_COMMAND_H_
#define FAREFLOW_APP_KEYS_COMMAND_H_

#include <string>

#include <CLI/CLI.hpp>

namespace fareflow {

// Flags of `fareflow keys new`.
struct KeysFlags {
  std::string name;           // who the key is for
  double rate = 10;           // requests per second
  int burst = 20;             // requests at once
  std::string scope = "api";  // "api" or "metrics"
};

// Registers `keys new` on `app`: mints a client key (server/access/api_key.h). Standard output
// gets two lines, for people and scripts alike: the secret (shown this once; fareflow keeps only
// its SHA-256), then the JSON record to add to the "keys" list of the keys file
// (docs/configuration.md, `auth`). The explanation goes to standard error.
void AddKeysCommand(CLI::App& app, KeysFlags& flags, int& exit_code);

// Returns the exit code: 0, or 2 for a bad name or scope.
int RunKeysNewCommand(const KeysFlags& flags);

}  // namespace fareflow

#endif  // FAREFLOW_APP_KEYS_COMMAND_H_
