// fareflow: one binary, one subcommand per way of running the engine.

#include <exception>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "app/calendar_command.h"
#include "app/keys_command.h"
#include "app/lambda_command.h"
#include "app/search_command.h"
#include "app/serve_command.h"

int main(int argc, char** argv) {
  CLI::App app{"fareflow: flight search across suppliers, in milliseconds"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "fareflow 0.1.0");
  int exit_code = 0;
  fareflow::SearchFlags search_flags;
  fareflow::AddSearchCommand(app, search_flags, exit_code);
  fareflow::CalendarFlags calendar_flags;
  fareflow::AddCalendarCommand(app, calendar_flags, exit_code);
  fareflow::ServeFlags serve_flags;
  fareflow::AddServeCommand(app, serve_flags, exit_code);
  fareflow::LambdaFlags lambda_flags;
  fareflow::AddLambdaCommand(app, lambda_flags, exit_code);
  fareflow::KeysFlags keys_flags;
  fareflow::AddKeysCommand(app, keys_flags, exit_code);
  // Lambda starts the package's `bootstrap` -- this binary -- without arguments.
  std::vector<std::string> bootstrap_args = {"lambda"};
  const std::string_view name = argv[0];
  const bool as_bootstrap = argc == 1 && (name == "bootstrap" || name.ends_with("/bootstrap"));
  try {
    if (as_bootstrap) {
      app.parse(bootstrap_args);
    } else {
      app.parse(argc, argv);
    }
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    // Nothing a user sends should get here; if it does, say so in one line, never abort.
    std::cerr << "fareflow: internal error: " << e.what() << "\n";
    return 70;
  }
  return exit_code;
}
