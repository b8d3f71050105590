#include "app/serve_command.h"

#include <cstdio>
#include <memory>

#include "engine/builtin_source.h"
#include "engine/search_service.h"
#include "engine/worker_pool.h"
#include "net/http_server.h"
#include "refdata/fx_rates.h"
#include "server/api_router.h"
#include "server/api_runtime.h"

namespace fareflow {

void AddServeCommand(CLI::App& app, ServeFlags& f, int& exit_code) {
  CLI::App* cmd = app.add_subcommand(
      "serve", "Serve the fareflow search API over HTTP, answering from the built-in supplier");
  cmd->add_option("--host", f.host, "Address to listen on (loopback by default)");
  cmd->add_option("--port", f.port, "Port; 0 picks a free one and prints it")
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--builtin-offers", f.builtin_offers, "Offers the built-in supplier generates")
      ->check(CLI::Range(1, 100000));
  cmd->callback([&f, &exit_code] { exit_code = RunServeCommand(f); });
}

int RunServeCommand(const ServeFlags& f) {
  // The store of finished searches, the metrics, the search log and the housekeeper that feeds
  // them after each answer; declared first, so that searches still finishing on the pool can
  // hand their work to it.
  Result<std::unique_ptr<server::ApiRuntime>> created = server::ApiRuntime::Create(
      {.store_max_bytes = std::size_t{512} << 20, .search_log_path = {}});
  if (!created) {
    std::fprintf(stderr, "fareflow serve: %s\n", created.error().message.c_str());
    return 2;
  }
  std::unique_ptr<server::ApiRuntime> runtime = std::move(*created);
  // Searches run here, off the io thread; declared before the server so that it outlives it.
  WorkerPool pool(2);
  BuiltinSource source(f.builtin_offers);
  SearchService search(source, refdata::FxRates::Builtin(), {});
  server::ApiServices services{.search = &search, .search_pool = &pool};
  runtime->Wire(services);
  server::Router router = server::MakeApiRouter(services);

  net::HttpServerOptions options;
  options.host = f.host;
  options.port = static_cast<uint16_t>(f.port);
  options.body_limit = 1024 * 1024;
  options.threads = 1;
  net::HttpServer server(options, [&router](std::shared_ptr<net::Exchange> exchange) {
    router.Handle(std::move(exchange));
  });
  if (auto started = server.Start(); !started) {
    std::fprintf(stderr, "fareflow serve: cannot listen on %s:%d: %s\n", f.host.c_str(), f.port,
                 started.error().message.c_str());
    return 1;
  }
  // The first line on standard output says where to connect, for scripts and tests.
  std::printf("fareflow serve: listening on http://%s:%u\n", f.host.c_str(),
              static_cast<unsigned>(server.port()));
  std::fflush(stdout);
  server.WaitForSignal();
  return 0;
}

}  // namespace fareflow
