#include "app/search_command.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "api/search_request_json.h"
#include "api/search_response.h"
#include "app/table_output.h"
#include "core/clock.h"
#include "core/exit_now.h"
#include "engine/payload_files.h"
#include "engine/recorded_search.h"
#include "engine/search_service.h"
#include "model/name_tables.h"
#include "refdata/currencies.h"
#include "refdata/fx_rates.h"

namespace fareflow {
namespace {

// A bad flag or value: printed as one line, exit code 2.
struct UsageError {
  std::string message;
};

std::vector<std::string> SplitCommas(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const std::string& v : values) {
    std::stringstream ss(v);
    std::string item;
    while (std::getline(ss, item, ',')) {
      if (!item.empty()) out.push_back(item);
    }
  }
  return out;
}

Result<LocationCode> ParsePlace(const std::string& flag, const std::string& value) {
  LocationCode code = LocationCode::Parse(value);
  if (!code.valid()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "'" + value + "' is not a three-letter IATA airport or city code", flag);
  }
  return code;
}

Result<Days> ParseDay(const std::string& flag, const std::string& value) {
  auto d = ParseDate(value);
  if (!d)
    return MakeError(ErrorCode::kInvalidArgument, "'" + value + "' is not a date YYYY-MM-DD", flag);
  return *d;
}

Result<std::optional<TimeWindow>> Window(const std::string& flag, const std::string& value) {
  if (value.empty()) return std::optional<TimeWindow>();
  auto w = ParseTimeWindow(value);
  if (!w) return MakeError(ErrorCode::kInvalidArgument, w.error().message, flag);
  return std::optional<TimeWindow>(*w);
}

