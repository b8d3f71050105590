// fareflow-payloadgen: writes realistic supplier payloads (Amadeus Flight Offers Search v2,
// Duffel v2 offer requests and offer list pages) of any size from the built-in offer generator,
// for tests and benchmarks. `--workload W5k` writes the reference workload of the design: three
// Amadeus payloads and one Duffel payload, 5,000 offers in all, a controlled share of them sold by
// two suppliers; W1k, W20k and W100k are the same mix at other sizes.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/arena.h"
#include "core/codes.h"
#include "core/datetime.h"
#include "core/json_writer.h"
#include "core/money.h"
#include "model/cabin.h"
#include "model/offer.h"
#include "model/search_request.h"
#include "refdata/airports.h"
#include "refdata/currencies.h"
#include "refdata/fx_rates.h"
#include "suppliers/amadeus/response_writer.h"
#include "suppliers/builtin/offer_generator.h"
#include "suppliers/duffel/response_writer.h"

namespace fareflow {
namespace {

constexpr const char* kTool = "fareflow-payloadgen";

enum class Format { kAmadeus, kDuffelOfferRequest, kDuffelListPage };

// A command-line mistake or an I/O failure, reported as one line.
struct Failure {
  std::string message;
};

LocationCode ParseLocation(const std::string& text, const char* flag) {
  const LocationCode code = LocationCode::Parse(text);
  if (!code.valid() || refdata::ExpandLocation(code).empty()) {
    throw Failure{std::string("unknown airport or city code '") + text + "' (" + flag + ")"};
  }
  return code;
}

Days ParseDay(const std::string& text, const char* flag) {
  const std::optional<Days> d = ParseDate(text);
  if (!d) throw Failure{std::string("bad date '") + text + "', want YYYY-MM-DD (" + flag + ")"};
  return *d;
}

// "LHR:JFK:2026-12-20", one leg of a multi-city search.
SliceRequest ParseSlice(const std::string& text) {
  const std::size_t a = text.find(':');
  const std::size_t b = a == std::string::npos ? a : text.find(':', a + 1);
  if (b == std::string::npos) {
    throw Failure{"bad slice '" + text + "', want ORIGIN:DESTINATION:YYYY-MM-DD (--slice)"};
  }
  SliceRequest s;
  s.origin = ParseLocation(text.substr(0, a), "--slice");
  s.destination = ParseLocation(text.substr(a + 1, b - a - 1), "--slice");
  s.departure_date = ParseDay(text.substr(b + 1), "--slice");
  return s;
}

void WriteFile(const std::string& path, const std::string& bytes) {
  if (path == "-") {
    if (std::fwrite(bytes.data(), 1, bytes.size(), stdout) != bytes.size() ||
        std::fflush(stdout) != 0) {
      throw Failure{"cannot write to standard output"};
    }
    return;
  }
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) throw Failure{"cannot open '" + path + "' for writing"};
  const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  if (std::fclose(f) != 0 || !ok) throw Failure{"cannot write '" + path + "'"};
}

// Generates `count` offers and serialises them in `format`.
std::string Render(Format format, const SearchRequest& request, std::vector<Offer>& offers) {
  std::string out;
  switch (format) {
    case Format::kAmadeus:
      amadeus::WriteFlightOffersResponse(offers, request, out);
      break;
    case Format::kDuffelOfferRequest:
      duffel::WriteOfferRequestResponse(offers, request, out);
      break;
    case Format::kDuffelListPage:
      duffel::WriteOffersListPage(offers, "g2wAAAACbQAAABBBZXJvbWlzdC1LaGFya2l2bQAAAB=",
                                  static_cast<int>(offers.size()), out);
      break;
  }
  return out;
}

double MillisSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

// The same flights, cabin and brand as `offer` sold by another supplier: prices converted to
// `currency` and moved by `permille` (1000 = same price).
Offer Resell(const Offer& offer, CurrencyCode currency, int64_t permille, Arena& arena) {
  const refdata::FxRates& fx = refdata::FxRates::Builtin();
  auto convert = [&](Money m) {
    if (!m.currency.valid()) return m;
    const std::optional<Money> c = fx.Convert(m, currency);
    Money out = c ? *c : m;
    out.minor = DivideRounded(out.minor * permille, 1000);
    return out;
  };
  Offer copy = offer;
  PassengerPrice* prices = arena.AllocateArray<PassengerPrice>(offer.passenger_prices.size());
  int64_t total = 0;
  for (std::size_t i = 0; i < offer.passenger_prices.size(); ++i) {
    prices[i] = offer.passenger_prices[i];
    prices[i].total_each = convert(prices[i].total_each);
    total += prices[i].total_each.minor * prices[i].count;
  }
  copy.passenger_prices = {prices, offer.passenger_prices.size()};
  copy.base = convert(offer.base);
  copy.total = Money{total, prices[0].total_each.currency};
  copy.conditions.refund_penalty = convert(offer.conditions.refund_penalty);
  copy.conditions.change_penalty = convert(offer.conditions.change_penalty);
  return copy;
}

struct WorkloadPayload {
  const char* file;
  Format format;
  uint64_t seed;
  const char* currency;
  // Indexes of the payloads whose offers this one partly resells (-1: none): every fifth offer
  // from the first, every fifth offer shifted by two from the second.
  int resells_from[2];
};

// A reference workload: its name and how many offers its payloads hold in all.
struct WorkloadSize {
  const char* name;
  int offers;
};

constexpr WorkloadSize kWorkloads[] = {
    {"W1k", 1'000}, {"W5k", 5'000}, {"W20k", 20'000}, {"W100k", 100'000}};

// The reference workloads W1k, W5k, W20k and W100k: LHR-JFK round trip, two adults, economy;
// three Amadeus payloads and one Duffel offer request, each a quarter of the offers. Two in five
// Duffel offers (10% of the workload) resell an offer of the first or second Amadeus payload at
// a price within 4%, so dedupe has work; the third Amadeus payload prices in USD and the Duffel
// one in GBP, so conversion has work too.
int RunWorkload(const std::string& name, const std::string& dir) {
  const WorkloadSize* size = nullptr;
  for (const WorkloadSize& w : kWorkloads) {
    if (name == w.name) size = &w;
  }
  if (size == nullptr) {
    throw Failure{"unknown workload '" + name + "', known: W1k, W5k, W20k, W100k (--workload)"};
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw Failure{"cannot create directory '" + dir + "': " + ec.message()};

  SearchRequest request;
  request.slices = {
      {LocationCode::Parse("LHR"), LocationCode::Parse("JFK"), DaysFromCivil(2026, 12, 20)},
      {LocationCode::Parse("JFK"), LocationCode::Parse("LHR"), DaysFromCivil(2026, 12, 27)}};
  request.passengers.adults = 2;
  request.cabin = Cabin::kEconomy;
  request.currency = CurrencyCode::Parse("EUR");
  const WorkloadPayload payloads[] = {
      {"amadeus_1.json", Format::kAmadeus, 1, "EUR", {-1, -1}},
      {"amadeus_2.json", Format::kAmadeus, 2, "EUR", {-1, -1}},
      {"amadeus_3.json", Format::kAmadeus, 3, "USD", {-1, -1}},
      {"duffel_1.json", Format::kDuffelOfferRequest, 4, "GBP", {0, 1}},
  };
  const int offers_each = size->offers / static_cast<int>(std::size(payloads));

  Arena arena(1 << 20);
  std::vector<std::vector<Offer>> generated;
  // The summary is JSON, one object per payload and one for the total; it goes to standard
  // output and to workload.json next to the payloads, which names them for the benchmarks.
  std::string summary;
  JsonWriter json(summary);
  json.BeginObject();
  json.Key("workload");
  json.String(name);
  json.Key("payloads");
  json.BeginArray();
  std::size_t total_bytes = 0;
  int total_offers = 0;
  const auto start_all = std::chrono::steady_clock::now();
  for (const WorkloadPayload& p : payloads) {
    const auto start = std::chrono::steady_clock::now();
    builtin::GeneratorOptions options;
    options.seed = p.seed;
    options.offer_count = offers_each;
    options.currency = CurrencyCode::Parse(p.currency);
    std::vector<Offer> offers = builtin::GenerateOffers(request, options, arena);
    int shared = 0;
    for (std::size_t from = 0; from < std::size(p.resells_from); ++from) {
      if (p.resells_from[from] < 0) continue;
      const std::vector<Offer>& other = generated[static_cast<std::size_t>(p.resells_from[from])];
      for (std::size_t i = 2 * from; i < offers.size() && i < other.size(); i += 5) {
        // A price within +-4% of the other supplier's.
        const int64_t permille = 960 + static_cast<int64_t>((i * 7919) % 81);
        offers[i] = Resell(other[i], options.currency, permille, arena);
        ++shared;
      }
    }
    std::string bytes = Render(p.format, request, offers);
    const std::string path = (std::filesystem::path(dir) / p.file).string();
    WriteFile(path, bytes);
    std::fprintf(stderr, "%s: %s: %zu offers (%d resold), %.1f MB in %.0f ms\n", kTool,
                 path.c_str(), offers.size(), shared, static_cast<double>(bytes.size()) / 1e6,
                 MillisSince(start));
    total_bytes += bytes.size();
    total_offers += static_cast<int>(offers.size());
    json.BeginObject();
    json.Key("file");
    json.String(path);
    json.Key("name");
    json.String(p.file);
    json.Key("kind");
    json.String(p.format == Format::kAmadeus ? "amadeus" : "duffel");
    json.Key("currency");
    json.String(p.currency);
    json.Key("offers");
    json.Int(static_cast<int64_t>(offers.size()));
    json.Key("resold");
    json.Int(shared);
    json.Key("bytes");
    json.Int(static_cast<int64_t>(bytes.size()));
    json.EndObject();
    generated.push_back(std::move(offers));
  }
  json.EndArray();
  json.Key("offers");
  json.Int(total_offers);
  json.Key("bytes");
  json.Int(static_cast<int64_t>(total_bytes));
  json.Key("milliseconds");
  json.Int(static_cast<int64_t>(MillisSince(start_all)));
  json.EndObject();
  json.Finish();
  summary.push_back('\n');
  WriteFile((std::filesystem::path(dir) / "workload.json").string(), summary);
  std::fputs(summary.c_str(), stdout);
  return 0;
}

int Run(int argc, char** argv) {
  CLI::App app{"Writes realistic Amadeus and Duffel supplier payloads from synthetic offers."};
  app.name(kTool);
  std::string format_name, from, to, depart, ret, cabin_name = "economy", currency_name = "EUR";
  std::string out_path = "-", workload, out_dir;
  std::vector<std::string> slice_texts;
  int adults = 1, children = 0, infants = 0, offers_wanted = 200;
  std::optional<uint64_t> seed;
  app.add_option("--format", format_name,
                 "amadeus | duffel (an offer request) | duffel-list (an offers list page)");
  app.add_option("--from", from, "origin airport or city code");
  app.add_option("--to", to, "destination airport or city code");
  app.add_option("--depart", depart, "departure date, YYYY-MM-DD");
  app.add_option("--return", ret, "return date, YYYY-MM-DD (a round trip)");
  app.add_option("--slice", slice_texts, "ORIGIN:DESTINATION:YYYY-MM-DD, repeated (multi-city)");
  app.add_option("--adults", adults, "adults (default 1)");
  app.add_option("--children", children, "children, aged 8 (default 0)");
  app.add_option("--infants", infants, "infants on a lap (default 0)");
  app.add_option("--cabin", cabin_name, "economy | premium_economy | business | first");
  app.add_option("--currency", currency_name, "ISO 4217 currency of the prices (default EUR)");
  app.add_option("--offers", offers_wanted, "number of offers (default 200)");
  app.add_option("--seed", seed, "generator seed (default: derived from the search)");
  app.add_option("--out", out_path, "output file, - for standard output (default)");
  app.add_option("--workload", workload,
                 "write a reference workload instead: W1k, W5k, W20k or W100k");
  app.add_option("--out-dir", out_dir, "directory for --workload's payloads");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "%s: %s\n", kTool, e.what());
    return 2;
  }

