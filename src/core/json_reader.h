#ifndef FAREFLOW_CORE_JSON_READER_H_
#define FAREFLOW_CORE_JSON_READER_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <simdjson.h>

#include "core/result.h"

namespace fareflow {

// The one way fareflow decodes a JSON document it is sent (a search request, the configuration
// file, a supplier's request to an emulator): walk it value by value and, at the first value that
// is wrong, return an Error whose `field` is the JSON pointer of that value ("/slices/0/origin"),
// so whoever wrote the document is told exactly what to fix.
//
// Built on the simdjson DOM API rather than On-Demand: these documents are small, and the DOM
// checks the whole document before anything is read (a syntax error is reported as such, never as
// a type error half-way through), answers member look-ups in any order (a request's currency is
// read before its filters, whatever their order) and knows an array's size before its items are
// read (limits are checked first). The hot path (supplier payloads) stays on On-Demand.
//
// Typical use:
//
//   simdjson::dom::parser parser;             // or a thread_local one, reused
//   Result<JsonValue> root = ParseJson(parser, body);
//   if (!root) return InvalidAt("", "request body is not valid JSON: " + root.error().message);
//   return root->ForEachMember([&](std::string_view key, const JsonValue& v) -> Result<void> {
//     if (key == "limit") return v.IntInto(0, 100, request.limit);
//     if (key == "name") return Assign(v.String(), request.name);  // copies into a std::string
//     return v.Invalid("unknown field");
//   });
//
// Every error the reader builds is kInvalidArgument with the value's pointer as `field`, worded
// as fareflow's answers word it: "must be an integer", "must be between 0 and 3", "must be a
// string", "must be true or false", "must be an object", "must be an array", "must have at most
// 64 items". Readers whose protocol words errors its own way (Amadeus issues, Duffel problems)
// can still use Member(), pointer() and element() for the walk and build their own errors, or map
// an Error's message and field into their envelope.
//
// Pointers are built by joining keys with '/' as they are written, without RFC 6901's escaping
// of '~' and '/': the answers already name fields that way and stay byte-identical.
//
// Duplicate keys: the DOM keeps every member of an object, in document order, so ForEachMember
// sees duplicates and refuses them when asked (MemberRules::refuse_duplicates, "appears twice",
// at the duplicated key's pointer) before it hands any member to the caller. A later value
// silently winning over an earlier one is how a filter gets bypassed, so every document fareflow
// is sent as a request (search requests, the configuration file) turns it on. The check sorts the
// object's keys (O(n log n) for n members, in a buffer on the stack up to 16 members), so an
// object of 100,000 keys costs milliseconds, not the minutes a pairwise check would.
// RefuseDuplicateKeys does the same for every object of a document at once, for readers that do
// not walk it member by member.
//
// Numbers: simdjson refuses an integer too large for int64 and uint64 (and a number too large for
// a double) as a malformed document. ParseJson reports that case as kInvalidArgument "is out of
// range" at the number's pointer, so a 40-digit `limit` is named as such rather than being
// called "not valid JSON".
//
// Echo: keys are joined into pointers through EchoPrefix (core/echo.h), so an error about a 1 MB
// unknown key names its first 64 bytes and "…", not the whole key.
//
// Adopting it in a decoder that has its own helpers: At(base, key) becomes JsonValue::At (or
// PointerTo), Invalid(field, message) becomes JsonValue::Invalid (or InvalidAt), ReadInt /
// ReadString / ReadBool become Int / String / Bool (IntInto to store the number), a
// ForEachMember(element, path, handle(key, element, path)) becomes
// value.ForEachMember(handle(key, value)) with value.pointer() as the path, ReadList becomes
// List, and a look-up of one member that treats null as absent becomes Member().
//
// Lifetime: a JsonValue views the document of the parser that produced it. It, and every
// string_view it returns, is valid until that parser parses again or is destroyed. Copy what must
// outlive the parse. A JsonValue owns its pointer text: pass it by const reference. Not
// thread-safe beyond what simdjson's parser is: one parser per thread.

// What ForEachMember does with some members.
struct MemberRules {
  // A member whose value is null is passed over, as if absent ("null means not set").
  bool skip_null = false;
  // A key met a second time in the same object is an error "appears twice" at its pointer.
  bool refuse_duplicates = false;
};

// The pointer of member `key` / item `index` below `base`: PointerTo("/slices", 0) is
// "/slices/0", PointerTo("", "currency") is "/currency".
std::string PointerTo(std::string_view base, std::string_view key);
std::string PointerTo(std::string_view base, std::size_t index);

// A kInvalidArgument error naming `pointer`, for checks that are not about one JSON value's type
// (a member that is required, two members that disagree).
tl::unexpected<Error> InvalidAt(std::string pointer, std::string message);

// One value of a parsed document and the JSON pointer that names it.
class JsonValue {
 public:
  JsonValue(simdjson::dom::element element, std::string pointer)
      : element_(element), pointer_(std::move(pointer)) {}

  // "" for the root, "/filters/slices/0/max_stops" below it.
  const std::string& pointer() const { return pointer_; }
  // The simdjson value, for what the reader does not cover.
  simdjson::dom::element element() const { return element_; }
  bool is_null() const { return element_.is_null(); }

  // The pointer of a member or item below this value (for errors about values not present).
  std::string At(std::string_view key) const { return PointerTo(pointer_, key); }
  std::string At(std::size_t index) const { return PointerTo(pointer_, index); }

