#include "app/keys_command.h"

#include <cstdio>

#include "server/access/api_key.h"
#include "server/access/api_key_file.h"

namespace fareflow {

void AddKeysCommand(CLI::App& app, KeysFlags& f, int& exit_code) {
  CLI::App* keys = app.add_subcommand("keys", "Client keys of the HTTP API");
  keys->require_subcommand(1);
  CLI::App* mint = keys->add_subcommand(
      "new", "Mint a client key: prints its secret (once) and the record for the keys file");
  mint->add_option("--name", f.name, "Who the key is for (1 to 200 characters)")->required();
  mint->add_option("--rate", f.rate, "Sustained requests per second")
      ->check(CLI::Range(server::kMinKeyRatePerSecond, server::kMaxKeyRatePerSecond));
  mint->add_option("--burst", f.burst, "Requests allowed at once")
      ->check(CLI::Range(1, server::kMaxKeyBurst));
  mint->add_option("--scope", f.scope, "api (every route) or metrics (GET /metrics only)")
      ->check(CLI::IsMember({"api", "metrics"}));
  mint->callback([&f, &exit_code] { exit_code = RunKeysNewCommand(f); });
}

int RunKeysNewCommand(const KeysFlags& f) {
  const server::KeyScope scope =
      f.scope == "metrics" ? server::KeyScope::kMetrics : server::KeyScope::kApi;
  const server::MintedKey minted = server::MintApiKey(f.name, f.rate, f.burst, scope);
  const std::string record = server::ApiKeyRecordJson(minted.key);
  // The record is checked as the service will read it, so that what is printed always loads.
  if (auto read = server::ParseApiKeys("{\"keys\":[" + record + "]}"); !read) {
    std::fprintf(stderr, "fareflow keys new: %s\n", read.error().message.c_str());
    return 2;
  }
  std::fprintf(stderr,
               "fareflow keys new: the secret (first line) is shown this once: give it to the "
               "client, who sends it as `Authorization: Bearer <secret>` or `X-Api-Key: "
               "<secret>`. Add the record (second line) to the \"keys\" list of the keys file "
               "(auth.api_keys_file or FAREFLOW_API_KEYS_FILE) and restart the service.\n");
  std::printf("%s\n%s\n", minted.secret.c_str(), record.c_str());
  return 0;
}

}  // namespace fareflow
