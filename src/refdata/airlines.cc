#include "refdata/airlines.h"

#include <algorithm>
#include <array>

#include "refdata/code_index.h"

namespace fareflow::refdata {
namespace {

// Row builder for the generated table, named with one letter to keep data/airlines.inc short.
// `alliance` is the Alliance enumerator's value.
constexpr Airline R(std::string_view code, std::string_view name, std::string_view country,
                    int alliance) {
  return Airline{AirlineCode::Parse(code), name, country, static_cast<Alliance>(alliance)};
}

constexpr Airline kAirlines[] = {
#include "airlines.inc"
};

constexpr auto kAirlineIndex = internal::BuildCodeIndex<AirlineCode::kSpace>(
    kAirlines, [](const Airline& a) { return a.code.index(); });

struct AllianceNameRow {
  Alliance alliance;
  std::string_view name;
};

constexpr std::array<AllianceNameRow, 4> kAllianceNames = {{
    {Alliance::kNone, "none"},
    {Alliance::kStarAlliance, "star_alliance"},
    {Alliance::kOneworld, "oneworld"},
    {Alliance::kSkyTeam, "skyteam"},
}};

}  // namespace

std::string_view AllianceName(Alliance a) {
  for (const AllianceNameRow& row : kAllianceNames) {
    if (row.alliance == a) return row.name;
  }
  return "none";
}

bool ParseAlliance(std::string_view s, Alliance* out) {
  // Normalise to the canonical spelling: lower case, '_' for '-' and ' '.
  constexpr std::size_t kMaxLength = 16;
  if (s.size() > kMaxLength) return false;
  char buffer[kMaxLength];
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '-' || c == ' ') c = '_';
    buffer[i] = c;
  }
  const std::string_view normalised(buffer, s.size());
  for (const AllianceNameRow& row : kAllianceNames) {
    if (row.name == normalised) {
      *out = row.alliance;
      return true;
    }
  }
  return false;
}

const Airline* FindAirline(AirlineCode code) {
  return internal::LookUp(kAirlines, kAirlineIndex, code.index());
}

std::span<const Airline> AllAirlines() { return kAirlines; }

}  // namespace fareflow::refdata