Result<SearchRequest> RequestFromFlags(const SearchFlags& f) {
  SearchRequest r;
  if (!f.slices.empty()) {
    for (const std::string& s : f.slices) {
      // FROM-TO-YYYY-MM-DD
      if (s.size() != 18 || s[3] != '-' || s[7] != '-') {
        return MakeError(ErrorCode::kInvalidArgument,
                         "'" + s + "' must look like LHR-JFK-2026-12-20", "--slice");
      }
      auto from = ParsePlace("--slice", s.substr(0, 3));
      auto to = ParsePlace("--slice", s.substr(4, 3));
      auto day = ParseDay("--slice", s.substr(8));
      if (!from) return tl::unexpected(from.error());
      if (!to) return tl::unexpected(to.error());
      if (!day) return tl::unexpected(day.error());
      r.slices.push_back({*from, *to, *day});
    }
  } else {
    if (f.from.empty() || f.to.empty() || f.depart.empty()) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "give --from, --to and --depart (or --slice ..., or --request FILE)",
                       "--from");
    }
    auto from = ParsePlace("--from", f.from);
    auto to = ParsePlace("--to", f.to);
    auto day = ParseDay("--depart", f.depart);
    if (!from) return tl::unexpected(from.error());
    if (!to) return tl::unexpected(to.error());
    if (!day) return tl::unexpected(day.error());
    r.slices.push_back({*from, *to, *day});
    if (!f.return_date.empty()) {
      auto back = ParseDay("--return", f.return_date);
      if (!back) return tl::unexpected(back.error());
      r.slices.push_back({*to, *from, *back});
    }
  }
  r.passengers.adults = f.adults;
  r.passengers.child_ages = f.child_ages;
  if (r.passengers.child_ages.empty())
    r.passengers.child_ages.assign(static_cast<std::size_t>(std::max(0, f.children)), 8);
  r.passengers.infants = f.infants;
  auto cabin = ParseCabin(f.cabin);
  if (!cabin)
    return MakeError(ErrorCode::kInvalidArgument, kCabinNames.MustBe(NameList::kOr), "--cabin");
  r.cabin = *cabin;
  r.currency = CurrencyCode::Parse(f.currency);
  if (!r.currency.valid())
    return MakeError(ErrorCode::kInvalidArgument, "'" + f.currency + "' is not a currency code",
                     "--currency");
  auto sort = ParseSortKey(f.sort);
  if (!sort)
    return MakeError(ErrorCode::kInvalidArgument, kSortKeyNames.MustBe(NameList::kOr), "--sort");
  r.sort = *sort;
  r.limit = f.limit;
  r.cursor = f.cursor;
  if (f.max_connections >= 0) r.max_connections = f.max_connections;

  Filters& filters = r.filters;
  if (f.max_stops >= 0) filters.max_stops = f.max_stops;
  for (const auto& [flag, values, out] :
       {std::tuple{"--airlines", &f.airlines, &filters.include_airlines},
        std::tuple{"--exclude-airlines", &f.exclude_airlines, &filters.exclude_airlines}}) {
    for (const std::string& code : SplitCommas(*values)) {
      AirlineCode a = AirlineCode::Parse(code);
      if (!a.valid())
        return MakeError(ErrorCode::kInvalidArgument, "'" + code + "' is not an airline code",
                         flag);
      out->push_back(a);
    }
  }
  for (const auto& [flag, values, out] :
       {std::tuple{"--alliances", &f.alliances, &filters.include_alliances},
        std::tuple{"--exclude-alliances", &f.exclude_alliances, &filters.exclude_alliances}}) {
    for (const std::string& name : SplitCommas(*values)) {
      refdata::Alliance a;
      if (!refdata::ParseAlliance(name, &a))
        return MakeError(ErrorCode::kInvalidArgument,
                         "'" + name + "' is not star_alliance, oneworld or skyteam", flag);
      out->push_back(a);
    }
  }
  for (const auto& [flag, values, out] :
       {std::tuple{"--via", &f.via, &filters.layover_airports_include},
        std::tuple{"--avoid", &f.avoid, &filters.layover_airports_exclude}}) {
    for (const std::string& code : SplitCommas(*values)) {
      auto place = ParsePlace(flag, code);
      if (!place) return tl::unexpected(place.error());
      out->push_back(*place);
    }
  }
  const std::string* windows[2][2] = {{&f.depart_window, &f.arrive_window},
                                      {&f.return_depart_window, &f.return_arrive_window}};
  const char* window_flags[2][2] = {{"--depart-window", "--arrive-window"},
                                    {"--return-depart-window", "--return-arrive-window"}};
  for (std::size_t slice = 0; slice < 2; ++slice) {
    for (int which = 0; which < 2; ++which) {
      auto w = Window(window_flags[slice][which], *windows[slice][which]);
      if (!w) return tl::unexpected(w.error());
      if (!*w) continue;
      if (slice >= r.slices.size())
        return MakeError(ErrorCode::kInvalidArgument, "the search has no return slice",
                         window_flags[slice][which]);
      auto& list = which == 0 ? filters.departure_windows : filters.arrival_windows;
      if (list.size() <= slice) list.resize(slice + 1);
      list[slice] = *w;
    }
  }
  if (f.max_duration > 0) filters.max_duration_minutes = f.max_duration;
  if (!f.max_price.empty()) {
    auto minor = ParseDecimalMinor(f.max_price, refdata::MinorDigits(r.currency));
    if (!minor || *minor < 0)
      return MakeError(ErrorCode::kInvalidArgument, "'" + f.max_price + "' is not an amount",
                       "--max-price");
    filters.max_price_minor = *minor;
  }
  filters.checked_bag_included = f.checked_bag;
  if (f.min_layover >= 0) filters.min_layover_minutes = f.min_layover;
  if (f.max_layover >= 0) filters.max_layover_minutes = f.max_layover;
  filters.no_airport_change = f.no_airport_change;
  if (f.max_co2 >= 0) filters.max_co2_kg = f.max_co2;
  return r;
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kIo, "cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Result<std::vector<PayloadFile>> PayloadFiles(const std::vector<std::string>& specs) {
  std::vector<PayloadFile> files;
  std::vector<SupplierKind> kinds;
  for (const std::string& spec : specs) {
    std::size_t colon = spec.find(':');
    auto kind =
        colon == std::string::npos ? std::nullopt : ParseSupplierKind(spec.substr(0, colon));
    if (!kind || *kind == SupplierKind::kBuiltin) {
      return MakeError(ErrorCode::kInvalidArgument,
                       "'" + spec + "' must be amadeus:FILE or duffel:FILE", "--payload");
    }
    PayloadFile file;
    file.kind = *kind;
    file.path = spec.substr(colon + 1);
    files.push_back(std::move(file));
    kinds.push_back(*kind);
  }
  if (files.size() > kMaxRecordedPayloads) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "at most " + std::to_string(kMaxRecordedPayloads) + " payloads", "--payload");
  }
  std::vector<std::string> names = RecordedSupplierNames(kinds);
  for (std::size_t i = 0; i < files.size(); ++i) files[i].name = std::move(names[i]);
  return files;
}

