#include "app/serve_command.h"

#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <utility>

#include "app/cursor_key.h"
#include "app/environment.h"
#include "app/search_backend.h"
#include "app/trust_anchors.h"
#include "config/service_config.h"
#include "core/exit_now.h"
#include "engine/worker_pool.h"
#include "net/connection_cap.h"
#include "net/http_server.h"
#include "server/access/security_headers.h"
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

namespace {

// SIGINT and SIGTERM, which stop the server.
sigset_t StopSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  return signals;
}

}  // namespace

int RunServeCommand(const ServeFlags& f) {
  // Blocked before any thread starts, so that every thread inherits the mask and the stop signals
  // wait for sigwait() below instead of interrupting whichever thread they land on.
  const sigset_t stop_signals = StopSignals();
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

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
  // Secrets and keys are checked before anything starts: a half-configured facade client or a
  // short cursor key stops the service rather than leave it open or weak.
  Result<server::FacadeOptions> facade = server::FacadeOptionsFromEnvironment(EnvironmentVariable);
  if (!facade) {
    std::fprintf(stderr, "fareflow serve: %s\n", facade.error().message.c_str());
    return 2;
  }
  if (auto key = InstallCursorKey(config.store, EnvironmentVariable); !key) {
    std::fprintf(stderr, "fareflow serve: %s: %s\n", key.error().field.c_str(),
                 key.error().message.c_str());
    return 2;
  }
  Result<std::string> proxy_note = ProxyStartupNote(config);
  if (!proxy_note) {
    std::fprintf(stderr, "fareflow serve: %s\n", proxy_note.error().message.c_str());
    return 2;
  }
  if (!proxy_note->empty()) std::fprintf(stderr, "fareflow serve: %s\n", proxy_note->c_str());
  if (f.builtin_offers > 0) {
    for (SupplierConfig& s : config.suppliers) {
      if (s.kind == SupplierKind::kBuiltin) s.max_offers = f.builtin_offers;
    }
  }
  // The store of finished searches, the metrics, the search log and the housekeeper that feeds
  // them after each answer; declared first, so that searches still finishing on the pool can
  // hand their work to it.
  server::ApiRuntimeOptions runtime_options = RuntimeOptionsFrom(config);
  if (!runtime_options.redis_url.empty() &&
      EnvironmentVariable(config.store.cursor_key_env).value_or("").empty()) {
    std::fprintf(stderr,
                 "fareflow serve: %s is not set: page cursors are good only on this instance, "
                 "not on the others sharing its Redis store\n",
                 config.store.cursor_key_env.c_str());
  }
  Result<std::unique_ptr<server::ApiRuntime>> created =
      server::ApiRuntime::Create(std::move(runtime_options));
  if (!created) {
    std::fprintf(stderr, "fareflow serve: %s\n", created.error().message.c_str());
    return 2;
  }
  std::unique_ptr<server::ApiRuntime> runtime = std::move(*created);
  if (runtime->access().open()) {
    std::fprintf(stderr,
                 "fareflow serve: no API keys configured (auth.api_keys_file or "
                 "FAREFLOW_API_KEYS_FILE): the API is open to anyone who can reach it\n");
  }
  if (!server::FacadeServed(*facade, !runtime->access().open())) {
    std::fprintf(stderr, "fareflow serve: %s\n", server::kFacadeOffBehindKeys);
  }
  for (const std::string& warning : TrustAnchorWarnings(config, EnvironmentVariable)) {
    std::fprintf(stderr, "fareflow serve: %s\n", warning.c_str());
  }
  // Declared before the server so that they outlive it. Searches run on `pool`, off the io
  // thread; it blocks on supplier answers, so it has its own threads, not the parse workers.
  SearchBackend backend(config);
  WorkerPool pool(config.search.search_threads);
  server::ApiServices services{.search = &backend.search(),
                               .calendar = &backend.calendar(),
                               .search_pool = &pool,
                               .queue_limit = config.search.queue_limit,
                               .max_answer_bytes = config.search.max_answer_bytes};
  runtime->Wire(services);
  runtime->metrics().WatchSupplierCache(backend.cache());
  server::Router router = server::MakeApiRouter(services, *std::move(facade));

  net::HttpServerOptions options;
  options.host = f.host;
  options.port = static_cast<uint16_t>(f.port);
  options.body_limit = 1024 * 1024;
  options.threads = 1;
  options.default_headers = server::ApiSecurityHeaders();
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

  int signal = 0;
  sigwait(&stop_signals, &signal);
  // Searches waiting for a search thread are answered 503 at once, and none starts from now on.
  pool.Close();
  // No new connection; searches in flight get up to the grace to be answered, then their
  // connections close.
  server.Stop(config.search.shutdown_grace);
  // The work following the answers that were sent (search log lines, the shared store) is done
  // and the search log flushed.
  runtime->housekeeper().Drain();
  if (pool.busy() > 0) {
    // A search still waiting on a supplier has no client left to answer, and its supplier
    // deadline may be many seconds away: exit now rather than wait for it, skipping the
    // destructors that would join its thread.
    std::fflush(nullptr);
    ExitNow(0);
  }
  return 0;
}

}  // namespace fareflow