  if (!workload.empty()) {
    if (out_dir.empty()) throw Failure{"--workload needs --out-dir"};
    return RunWorkload(workload, out_dir);
  }

  Format format;
  if (format_name == "amadeus") {
    format = Format::kAmadeus;
  } else if (format_name == "duffel") {
    format = Format::kDuffelOfferRequest;
  } else if (format_name == "duffel-list") {
    format = Format::kDuffelListPage;
  } else {
    throw Failure{"--format must be amadeus, duffel or duffel-list"};
  }

  SearchRequest request;
  if (!slice_texts.empty()) {
    if (!from.empty() || !to.empty() || !depart.empty() || !ret.empty()) {
      throw Failure{"--slice cannot be combined with --from/--to/--depart/--return"};
    }
    if (slice_texts.size() > static_cast<std::size_t>(kMaxSlices)) {
      throw Failure{"at most " + std::to_string(kMaxSlices) + " slices (--slice)"};
    }
    for (const std::string& s : slice_texts) request.slices.push_back(ParseSlice(s));
  } else {
    if (from.empty() || to.empty() || depart.empty()) {
      throw Failure{"--from, --to and --depart are required (or --slice, or --workload)"};
    }
    SliceRequest out{ParseLocation(from, "--from"), ParseLocation(to, "--to"),
                     ParseDay(depart, "--depart")};
    request.slices.push_back(out);
    if (!ret.empty()) {
      const Days back = ParseDay(ret, "--return");
      if (back < out.departure_date) throw Failure{"--return is before --depart"};
      request.slices.push_back({out.destination, out.origin, back});
    }
  }
  if (adults < 1 || children < 0 || infants < 0 || infants > adults ||
      adults + children + infants > kMaxPassengers) {
    throw Failure{"passengers: at least 1 adult, at most one infant per adult, at most " +
                  std::to_string(kMaxPassengers) + " in all (--adults/--children/--infants)"};
  }
  request.passengers.adults = adults;
  request.passengers.child_ages.assign(static_cast<std::size_t>(children), 8);
  request.passengers.infants = infants;
  const std::optional<Cabin> cabin = ParseCabin(cabin_name);
  if (!cabin || *cabin == Cabin::kUnknown) throw Failure{"unknown cabin '" + cabin_name + "'"};
  request.cabin = *cabin;
  request.currency = CurrencyCode::Parse(currency_name);
  if (refdata::FindCurrency(request.currency) == nullptr) {
    throw Failure{"unknown currency '" + currency_name + "' (--currency)"};
  }
  if (offers_wanted < 1 || offers_wanted > 1'000'000) {
    throw Failure{"--offers must be between 1 and 1000000"};
  }

  const auto start = std::chrono::steady_clock::now();
  Arena arena(1 << 20);
  builtin::GeneratorOptions options;
  options.seed = seed;
  options.offer_count = offers_wanted;
  options.currency = request.currency;
  std::vector<Offer> offers = builtin::GenerateOffers(request, options, arena);
  if (offers.empty()) throw Failure{"no flights found for this route"};
  const double generated_ms = MillisSince(start);
  const std::string bytes = Render(format, request, offers);
  WriteFile(out_path, bytes);
  if (offers.size() < static_cast<std::size_t>(offers_wanted) || offers.size() >= 10000 ||
      out_path != "-") {
    std::fprintf(
        stderr, "%s: %zu offers (%d asked), %zu bytes; generated in %.0f ms, total %.0f ms\n",
        kTool, offers.size(), offers_wanted, bytes.size(), generated_ms, MillisSince(start));
  }
  return 0;
}

}  // namespace
}  // namespace fareflow

int main(int argc, char** argv) {
  try {
    return fareflow::Run(argc, argv);
  } catch (const fareflow::Failure& f) {
    std::fprintf(stderr, "%s: %s\n", fareflow::kTool, f.message.c_str());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n", fareflow::kTool, e.what());
    return 1;
  }
}
