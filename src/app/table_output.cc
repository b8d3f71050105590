#include "app/table_output.h"

#include <fmt/format.h>

#include "core/datetime.h"
#include "refdata/currencies.h"

namespace fareflow {
namespace {

std::string Amount(const Money& m) {
  char buf[24];
  int n = FormatDecimalMinor(m.minor, refdata::MinorDigits(m.currency), buf);
  return std::string(buf, static_cast<std::size_t>(n)) + " " + m.currency.str();
}

std::string Clock(Minutes t) {
  int mod = MinuteOfDay(t);
  return fmt::format("{:02d}:{:02d}", mod / 60, mod % 60);
}

std::string Day(Minutes t) {
  char buf[10];
  FormatDate(DayOf(t), buf);
  return std::string(buf, 10);
}

std::string Duration(int minutes) { return fmt::format("{}h{:02d}", minutes / 60, minutes % 60); }

}  // namespace

std::string FormatSearchTable(const SearchResult& result, const StageTimings& timings,
                              bool include_timings) {
  std::string out;
  for (std::size_t i = 0; i < result.page.count; ++i) {
    const Offer& o = *result.offers[result.selection[result.page.offset + i]];
    std::string tags;
    if (o.tags & kTagBest) tags += " best";
    if (o.tags & kTagCheapest) tags += " cheapest";
    if (o.tags & kTagFastest) tags += " fastest";
    out += fmt::format(
        "{:>3}. {:>14}  {:<16} {:<10} bags {}{}\n", result.page.offset + i + 1,
        Amount(o.total_requested), o.fare_brand, CabinName(o.cabin),
        o.bags.checked_pieces < 0 ? std::string("?") : std::to_string(o.bags.checked_pieces),
        tags.empty() ? "" : "  [" + tags.substr(1) + "]");
    for (const Slice& s : o.slices) {
      std::string flights;
      for (const Segment& seg : s.segments) {
        if (!flights.empty()) flights += " ";
        flights.append(seg.marketing_carrier.str());
        flights.append(seg.marketing_flight_number);
      }
      std::string via;
      for (const Layover& l : s.layovers) {
        via.append(via.empty() ? " via " : ",");
        via.append(l.arrival_airport.str());
      }
      out += fmt::format(
          "       {} {} {} -> {} {}{}  {:>6}  {} stop{}{}  {}\n", Day(s.departure_local),
          s.origin.str(), Clock(s.departure_local), s.destination.str(), Clock(s.arrival_local),
          s.arrival_day_offset ? fmt::format("{:+d}", s.arrival_day_offset) : "",
          Duration(s.duration_minutes), s.stops, s.stops == 1 ? "" : "s", via, flights);
    }
  }
  out += fmt::format("\n{} of {} matching offers ({} received, {} dropped, {} after dedupe)\n",
                     result.page.count, result.selection.size(), result.received, result.dropped,
                     result.offers.size());
  for (const SupplierOutcome& s : result.suppliers) {
    out += fmt::format("  {:<12} {:<9} {:>6} offers{}{}\n", s.name, SupplierStatusName(s.status),
                       s.kept(), s.error.empty() ? "" : "  ", s.error);
  }
  if (!result.page.next_cursor.empty()) {
    out += fmt::format("next page: --cursor {}\n", result.page.next_cursor);
  }
  if (include_timings) {
    out += "timings (ms):";
    for (std::size_t i = 0; i < timings.micros.size(); ++i) {
      out += fmt::format(" {}={:.2f}", StageName(static_cast<Stage>(i)),
                         static_cast<double>(timings.micros[i]) / 1000.0);
    }
    out += "\n";
  }
  return out;
}

}  // namespace fareflow