  // A kInvalidArgument error naming this value.
  tl::unexpected<Error> Invalid(std::string message) const {
    return InvalidAt(pointer_, std::move(message));
  }

  // An integer in [lo, hi]: "must be an integer" (a fraction, a string, a number too large for
  // int64) or "must be between lo and hi".
  Result<int64_t> Int(int64_t lo, int64_t hi) const;
  // Int(lo, hi) stored in `out` as its type (int, unsigned, std::size_t, a std::chrono duration,
  // or a std::optional of one), for decoders that read member after member into a struct.
  template <typename Out>
  Result<void> IntInto(int64_t lo, int64_t hi, Out& out) const;
  // A string ("must be a string"); the view lives as long as the document.
  Result<std::string_view> String() const;
  // true or false ("must be true or false").
  Result<bool> Bool() const;

  // The number of items of an array ("must be an array"), for limits worded by the caller.
  Result<std::size_t> ArraySize() const;

  // Member `key` of an object (its first occurrence), or nullopt when this is not an object, has
  // no such member or the member is null.
  std::optional<JsonValue> Member(std::string_view key) const;

  // Calls `handle(std::string_view key, const JsonValue& value) -> Result<void>` for each member
  // of an object, in document order, and stops at the first error. Not an object: "must be an
  // object". `key` views the document. Unknown keys are `handle`'s to refuse.
  template <typename Handle>
  Result<void> ForEachMember(Handle handle, MemberRules rules = {}) const;

  // Calls `handle(const JsonValue& item) -> Result<void>` for each item of an array, in order,
  // and stops at the first error. Not an array: "must be an array"; more than `max_items` items:
  // "must have at most N items", before any item is read. Null items are passed to `handle`.
  template <typename Handle>
  Result<void> ForEachItem(Handle handle, std::size_t max_items = SIZE_MAX) const;

  // Reads each item of an array with `read(const JsonValue& item) -> Result<T>` into a vector,
  // with ForEachItem's checks.
  template <typename T, typename Read>
  Result<std::vector<T>> List(std::size_t max_items, Read read) const;

 private:
  Result<simdjson::dom::object> Object() const;
  Result<simdjson::dom::array> Array(std::size_t max_items) const;

  simdjson::dom::element element_;
  std::string pointer_;
};

// Parses `json` with `parser` (which copies it into its own padded buffer) and returns the root
// value, named "". Malformed JSON is a kMalformed error whose message is simdjson's description
// ("The JSON document has an improper structure: ...") and whose field is empty: each caller words
// it for its reader. A well-formed number too large for any number type is kInvalidArgument "is
// out of range" at its pointer: callers pass that error on as it is. The value lives until
// `parser` parses again or is destroyed.
Result<JsonValue> ParseJson(simdjson::dom::parser& parser, std::string_view json);

// "appears twice" at the pointer of a key that occurs twice in one object anywhere in `value`
// (itself, or an object nested in it at any depth), for readers that do not go through
// ForEachMember. Nesting depth is bounded by the parser's (1024 by default).
Result<void> RefuseDuplicateKeys(const JsonValue& value);

namespace json_reader_internal {
// A key that occurs more than once in `object` (the smallest, in byte order), if any.
std::optional<std::string_view> DuplicateKey(simdjson::dom::object object);

template <typename T>
struct Stored {
  using type = T;
};
template <typename T>
struct Stored<std::optional<T>> {
  using type = T;
};
}  // namespace json_reader_internal

template <typename Out>
Result<void> JsonValue::IntInto(int64_t lo, int64_t hi, Out& out) const {
  Result<int64_t> n = Int(lo, hi);
  if (!n) return tl::unexpected(n.error());
  out = static_cast<typename json_reader_internal::Stored<Out>::type>(*n);
  return {};
}

template <typename Handle>
Result<void> JsonValue::ForEachMember(Handle handle, MemberRules rules) const {
  Result<simdjson::dom::object> object = Object();
  if (!object) return tl::unexpected(object.error());
  if (rules.refuse_duplicates) {
    if (std::optional<std::string_view> key = json_reader_internal::DuplicateKey(*object)) {
      return InvalidAt(At(*key), "appears twice");
    }
  }
  for (auto [key, value] : *object) {
    if (rules.skip_null && value.is_null()) continue;
    if (Result<void> ok = handle(key, JsonValue(value, At(key))); !ok) return ok;
  }
  return {};
}

template <typename Handle>
Result<void> JsonValue::ForEachItem(Handle handle, std::size_t max_items) const {
  Result<simdjson::dom::array> array = Array(max_items);
  if (!array) return tl::unexpected(array.error());
  std::size_t index = 0;
  for (simdjson::dom::element item : *array) {
    if (Result<void> ok = handle(JsonValue(item, At(index++))); !ok) return ok;
  }
  return {};
}

template <typename T, typename Read>
Result<std::vector<T>> JsonValue::List(std::size_t max_items, Read read) const {
  std::vector<T> out;
  Result<void> ok = ForEachItem(
      [&](const JsonValue& item) -> Result<void> {
        Result<T> value = read(item);
        if (!value) return tl::unexpected(value.error());
        out.push_back(std::move(*value));
        return {};
      },
      max_items);
  if (!ok) return tl::unexpected(ok.error());
  return out;
}

}  // namespace fareflow

#endif  // FAREFLOW_CORE_JSON_READER_H_
