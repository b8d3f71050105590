#include "app/lambda_command.h"

#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "app/cursor_key.h"
#include "app/environment.h"
#include "app/search_backend.h"
#include "app/trust_anchors.h"
#include "config/service_config.h"
#include "engine/worker_pool.h"
#include "lambda/log_line.h"
#include "lambda/runtime_api.h"
#include "lambda/runtime_loop.h"
#include "net/http_client.h"
#include "server/api/api_router.h"
#include "server/api/api_runtime.h"

namespace fareflow {
namespace {

// Reports a start-up failure to Lambda (it then shows the message and retries the cold start)
// and to the log.
int InitFailed(lambda::RuntimeApi& api, const std::string& type, const std::string& message) {
  const std::string line =
      lambda::LogLine({.level = "error", .message = "start-up failed: " + message});
  std::fputs(line.c_str(), stderr);
  if (Result<void> posted = api.PostInitError({type, message}); !posted) {
    std::fprintf(stderr, "fareflow lambda: init/error: %s\n", posted.error().message.c_str());
  }
  return 2;
}

}  // namespace

void AddLambdaCommand(CLI::App& app, LambdaFlags& f, int& exit_code) {
  CLI::App* cmd = app.add_subcommand(
      "lambda",
      "Run as an AWS Lambda custom runtime (the bootstrap), answering API Gateway events");
  cmd->add_option("--config", f.config, "Configuration file (JSON; docs/configuration.md)")
      ->envname("FAREFLOW_CONFIG");
  cmd->callback([&f, &exit_code] { exit_code = RunLambdaCommand(f); });
}

int RunLambdaCommand(const LambdaFlags& f) {
  const std::optional<std::string> endpoint = EnvironmentVariable("AWS_LAMBDA_RUNTIME_API");
  if (!endpoint || endpoint->empty()) {
    std::fprintf(stderr, "fareflow lambda: AWS_LAMBDA_RUNTIME_API is not set (host:port)\n");
    return 2;
  }
  // The Runtime API has its own client, apart from the suppliers' one: its GET .../next stays
  // open while the function is idle.
  net::HttpClient control({.user_agent = "fareflow-lambda"});
  lambda::RuntimeApi api(control, *endpoint);

  ServiceConfig config = DefaultServiceConfig();
  if (!f.config.empty()) {
    Result<ServiceConfig> loaded = LoadServiceConfig(f.config);
    if (!loaded) {
      const Error& e = loaded.error();
      // Configuration errors usually name the file already.
      const std::string where =
          e.message.find(f.config) == std::string::npos ? f.config + ": " : "";
      return InitFailed(api, "Runtime.InvalidConfig",
                        where + (e.field.empty() ? "" : e.field + ": ") + e.message);
    }
    config = std::move(*loaded);
  }
  Result<server::FacadeOptions> facade = server::FacadeOptionsFromEnvironment(EnvironmentVariable);
  if (!facade) return InitFailed(api, "Runtime.InvalidConfig", facade.error().message);
  if (auto key = InstallCursorKey(config.store, EnvironmentVariable); !key) {
    return InitFailed(api, "Runtime.InvalidConfig", key.error().field + ": " + key.error().message);
  }
  Result<std::string> proxy_note = ProxyStartupNote(config);
  if (!proxy_note) return InitFailed(api, "Runtime.InvalidConfig", proxy_note.error().message);
  if (!proxy_note->empty()) std::fprintf(stderr, "fareflow lambda: %s\n", proxy_note->c_str());
  // The same assembly as `fareflow serve`, in the same order (see serve_command.cc).
  Result<std::unique_ptr<server::ApiRuntime>> created =
      server::ApiRuntime::Create(RuntimeOptionsFrom(config));
  if (!created) return InitFailed(api, "Runtime.InvalidConfig", created.error().message);
  std::unique_ptr<server::ApiRuntime> runtime = std::move(*created);
  for (const std::string& warning : TrustAnchorWarnings(config, EnvironmentVariable)) {
    std::fputs(lambda::LogLine({.level = "warn", .message = warning}).c_str(), stderr);
  }
  SearchBackend backend(config);
  WorkerPool pool(config.search.search_threads);
  server::ApiServices services{.search = &backend.search(),
                               .calendar = &backend.calendar(),
                               .search_pool = &pool,
                               .max_answer_bytes = config.search.max_answer_bytes};
  runtime->Wire(services);
  runtime->metrics().WatchSupplierCache(backend.cache());
  const server::Router router = server::MakeApiRouter(services, *std::move(facade));

  server::Housekeeper& housekeeper = runtime->housekeeper();
  lambda::LoopOptions loop;
  // Set by the template when the function URL's invoke mode is RESPONSE_STREAM (docs/lambda.md).
  loop.handler.stream_function_urls = EnvironmentVariable("FAREFLOW_LAMBDA_STREAMING") == "1";
  return lambda::RunRuntimeLoop(
      api, router, [&housekeeper] { housekeeper.Drain(); }, loop);
}

}  // namespace fareflow
