#ifndef FAREFLOW_APP_CALENDAR_COMMAND_H_
#define FAREFLOW_APP_CALENDAR_COMMAND_H_

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace fareflow {

// Flags of `fareflow calendar`, as typed; they mirror POST /v1/calendars' body.
struct CalendarFlags {
  std::string from, to;
  std::string depart;                  // "2027-03-01..2027-03-31"
  std::string depart_from, depart_to;  // or the two bounds apart
  std::string nights;                  // "3-10", or a return range:
  std::string return_from, return_to;
  int adults = 1;
  int children = 0;
  std::vector<int> child_ages;
  int infants = 0;
  std::string cabin = "economy";
  std::string currency = "EUR";
  int max_stops = -1;
  std::string max_price;
  // A process starts with an empty cache, so the command fills by default (the API's default is
  // `cached`).
  std::string mode = "fill";
  int max_calls = -1;  // -1: the most a request may ask for, within the configuration's cap
  int deadline_ms = -1;
  std::string config;  // the service configuration: its suppliers and calendar.max_calls
  std::string format = "json";
};

// Registers `calendar` on `app`; the callback prints the calendar and sets `exit_code`.
void AddCalendarCommand(CLI::App& app, CalendarFlags& flags, int& exit_code);

// Builds a price calendar over the configured suppliers (the built-in one without --config) and
// prints it as POST /v1/calendars answers it, or as a grid. Returns the exit code: 0 on success,
// 2 on bad arguments or configuration.
int RunCalendarCommand(const CalendarFlags& flags);

}  // namespace fareflow

#endif  // FAREFLOW_APP_CALENDAR_COMMAND_H_
