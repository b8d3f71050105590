#include "suppliers/duffel/writer_values.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "model/name_tables.h"

namespace fareflow::duffel {
namespace {

// Lower-case ASCII copy, for ids such as "arp_lhr_gb".
std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

void StringOrNull(JsonWriter& w, std::string_view text) {
  if (text.empty()) {
    w.Null();
  } else {
    w.String(text);
  }
}

void Id(JsonWriter& w, std::string_view prefix, uint64_t h) {
  static constexpr char kAlphabet[] =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  char buf[32];
  std::size_t n = 0;
  for (char c : prefix) buf[n++] = c;
  buf[n++] = '_';
  for (int i = 0; i < 4; ++i) buf[n++] = '0';
  for (int i = 0; i < 18; ++i) {
    if (i == 9) h = SplitMix64(h);
    buf[n++] = kAlphabet[h % 62];
    h /= 62;
  }
  w.PlainString(std::string_view(buf, n));
}

std::string IdText(std::string_view prefix, uint64_t h) {
  std::string text;
  {
    JsonWriter w(text);
    Id(w, prefix, h);
  }
  return text.substr(1, text.size() - 2);
}

void UtcTime(JsonWriter& w, Minutes t, bool micros, int seconds) {
  char buf[32];
  FormatLocalDateTime(t, buf);
  buf[17] = static_cast<char>('0' + seconds / 10 % 6);
  buf[18] = static_cast<char>('0' + seconds % 10);
  std::size_t n = 19;
  if (micros) {
    std::memcpy(buf + n, ".000000", 7);
    n += 7;
  }
  buf[n++] = 'Z';
  w.PlainString(std::string_view(buf, n));
}

void Duration(JsonWriter& w, int32_t minutes) {
  minutes = std::max(0, minutes);
  char buf[32];
  const int days = minutes / 1440;
  const int hours = minutes % 1440 / 60;
  const int mins = minutes % 60;
  const int n = days > 0 ? std::snprintf(buf, sizeof buf, "P%dDT%02dH%02dM", days, hours, mins)
                         : std::snprintf(buf, sizeof buf, "PT%02dH%02dM", hours, mins);
  w.PlainString(std::string_view(buf, static_cast<std::size_t>(n)));
}

std::string PlaceId(std::string_view prefix, std::string_view code, std::string_view country) {
  std::string out;
  out.reserve(prefix.size() + code.size() + country.size() + 2);
  out.append(prefix);
  out.push_back('_');
  out.append(Lower(code));
  out.push_back('_');
  out.append(Lower(country));
  return out;
}

std::string LogoUrl(std::string_view kind, std::string_view code) {
  std::string out = "https://assets.duffel.com/img/airlines/for-light-background/full-color-";
  out.append(kind);
  out.push_back('/');
  out.append(code);
  out.append(".svg");
  return out;
}

Minutes CreatedAt(Days first_date, uint64_t key, int64_t created_unix, int& seconds) {
  seconds = 0;
  if (created_unix >= 0) {
    seconds = static_cast<int>(created_unix % 60);
    return created_unix / 60;
  }
  return (first_date - 30) * Minutes{1440} + 600 + static_cast<Minutes>(key % 480);
}

uint64_t OfferHash(uint64_t key, const Offer& offer, std::size_t index) {
  uint64_t h = Mix(key, index);
  h = Mix(h, static_cast<uint64_t>(offer.total.minor));
  for (const Slice& slice : offer.slices) {
    for (const Segment& s : slice.segments) {
      h = Mix(h, (static_cast<uint64_t>(s.marketing_carrier.index()) << 48) ^
                     static_cast<uint64_t>(s.departure_local));
    }
  }
  return h;
}

void WritePassengers(JsonWriter& w, const std::vector<Passenger>& passengers) {
  w.BeginArray();
  for (const Passenger& p : passengers) {
    w.BeginObject();
    w.Key("id");
    Id(w, "pas", p.id_hash);
    w.Key("type");
    w.PlainString(kDuffelPassengerTypes.NameOf(p.type));
    if (p.age >= 0) {
      w.Key("age");
      w.Int(p.age);
    }
    w.Key("given_name");
    w.Null();
    w.Key("family_name");
    w.Null();
    w.Key("fare_type");
    w.Null();
    w.Key("loyalty_programme_accounts");
    w.BeginArray();
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace fareflow::duffel
