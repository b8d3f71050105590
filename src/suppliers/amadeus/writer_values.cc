#include "suppliers/amadeus/writer_values.h"

#include <algorithm>
#include <charconv>

#include "core/datetime.h"
#include "model/name_tables.h"

namespace fareflow::amadeus {

void Duration(JsonWriter& w, int32_t minutes) {
  char buf[16];
  const int n = FormatIsoDuration(std::max(0, minutes), buf);
  w.PlainString(std::string_view(buf, static_cast<std::size_t>(n)));
}

void Index(JsonWriter& w, std::size_t i) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, i);
  w.PlainString(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
}

void Upper(JsonWriter& w, std::string_view s, std::string& scratch) {
  scratch.assign(s);
  for (char& c : scratch) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  w.String(scratch);
}

std::string_view CabinCode(Cabin c) {
  return kAmadeusTravelClasses.NameOf(c == Cabin::kUnknown ? Cabin::kEconomy : c);
}

}  // namespace fareflow::amadeus
