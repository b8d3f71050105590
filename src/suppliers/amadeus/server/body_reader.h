#ifndef FAREFLOW_SUPPLIERS_AMADEUS_SERVER_BODY_READER_H_
#define FAREFLOW_SUPPLIERS_AMADEUS_SERVER_BODY_READER_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/json_reader.h"
#include "suppliers/amadeus/server/issues.h"

namespace fareflow::amadeus {

// The `parameter` of an issue about a member of a request body, which is named by its pointer.
inline const std::string kNoParameter;

// Reads the members of a JSON request body through the JSON reader and appends an Amadeus issue
// for each value it cannot use, naming it by its JSON pointer. Unlike the reader's own walk it goes
// on after a bad value: Amadeus lists every issue of a body. Views returned live as long as the
// parsed body. Not thread-safe; one per body.
class BodyReader {
 public:
  explicit BodyReader(Issues& issues) : issues_(issues) {}

  // Appends an issue about the value at `pointer`.
  void Add(IssueCode code, std::string detail, const std::string& pointer,
           std::string example = {});

  // A value of the wrong type, as the JSON reader words it ("must be a string"): 477.
  void Add(const Error& error) { Add(kInvalidFormat, error.message, error.field); }

  // Member `key` of `object`; nullopt when absent or null (32171 when `required`).
  std::optional<JsonValue> Get(const JsonValue& object, std::string_view key, bool required);

  // A string member (477 when it is not; an empty required one is 32171).
  std::optional<std::string_view> String(const JsonValue& object, std::string_view key,
                                         bool required);

  // An object member (477 when it is not).
  std::optional<JsonValue> Object(const JsonValue& object, std::string_view key, bool required);

  // An array member of `min`..`max` items: 477 when not an array, fewer is 32171, more is 10661.
  std::optional<JsonValue> Array(const JsonValue& object, std::string_view key, bool required,
                                 std::size_t min, std::size_t max);

  // An integral number in [lo, hi]: 477 when not an integer, 4926 out of range. A whole number
  // written as a double (2.0, 1e2) counts, as it does for Amadeus.
  std::optional<int64_t> Integer(const JsonValue& object, std::string_view key, int64_t lo,
                                 int64_t hi);

  // The items of `array` that are objects, after a 477 for each item that is not.
  std::vector<JsonValue> Objects(const JsonValue& array);

  // The items of `array` that are strings and their pointers, after a 477 for each item that is
  // not.
  std::vector<std::pair<std::string_view, std::string>> Strings(const JsonValue& array);

 private:
  Issues& issues_;
};

}  // namespace fareflow::amadeus

#endif  // FAREFLOW_SUPPLIERS_AMADEUS_SERVER_BODY_READER_H_
