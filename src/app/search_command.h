#ifndef FAREFLOW_APP_SEARCH_COMMAND_H_
#define FAREFLOW_APP_SEARCH_COMMAND_H_

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace fareflow {

// Flags of `fareflow search`, as typed; turned into a SearchRequest after parsing.
struct SearchFlags {
  std::string from, to, depart, return_date;
  std::vector<std::string> slices;  // "LHR-JFK-2026-12-20", multi-city
  std::string request_file;         // a fareflow v1 request JSON instead of the flags above
  int adults = 1;
  int children = 0;
  std::vector<int> child_ages;
  int infants = 0;
  std::string cabin = "economy";
  std::string currency = "EUR";
  std::vector<std::string> payloads;  // "amadeus:FILE", "duffel:FILE"
  bool builtin = false;               // ask the built-in supplier too (always, without payloads)
  int builtin_offers = 2000;
  std::string sort = "best";
  int limit = 20;
  std::string cursor;
  std::string format = "json";
  bool no_timings = false;
  bool compact = false;  // --compact: the compact answer form (docs/api.md, "Compact answers")
  std::string fx_file;
  // Filters.
  int max_stops = -1;
  int max_connections = -1;
  std::vector<std::string> airlines, exclude_airlines, alliances, exclude_alliances;
  std::string depart_window, arrive_window, return_depart_window, return_arrive_window;
  int max_duration = -1;
  std::string max_price;
  bool checked_bag = false;
  std::vector<std::string> via, avoid;
  int min_layover = -1, max_layover = -1;
  bool no_airport_change = false;
  int max_co2 = -1;
};

// Registers `search` on `app`; the callback runs the search and sets `exit_code`.
void AddSearchCommand(CLI::App& app, SearchFlags& flags, int& exit_code);

// Runs a search over recorded payload files and/or the built-in supplier and prints the answer.
// Returns the exit code: 0 on success, 2 on bad arguments or unreadable input. On success the
// process ends as soon as the answer is flushed (exit code 0), leaving the teardown to the kernel.
int RunSearchCommand(const SearchFlags& flags);

}  // namespace fareflow

#endif  // FAREFLOW_APP_SEARCH_COMMAND_H_
