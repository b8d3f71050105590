#include "suppliers/builtin/carriers.h"

#include <algorithm>
#include <string_view>

#include "refdata/airlines.h"

namespace fareflow::builtin {
namespace {

using refdata::Airport;

// Carriers. A small curated table of well-known carriers per country (ISO 3166-1 alpha-2);
// a trailing '*' marks a short-haul-only carrier. Codes missing from the reference data are
// skipped at run time.

struct CountryCarriers {
  std::string_view country;
  std::string_view carriers;
};

constexpr CountryCarriers kCountryCarriers[] = {
    {"GB", "BA VS U2* LS*"},
    {"US", "AA DL UA B6 AS WN*"},
    {"CA", "AC WS"},
    {"FR", "AF U2*"},
    {"DE", "LH EW*"},
    {"NL", "KL HV*"},
    {"ES", "IB UX VY*"},
    {"IT", "AZ FR*"},
    {"IE", "EI FR*"},
    {"PT", "TP"},
    {"CH", "LX"},
    {"AT", "OS"},
    {"BE", "SN"},
    {"DK", "SK DY*"},
    {"SE", "SK DY*"},
    {"NO", "SK DY*"},
    {"FI", "AY"},
    {"PL", "LO"},
    {"TR", "TK PC*"},
    {"GR", "A3"},
    {"IS", "FI"},
    {"AE", "EK EY"},
    {"QA", "QR"},
    {"SA", "SV"},
    {"EG", "MS"},
    {"MA", "AT"},
    {"ET", "ET"},
    {"KE", "KQ"},
    {"ZA", "SA"},
    {"IN", "AI 6E*"},
    {"SG", "SQ"},
    {"HK", "CX"},
    {"JP", "NH JL"},
    {"KR", "KE OZ"},
    {"CN", "CA MU CZ"},
    {"TW", "CI BR"},
    {"TH", "TG"},
    {"MY", "MH"},
    {"ID", "GA"},
    {"PH", "PR"},
    {"VN", "VN"},
    {"AU", "QF VA"},
    {"NZ", "NZ"},
    {"BR", "LA G3* AD*"},
    {"AR", "AR"},
    {"CL", "LA"},
    {"CO", "AV"},
    {"MX", "AM"},
    {"PA", "CM"},
    {"PE", "LA"},
    {"IL", "LY"},
    {"JO", "RJ"},
    {"OM", "WY"},
    {"LK", "UL"},
    {"FJ", "FJ"},
    {"HU", "W6*"},
    {"RO", "RO"},
    {"LB", "ME"},
    {"CZ", "OK"},
};

// Fallbacks by rough region (latitude/longitude boxes) for countries not in the table.
std::string_view RegionCarriers(const Airport& a) {
  const double lat = a.latitude, lon = a.longitude;
  if (lon < -30) return lat > 15 ? "AA DL UA AC" : "LA AV CM";
  if (lat < -10 && lon > 110) return "QF VA NZ";
  if (lon > 60) return "SQ CX TG MH";
  if (lat > 35 && lon < 45) return "LH AF KL BA";
  if (lat > 12 && lon > 25) return "EK QR TK";
  return "ET KQ SA AT";
}

}  // namespace

void AppendCarriers(const Airport& a, bool long_haul, std::vector<AirlineCode>& out) {
  std::string_view list;
  for (const CountryCarriers& cc : kCountryCarriers) {
    if (cc.country == a.country) {
      list = cc.carriers;
      break;
    }
  }
  if (list.empty()) list = RegionCarriers(a);
  while (!list.empty()) {
    const std::size_t space = list.find(' ');
    std::string_view token = list.substr(0, space);
    list = space == std::string_view::npos ? std::string_view() : list.substr(space + 1);
    const bool short_haul_only = token.size() == 3 && token[2] == '*';
    if (short_haul_only && long_haul) continue;
    const AirlineCode code = AirlineCode::Parse(token.substr(0, 2));
    if (refdata::FindAirline(code) == nullptr) continue;
    if (std::find(out.begin(), out.end(), code) == out.end()) out.push_back(code);
  }
}

std::vector<AirlineCode> PickCarriers(const std::vector<AirlineCode>& all, std::size_t n,
                                      uint64_t h) {
  std::vector<AirlineCode> out;
  for (std::size_t i = 0; i < all.size() && out.size() < n; ++i) {
    out.push_back(all[(h + i) % all.size()]);
  }
  return out;
}

}  // namespace fareflow::builtin
