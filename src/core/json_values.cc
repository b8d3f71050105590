#include "core/json_values.h"

#include "core/money.h"

namespace fareflow {

void WriteAmount(JsonWriter& w, int64_t minor, int minor_digits) {
  char buf[32];
  const int n = FormatDecimalMinor(minor, minor_digits, buf);
  w.PlainString(std::string_view(buf, static_cast<std::size_t>(n)));
}

void WriteCode(JsonWriter& w, LocationCode code) {
  char buf[3];
  if (code.Write(buf)) {
    w.PlainString(std::string_view(buf, 3));
  } else {
    w.Null();
  }
}

void WriteCode(JsonWriter& w, AirlineCode code) {
  char buf[2];
  if (code.Write(buf)) {
    w.PlainString(std::string_view(buf, 2));
  } else {
    w.Null();
  }
}

void WriteCode(JsonWriter& w, CurrencyCode code) {
  char buf[3];
  if (code.Write(buf)) {
    w.PlainString(std::string_view(buf, 3));
  } else {
    w.Null();
  }
}

void WriteLocalDateTime(JsonWriter& w, Minutes t) {
  char buf[19];
  FormatLocalDateTime(t, buf);
  w.PlainString(std::string_view(buf, sizeof buf));
}

}  // namespace fareflow
