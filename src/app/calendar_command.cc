#include "app/calendar_command.h"

#include <cstdio>
#include <iostream>
#include <optional>
#include <string_view>

#include "api/calendar_request_json.h"
#include "api/calendar_response.h"
#include "app/calendar_table.h"
#include "app/environment.h"
#include "app/search_backend.h"
#include "app/trust_anchors.h"
#include "calendar/calendar_cells.h"
#include "calendar/calendar_mode.h"
#include "core/clock.h"
#include "core/money.h"
#include "model/name_tables.h"
#include "refdata/currencies.h"

namespace fareflow {
namespace {

int Fail(const Error& e) {
  std::cerr << "fareflow calendar: " << (e.field.empty() ? "" : e.field + ": ") << e.message
            << "\n";
  return 2;
}

tl::unexpected<Error> Bad(std::string flag, std::string message) {
  return MakeError(ErrorCode::kInvalidArgument, std::move(message), std::move(flag));
}

Result<Days> Day(const std::string& flag, std::string_view value) {
  std::optional<Days> d = ParseDate(value);
  if (!d) return Bad(flag, "'" + std::string(value) + "' is not a date YYYY-MM-DD");
  return *d;
}

// A trip length of one or two digits; -1 for anything else.
int Nights(std::string_view text) {
  int n = 0;
  if (text.empty() || text.size() > 2) return -1;
  for (const char c : text) {
    if (c < '0' || c > '9') return -1;
    n = n * 10 + (c - '0');
  }
  return n;
}

// The flag a field of the JSON request stands for, so that errors name what the user typed.
std::string FlagOf(std::string_view pointer) {
  static constexpr std::pair<std::string_view, std::string_view> kFlags[] = {
      {"/origin", "--from"},
      {"/destination", "--to"},
      {"/departure", "--depart"},
      {"/nights", "--nights"},
      {"/return", "--return-from"},
      {"/passengers/children", "--child-ages"},
      {"/passengers/infants", "--infants"},
      {"/passengers", "--adults"},
      {"/currency", "--currency"},
      {"/max_stops", "--max-stops"},
      {"/max_calls", "--max-calls"},
  };
  for (const auto& [prefix, flag] : kFlags) {
    if (pointer.starts_with(prefix)) return std::string(flag);
  }
  return std::string(pointer);
}

Result<CalendarRequest> RequestFromFlags(const CalendarFlags& f) {
  CalendarRequest r;
  if (f.from.empty() || f.to.empty()) return Bad("--from", "give --from and --to");
  r.origin = LocationCode::Parse(f.from);
  r.destination = LocationCode::Parse(f.to);
  if (!r.origin.valid()) return Bad("--from", "'" + f.from + "' is not a three-letter IATA code");
  if (!r.destination.valid()) return Bad("--to", "'" + f.to + "' is not a three-letter IATA code");

  std::string_view from = f.depart_from, to = f.depart_to;
  if (!f.depart.empty()) {
    const std::size_t dots = f.depart.find("..");
    from = std::string_view(f.depart).substr(0, dots);
    to = dots == std::string::npos ? from : std::string_view(f.depart).substr(dots + 2);
  }
  if (from.empty()) return Bad("--depart", "give --depart FROM..TO (or --depart-from)");
  if (to.empty()) to = from;
  auto first = Day("--depart", from);
  auto last = Day("--depart", to);
  if (!first) return tl::unexpected(first.error());
  if (!last) return tl::unexpected(last.error());
  r.departure_from = *first;
  r.departure_to = *last;

  if (!f.nights.empty()) {
    const std::size_t dash = f.nights.find('-');
    const std::string_view text = f.nights;
    const int min = Nights(text.substr(0, dash));
    const int max = dash == std::string::npos ? min : Nights(text.substr(dash + 1));
    if (min < 0 || max < 0) return Bad("--nights", "'" + f.nights + "' must look like 3-10");
    r.min_nights = min;
    r.max_nights = max;
  }
  if (!f.return_from.empty() || !f.return_to.empty()) {
    if (!f.nights.empty()) return Bad("--nights", "give --nights or a return range, not both");
    auto back_from = Day("--return-from", f.return_from.empty() ? f.return_to : f.return_from);
    auto back_to = Day("--return-to", f.return_to.empty() ? f.return_from : f.return_to);
    if (!back_from) return tl::unexpected(back_from.error());
    if (!back_to) return tl::unexpected(back_to.error());
    r.return_from = *back_from;
    r.return_to = *back_to;
  }
  r.passengers.adults = f.adults;
  r.passengers.child_ages = f.child_ages;
  if (r.passengers.child_ages.empty()) {
    r.passengers.child_ages.assign(static_cast<std::size_t>(std::max(0, f.children)), 8);
  }
  r.passengers.infants = f.infants;
  std::optional<Cabin> cabin = ParseCabin(f.cabin);
  if (!cabin) return Bad("--cabin", kCabinNames.MustBe(NameList::kOr));
  r.cabin = *cabin;
  r.currency = CurrencyCode::Parse(f.currency);
  if (!r.currency.valid()) return Bad("--currency", "'" + f.currency + "' is not a currency code");
  if (f.max_stops >= 0) r.max_stops = f.max_stops;
  if (!f.max_price.empty()) {
    std::optional<int64_t> minor = ParseDecimalMinor(f.max_price, refdata::MinorDigits(r.currency));
    if (!minor || *minor < 0) return Bad("--max-price", "'" + f.max_price + "' is not an amount");
    r.max_price_minor = *minor;
  }
  std::optional<CalendarMode> mode = kCalendarModeNames.Find(f.mode);
  if (!mode) return Bad("--mode", kCalendarModeNames.MustBe(NameList::kOr));
  r.mode = *mode;
  r.max_calls = f.max_calls >= 0 ? f.max_calls : kMaxCalendarCallsAsked;
  if (f.deadline_ms >= 0) r.deadline_ms = f.deadline_ms;
  return r;
}

}  // namespace

void AddCalendarCommand(CLI::App& app, CalendarFlags& f, int& exit_code) {
  CLI::App* cmd = app.add_subcommand(
      "calendar",
      "Print the cheapest fare of every departure date (and trip length or return date) in a "
      "range, from the cache of supplier answers and, with --mode fill, the suppliers");
  cmd->add_option("--from", f.from, "Origin airport or city code (MAD, LON)");
  cmd->add_option("--to", f.to, "Destination airport or city code");
  cmd->add_option("--depart", f.depart, "Departure dates FROM..TO (YYYY-MM-DD..YYYY-MM-DD)");
  cmd->add_option("--depart-from", f.depart_from, "First departure date YYYY-MM-DD");
  cmd->add_option("--depart-to", f.depart_to, "Last departure date YYYY-MM-DD");
  cmd->add_option("--nights", f.nights, "Trip lengths MIN-MAX in nights (round trip), e.g. 3-10");
  cmd->add_option("--return-from", f.return_from, "First return date (round trip)");
  cmd->add_option("--return-to", f.return_to, "Last return date (round trip)");
  cmd->add_option("--adults", f.adults, "Adults")->check(CLI::Range(0, 9));
  cmd->add_option("--children", f.children, "Children (aged 8 unless --child-ages)")
      ->check(CLI::Range(0, 9));
  cmd->add_option("--child-ages", f.child_ages, "Ages of the children, 2-17")->delimiter(',');
  cmd->add_option("--infants", f.infants, "Infants on laps")->check(CLI::Range(0, 9));
  cmd->add_option("--cabin", f.cabin, kCabinNames.List(NameList::kOr));
  cmd->add_option("--currency", f.currency, "Currency of the prices");
  cmd->add_option("--max-stops", f.max_stops, "Most stops on any slice")->check(CLI::Range(0, 3));
  cmd->add_option("--max-price", f.max_price, "Highest total price (e.g. 450.00)");
  cmd->add_option("--mode", f.mode,
                  "cached (the cache alone) or fill (ask suppliers for what it lacks; default)");
  cmd->add_option("--max-calls", f.max_calls,
                  "Most supplier calls (default: the configuration's calendar.max_calls)")
      ->check(CLI::Range(0, kMaxCalendarCallsAsked));
  cmd->add_option("--deadline-ms", f.deadline_ms, "Time the suppliers get, in milliseconds")
      ->check(CLI::Range(kMinDeadlineMs, kMaxDeadlineMs));
  cmd->add_option("--config", f.config, "Configuration file (JSON; docs/configuration.md)");
  cmd->add_option("--format", f.format, "json or table")->check(CLI::IsMember({"json", "table"}));
  cmd->callback([&f, &exit_code] { exit_code = RunCalendarCommand(f); });
}

int RunCalendarCommand(const CalendarFlags& f) {
  Result<CalendarRequest> request = RequestFromFlags(f);
  if (!request) return Fail(request.error());
  if (auto valid = ValidateCalendarRequest(*request, {.check_dates = true, .today = TodayUtc()});
      !valid) {
    Error e = valid.error();
    e.field = FlagOf(e.field);
    return Fail(e);
  }
  ServiceConfig config = DefaultServiceConfig();
  if (!f.config.empty()) {
    Result<ServiceConfig> loaded = LoadServiceConfig(f.config);
    if (!loaded) return Fail(loaded.error());
    config = std::move(*loaded);
  }
  if (Result<std::string> proxy = ProxyStartupNote(config); !proxy) return Fail(proxy.error());
  for (const std::string& warning : TrustAnchorWarnings(config, EnvironmentVariable)) {
    std::fprintf(stderr, "fareflow calendar: %s\n", warning.c_str());
  }
  SearchBackend backend(config);
  const bool filling = request->mode == CalendarMode::kFill;
  if (filling) {
    // Supplier calls take seconds; say what is happening while the grid fills.
    std::fprintf(stderr, "fareflow calendar: filling %d cells, at most %d supplier calls\n",
                 CalendarCellCount(*request),
                 std::min(request->max_calls, config.calendar.max_calls));
  }
  const CalendarResult result = backend.calendar().Run(*request);
  std::string out;
  if (f.format == "table") {
    out = FormatCalendarTable(result, *request);
  } else {
    WriteCalendarResponse(result, *request, out);
    out.push_back('\n');
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace fareflow