int Fail(const Error& e) {
  std::cerr << "fareflow search: " << (e.field.empty() ? "" : e.field + ": ") << e.message << "\n";
  return 2;
}

}  // namespace

void AddSearchCommand(CLI::App& app, SearchFlags& f, int& exit_code) {
  CLI::App* cmd = app.add_subcommand(
      "search",
      "Search the built-in supplier and/or recorded supplier payloads and print a ranked, deduped, "
      "filtered answer");
  cmd->add_option("--from", f.from, "Origin airport or city code (LHR, LON)");
  cmd->add_option("--to", f.to, "Destination airport or city code");
  cmd->add_option("--depart", f.depart, "Departure date YYYY-MM-DD");
  cmd->add_option("--return", f.return_date, "Return date YYYY-MM-DD (round trip)");
  cmd->add_option("--slice", f.slices, "Multi-city slice FROM-TO-YYYY-MM-DD (repeatable)");
  cmd->add_option("--request", f.request_file, "A fareflow v1 search request JSON file");
  cmd->add_option("--adults", f.adults, "Adults")->check(CLI::Range(0, 9));
  cmd->add_option("--children", f.children, "Children (aged 8 unless --child-ages)")
      ->check(CLI::Range(0, 9));
  cmd->add_option("--child-ages", f.child_ages, "Ages of the children, 2-17")->delimiter(',');
  cmd->add_option("--infants", f.infants, "Infants on laps")->check(CLI::Range(0, 9));
  cmd->add_option("--cabin", f.cabin, kCabinNames.List(NameList::kOr));
  cmd->add_option("--currency", f.currency, "Currency of prices in the answer");
  cmd->add_option(
      "--payload", f.payloads,
      "Recorded supplier response KIND:FILE (amadeus, duffel); none: built-in supplier");
  cmd->add_flag("--builtin", f.builtin, "Ask the built-in supplier as well as the payloads");
  cmd->add_option("--builtin-offers", f.builtin_offers, "Offers the built-in supplier generates")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--sort", f.sort, kSortKeyNames.List(NameList::kOneOf));
  cmd->add_option("--limit", f.limit, "Offers per page; 0 prints the whole result set")
      ->check(CLI::Range(0, 100000));
  cmd->add_option("--cursor", f.cursor, "Cursor of the page to print");
  cmd->add_option("--format", f.format, "json or table")->check(CLI::IsMember({"json", "table"}));
  cmd->add_flag("--no-timings", f.no_timings, "Leave timings out (stable output)");
  cmd->add_flag(
      "--compact", f.compact,
      "JSON in the compact form: places, carriers, aircraft and itineraries written once");
  cmd->add_option("--fx-file", f.fx_file, "Exchange rates file replacing the built-in snapshot");
  cmd->add_option("--max-stops", f.max_stops, "Most stops on any slice")->check(CLI::Range(0, 3));
  cmd->add_option("--max-connections", f.max_connections, "Most connections asked of suppliers")
      ->check(CLI::Range(0, 3));
  cmd->add_option("--airlines", f.airlines, "Only these marketing carriers (BA,AA)");
  cmd->add_option("--exclude-airlines", f.exclude_airlines, "None of these carriers");
  cmd->add_option("--alliances", f.alliances, "Only these alliances (oneworld,skyteam,...)");
  cmd->add_option("--exclude-alliances", f.exclude_alliances, "None of these alliances");
  cmd->add_option("--depart-window", f.depart_window, "Outbound departure between HH:MM-HH:MM");
  cmd->add_option("--arrive-window", f.arrive_window, "Outbound arrival between HH:MM-HH:MM");
  cmd->add_option("--return-depart-window", f.return_depart_window, "Return departure window");
  cmd->add_option("--return-arrive-window", f.return_arrive_window, "Return arrival window");
  cmd->add_option("--max-duration", f.max_duration, "Longest slice, in minutes");
  cmd->add_option("--max-price", f.max_price, "Highest total price (e.g. 950.00)");
  cmd->add_flag("--checked-bag", f.checked_bag, "Only offers with a checked bag included");
  cmd->add_option("--via", f.via, "Connect only at these airports");
  cmd->add_option("--avoid", f.avoid, "Never connect at these airports");
  cmd->add_option("--min-layover", f.min_layover, "Shortest layover, minutes");
  cmd->add_option("--max-layover", f.max_layover, "Longest layover, minutes");
  cmd->add_flag("--no-airport-change", f.no_airport_change, "No change of airport on layovers");
  cmd->add_option("--max-co2", f.max_co2, "Most CO2 per passenger, kg");
  cmd->callback([&f, &exit_code] { exit_code = RunSearchCommand(f); });
}

