#ifndef FAREFLOW_MODEL_NAME_TABLES_H_
#define FAREFLOW_MODEL_NAME_TABLES_H_

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "model/cabin.h"
#include "model/offer.h"
#include "model/search_request.h"

namespace fareflow {

// The names that requests and answers give the model's sorts, cabins and passenger types, one
// table per spelling. Every decoder that builds a SearchRequest (the JSON request, the refine
// query, the CLI flags, the Amadeus GET and POST readers) and every writer that names these
// values reads and writes them through these tables, and words its "must be ..." errors with
// MustBe(), so that a name added here is accepted, written and listed in errors everywhere at
// once. The tables live in the model because both sides of every protocol use them (the service
// and its clients, the suppliers' readers and writers).

// A value of an enum and one name for it.
template <typename T>
struct NamedValue {
  std::string_view name;
  T value;
};

// How an error lists a table's names, in the wording of the protocol that reports it.
enum class NameList {
  kOr,           // "a, b or c"; MustBe: "must be a, b or c" (fareflow's API and CLI)
  kOneOf,        // "A, B, C"; MustBe: "must be one of A, B, C" (Amadeus)
  kOneOfQuoted,  // "'a', 'b', 'c'"; MustBe: "must be one of 'a', 'b', 'c'" (Duffel)
};

// An immutable list of names, in the order errors list them. Several names may share a value
// (Amadeus's SENIOR and STUDENT are both adults); the first one is the value's name. Views
// static arrays: a table is a constant and lives for the whole program.
template <typename T>
class NameTable {
 public:
  template <std::size_t N>
  constexpr explicit NameTable(const NamedValue<T> (&entries)[N]) : entries_(entries) {}

  // The value spelt exactly `name`; nullopt for anything else.
  constexpr std::optional<T> Find(std::string_view name) const {
    for (const NamedValue<T>& e : entries_) {
      if (e.name == name) return e.value;
    }
    return std::nullopt;
  }

  // The value spelt `name` in any ASCII case ("Business", "BUSINESS"). Suppliers' parsers call
  // it for every segment: plain ASCII folding, no locale.
  constexpr std::optional<T> FindIgnoringCase(std::string_view name) const {
    constexpr auto fold = [](char c) {
      return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    };
    for (const NamedValue<T>& e : entries_) {
      if (e.name.size() != name.size()) continue;
      std::size_t i = 0;
      while (i < name.size() && fold(name[i]) == fold(e.name[i])) ++i;
      if (i == name.size()) return e.value;
    }
    return std::nullopt;
  }

  // The first name of `value`; empty when the table has none (Cabin::kUnknown).
  constexpr std::string_view NameOf(T value) const {
    for (const NamedValue<T>& e : entries_) {
      if (e.value == value) return e.name;
    }
    return {};
  }

  // The names in the table's order, listed as `style` says ("a, b or c").
  std::string List(NameList style) const {
    std::string out;
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      if (i > 0) out += style == NameList::kOr && i + 1 == entries_.size() ? " or " : ", ";
      if (style == NameList::kOneOfQuoted) out += '\'';
      out += entries_[i].name;
      if (style == NameList::kOneOfQuoted) out += '\'';
    }
    return out;
  }

  // The message of an error about a name not in the table: "must be a, b or c".
  std::string MustBe(NameList style) const {
    return (style == NameList::kOr ? "must be " : "must be one of ") + List(style);
  }

  std::span<const NamedValue<T>> entries() const { return entries_; }

 private:
  std::span<const NamedValue<T>> entries_;
};

// fareflow's sort keys (request "sort", refine ?sort=, --sort).
inline constexpr NamedValue<SortKey> kSortKeyEntries[] = {
    {"best", SortKey::kBest},
    {"cheapest", SortKey::kCheapest},
    {"fastest", SortKey::kFastest},
    {"earliest_departure", SortKey::kEarliestDeparture},
    {"latest_arrival", SortKey::kLatestArrival},
};
inline constexpr NameTable<SortKey> kSortKeyNames{kSortKeyEntries};

// How a v1 search uses the cache (request "cache", --cache). kOnly is not a request's to ask
// for: a price calendar's `cached` mode sets it.
inline constexpr NamedValue<CacheMode> kCacheModeEntries[] = {
    {"prefer", CacheMode::kPrefer},
    {"refresh", CacheMode::kRefresh},
    {"bypass", CacheMode::kBypass},
};
inline constexpr NameTable<CacheMode> kCacheModeNames{kCacheModeEntries};

// fareflow's cabins (request "cabin", --cabin, answers); Duffel's cabin_class spells them the
// same way.
inline constexpr NamedValue<Cabin> kCabinEntries[] = {
    {"economy", Cabin::kEconomy},
    {"premium_economy", Cabin::kPremiumEconomy},
    {"business", Cabin::kBusiness},
    {"first", Cabin::kFirst},
};
inline constexpr NameTable<Cabin> kCabinNames{kCabinEntries};

// Amadeus's TravelClass (GET travelClass, POST cabinRestrictions[].cabin, its answers).
inline constexpr NamedValue<Cabin> kAmadeusTravelClassEntries[] = {
    {"ECONOMY", Cabin::kEconomy},
    {"PREMIUM_ECONOMY", Cabin::kPremiumEconomy},
    {"BUSINESS", Cabin::kBusiness},
    {"FIRST", Cabin::kFirst},
};
inline constexpr NameTable<Cabin> kAmadeusTravelClasses{kAmadeusTravelClassEntries};

// fareflow's passenger types (answers' passenger_prices[].type).
inline constexpr NamedValue<PassengerType> kPassengerTypeEntries[] = {
    {"adult", PassengerType::kAdult},
    {"child", PassengerType::kChild},
    {"infant", PassengerType::kInfant},
};
inline constexpr NameTable<PassengerType> kPassengerTypeNames{kPassengerTypeEntries};

// Amadeus's travelerType, in the order its errors list them. A child has a seat (CHILD,
// SEATED_INFANT); an infant sits on an adult's lap (HELD_INFANT); the other types are adults.
inline constexpr NamedValue<PassengerType> kAmadeusTravelerTypeEntries[] = {
    {"ADULT", PassengerType::kAdult},        {"CHILD", PassengerType::kChild},
    {"SENIOR", PassengerType::kAdult},       {"YOUNG", PassengerType::kAdult},
    {"HELD_INFANT", PassengerType::kInfant}, {"SEATED_INFANT", PassengerType::kChild},
    {"STUDENT", PassengerType::kAdult},
};
inline constexpr NameTable<PassengerType> kAmadeusTravelerTypes{kAmadeusTravelerTypeEntries};

// Duffel's passengers[].type.
inline constexpr NamedValue<PassengerType> kDuffelPassengerTypeEntries[] = {
    {"adult", PassengerType::kAdult},
    {"child", PassengerType::kChild},
    {"infant_without_seat", PassengerType::kInfant},
};
inline constexpr NameTable<PassengerType> kDuffelPassengerTypes{kDuffelPassengerTypeEntries};

}  // namespace fareflow

#endif  // FAREFLOW_MODEL_NAME_TABLES_H_
