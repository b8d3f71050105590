#include "api/calendar_response.h"

#include <optional>

#include "api/search_response.h"
#include "calendar/calendar_mode.h"
#include "core/datetime.h"
#include "core/json_values.h"
#include "model/cabin.h"
#include "refdata/airlines.h"
#include "refdata/currencies.h"

namespace fareflow {
namespace {

void WriteDate(Days day, JsonWriter& w) {
  char date[10];
  FormatDate(day, date);
  w.PlainString({date, 10});
}

void WriteDateOrNull(std::optional<Days> day, JsonWriter& w) {
  if (day) {
    WriteDate(*day, w);
  } else {
    w.Null();
  }
}

void WriteMoneyAmount(const Money& m, JsonWriter& w) {
  WriteAmount(w, m.minor, refdata::MinorDigits(m.currency));
}

// {"total":"123.45","per_adult":"61.73","currency":"EUR"}, or null.
void WritePrice(const std::optional<FareQuote>& quote, JsonWriter& w) {
  if (!quote) return w.Null();
  w.BeginObject();
  w.Key("total");
  WriteMoneyAmount(quote->total, w);
  w.Key("per_adult");
  WriteMoneyAmount(quote->per_adult, w);
  w.Key("currency");
  WriteCode(w, quote->total.currency);
  w.EndObject();
}

void WriteCellSuppliers(const CalendarCell& cell, JsonWriter& w) {
  w.BeginArray();
  for (const CalendarCellSupplier& s : cell.suppliers) {
    w.BeginObject();
    w.Key("name");
    w.String(s.name);
    w.Key("status");
    w.PlainString(SupplierStatusName(s.status));
    // A supplier neither asked nor answered from the cache has no source to tell.
    if (s.status != SupplierStatus::kNotCached && s.status != SupplierStatus::kRateLimited) {
      w.Key("cache");
      WriteCacheUse(s.cache, w);
    }
    w.Key("price");
    WritePrice(s.cheapest, w);
    w.EndObject();
  }
  w.EndArray();
}

void WriteCell(const CalendarCell& cell, JsonWriter& w) {
  w.BeginObject();
  w.Key("departure_date");
  WriteDate(cell.departure, w);
  w.Key("return_date");
  WriteDateOrNull(cell.return_date, w);
  w.Key("nights");
  if (cell.return_date) {
    w.Int(*cell.return_date - cell.departure);
  } else {
    w.Null();
  }
  w.Key("filled");
  w.Bool(cell.filled());
  w.Key("price");
  WritePrice(cell.cheapest, w);
  w.Key("nonstop_price");
  WritePrice(cell.cheapest_nonstop, w);
  w.Key("airlines");
  w.BeginArray();
  if (cell.cheapest) {
    for (uint8_t i = 0; i < cell.cheapest->carrier_count; ++i) {
      const AirlineCode code = cell.cheapest->carriers[i];
      w.BeginObject();
      w.Key("code");
      WriteCode(w, code);
      if (const refdata::Airline* airline = refdata::FindAirline(code)) {
        w.Key("name");
        w.String(airline->name);
      }
      w.EndObject();
    }
  }
  w.EndArray();
  w.Key("stops");
  if (cell.cheapest) {
    w.Int(cell.cheapest->max_slice_stops);
  } else {
    w.Null();
  }
  w.Key("suppliers");
  WriteCellSuppliers(cell, w);
  w.Key("search");
  WriteCellSearchRequest(cell.search, w);
  w.EndObject();
}

void WriteSummary(const CalendarResult& result, JsonWriter& w) {
  w.BeginObject();
  w.Key("cheapest");
  if (result.cheapest_cell) {
    const CalendarCell& cell = result.cells[*result.cheapest_cell];
    w.BeginObject();
    w.Key("departure_date");
    WriteDate(cell.departure, w);
    w.Key("return_date");
    WriteDateOrNull(cell.return_date, w);
    w.Key("price");
    WritePrice(cell.cheapest, w);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("bands");
  if (result.bands) {
    w.BeginObject();
    w.Key("low_max");
    WriteMoneyAmount(result.bands->low_max, w);
    w.Key("typical_max");
    WriteMoneyAmount(result.bands->typical_max, w);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("coverage");
  w.BeginObject();
  w.Key("cells");
  w.Int(static_cast<int64_t>(result.cells.size()));
  w.Key("filled");
  w.Int(result.cells_filled);
  w.Key("supplier_calls");
  w.Int(result.supplier_calls);
  w.Key("calls_refused");
  w.Int(result.calls_refused);
  w.EndObject();
  w.EndObject();
}

}  // namespace

void WriteCellSearchRequest(const SearchRequest& s, JsonWriter& w) {
  w.BeginObject();
  w.Key("slices");
  w.BeginArray();
  for (const SliceRequest& slice : s.slices) {
    w.BeginObject();
    w.Key("origin");
    WriteCode(w, slice.origin);
    w.Key("destination");
    WriteCode(w, slice.destination);
    w.Key("departure_date");
    WriteDate(slice.departure_date, w);
    w.EndObject();
  }
  w.EndArray();
  w.Key("passengers");
  w.BeginObject();
  w.Key("adults");
  w.Int(s.passengers.adults);
  w.Key("children");
  w.BeginArray();
  for (const int age : s.passengers.child_ages) w.Int(age);
  w.EndArray();
  w.Key("infants");
  w.Int(s.passengers.infants);
  w.EndObject();
  w.Key("cabin");
  w.PlainString(CabinName(s.cabin));
  w.Key("currency");
  WriteCode(w, s.currency);
  if (s.max_connections) {
    w.Key("max_connections");
    w.Int(*s.max_connections);
  }
  if (s.filters.max_stops || s.filters.max_price_minor) {
    w.Key("filters");
    w.BeginObject();
    if (s.filters.max_stops) {
      w.Key("max_stops");
      w.Int(*s.filters.max_stops);
    }
    if (s.filters.max_price_minor) {
      w.Key("max_price");
      WriteAmount(w, *s.filters.max_price_minor, refdata::MinorDigits(s.currency));
    }
    w.EndObject();
  }
  w.EndObject();
}

void WriteCalendarResponse(const CalendarResult& result, const CalendarRequest& request,
                           std::string& out) {
  JsonWriter w(out);
  w.BeginObject();
  w.Key("cells");
  w.BeginArray();
  for (const CalendarCell& cell : result.cells) WriteCell(cell, w);
  w.EndArray();
  w.Key("summary");
  WriteSummary(result, w);
  w.Key("mode");
  w.PlainString(kCalendarModeNames.NameOf(request.mode));
  w.Key("currency");
  WriteCode(w, request.currency);
  w.EndObject();
}

}  // namespace fareflow