int RunSearchCommand(const SearchFlags& f) {
  const bool use_builtin = f.builtin || f.payloads.empty();
  // The rates come first: the request's currency must have one in them.
  refdata::FxRates fx_file;
  const refdata::FxRates* fx = &refdata::FxRates::Builtin();
  if (!f.fx_file.empty()) {
    auto loaded = refdata::LoadFxRatesFile(f.fx_file);
    if (!loaded) {
      Error e = loaded.error();
      e.field = "--fx-file " + e.field;
      return Fail(e);
    }
    fx_file = std::move(*loaded);
    fx = &fx_file;
  }
  // Recorded payloads may be of any date, so the date checks of a live search apply only when
  // the built-in supplier is asked.
  ValidationOptions validation{.check_dates = use_builtin, .today = TodayUtc(), .fx = fx};
  Result<SearchRequest> request = MakeError(ErrorCode::kInternal, "");
  if (!f.request_file.empty()) {
    auto body = ReadFile(f.request_file);
    if (!body) return Fail(body.error());
    request = DecodeSearchRequest(*body, validation);
    if (!request) {
      Error e = request.error();
      e.field = f.request_file + (e.field.empty() ? "" : ":" + e.field);
      return Fail(e);
    }
  } else {
    request = RequestFromFlags(f);
    if (!request) return Fail(request.error());
    if (auto valid = ValidateSearchRequest(*request, validation); !valid) {
      return Fail(valid.error());
    }
  }
  // The flag asks as the request's "answer_form" does, and wins over a --request file's.
  if (f.compact) request->answer_form = AnswerForm::kCompact;
  auto files = PayloadFiles(f.payloads);
  if (!files) return Fail(files.error());

  InstallLocalCursorKey();
  PayloadFileSource source(std::move(*files),
                           use_builtin ? std::optional<int>(f.builtin_offers) : std::nullopt);
  SearchService service(source, *fx, {.stage_pool = &source.pool()});
  Result<std::shared_ptr<CompletedSearch>> search = service.Run(std::move(*request));
  if (!search) return Fail(search.error());
  const SearchResult& result = (*search)->result;
  const SearchRequest& r = (*search)->request();
  StageTimings& timings = (*search)->context->timings();

  std::string out;
  if (f.format == "table") {
    out = FormatSearchTable(result, timings, !f.no_timings);
  } else {
    {
      ScopedStageTimer t(timings, Stage::kSerialize);
      WriteSearchResponse(result, r, timings, {.include_timings = !f.no_timings}, out);
    }
    out.push_back('\n');
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  // The answer is out: the process ends here, without unmapping every arena and payload file one
  // by one, freeing the heap and joining the pool's threads, all of which the kernel undoes at
  // exit anyway (a few ms on W5k). Nothing else is left to write: the search keeps no files, and
  // standard error is unbuffered. If the flush failed, the usual return path reports nothing
  // different from before.
  if (std::fflush(stdout) == 0) ExitNow(0);
  return 0;
}

}  // namespace fareflow
