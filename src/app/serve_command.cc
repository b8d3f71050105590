#include "app/serve_command.h"

#include <cstdio>
#include <memory>

#include "app/environment.h"
#include "app/search_backend.h"
#include "config/service_config.h"
#include "engine/worker_pool.h"
#include "net/connection_cap.h"
#include "net/http_server.h"
#include "server/api/api_router.h"
#include "server/api/api_runtime.h"

namespace fareflow {

void AddServeCommand(CLI::App& app, ServeFlags& f, int& exit_code) {
  CLI::App* cmd = app.add_subcommand(
      "serve", "Serve the fareflow search API over HTTP, fanning out to the configured suppliers");
  cmd->add_option("--host", f.host, "Address to listen on (loopback by default)");
  cmd->add_option("--port", f.port, "Port; 0 picks a free one and prints it")
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--config", f.config, "Configuration file (JSON; docs/configuration.md)");
  cmd->add_option("--builtin-offers", f.builtin_offers,
                  "Offers the built-in supplier generates (overrides the configuration)")
      ->check(CLI::Range(1, 100000));
  cmd->callback([&f, &exit_code] { exit_code = RunServeCommand(f); });
}

int RunServeCommand(const ServeFlags& f) {
  ServiceConfig config = DefaultServiceConfig();
  if (!f.config.empty()) {
    Result<ServiceConfig> loaded = LoadServiceConfig(f.config);
    if (!loaded) {
      const Error& e = loaded.error();
      std::fprintf(stderr, "fareflow serve: %s: %s%s%s\n", f.config.c_str(),
                   e.field.empty() ? "" : e.field.c_str(), e.field.empty() ? "" : ": ",
                   e.message.c_str());
      return 2;
    }
    config = std::move(*loaded);
  }
  if (f.builtin_offers > 0) {
    for (SupplierConfig& s : config.suppliers) {
      if (s.kind == SupplierKind::kBuiltin) s.max_offers = f.builtin_offers;
    }
  }
  // The store of finished searches, the metrics, the search log and the housekeeper that feeds
  // them after each answer; declared first, so that searches still finishing on the pool can
  // hand their work to it.
  Result<std::unique_ptr<server::ApiRuntime>> created =
      server::ApiRuntime::Create(RuntimeOptionsFrom(config));
  if (!created) {
    std::fprintf(stderr, "fareflow serve: %s\n", created.error().message.c_str());
    return 2;
  }
  std::unique_ptr<server::ApiRuntime> runtime = std::move(*created);
  // Declared before the server so that they outlive it. Searches run on `pool`, off the io
  // thread; it blocks on supplier answers, so it has its own threads, not the parse workers.
  SearchBackend backend(config);
  WorkerPool pool(config.search.search_threads);
  server::ApiServices services{
      .search = &backend.search(), .search_pool = &pool, .queue_limit = config.search.queue_limit};
  runtime->Wire(services);
  server::Router router =
      server::MakeApiRouter(services, server::FacadeOptionsFromEnvironment(EnvironmentVariable));

  net::HttpServerOptions options;
  options.host = f.host;
  options.port = static_cast<uint16_t>(f.port);
  options.body_limit = 1024 * 1024;
  options.threads = 1;
  const net::ConnectionCap cap = net::ResolveConnectionCap(config.http.max_connections);
  if (cap.lowered) std::fprintf(stderr, "fareflow serve: %s\n", cap.note.c_str());
  options.max_connections = cap.value;
  net::HttpServer server(options, [&router](std::shared_ptr<net::Exchange> exchange) {
    router.Handle(std::move(exchange));
  });
  runtime->metrics().WatchConnections(server.connection_counters());
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
