#ifndef FAREFLOW_SUPPLIERS_ONDEMAND_READER_H_
#define FAREFLOW_SUPPLIERS_ONDEMAND_READER_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

#include <simdjson.h>

#include "core/arena.h"
#include "model/offer_batch.h"
#include "suppliers/json_fields.h"

namespace fareflow::suppliers {

// The scaffolding every supplier offer reader repeats around simdjson On-Demand: open a value as
// an object or array (telling null and other types apart), walk its fields or elements in
// document order, read strings and integers, and turn each simdjson error into either the drop
// of the offer or the end of a broken document. A reader derives from OnDemandReader<Reader>
// (CRTP: every call is resolved and inlined at compile time, nothing is virtual) and provides
//
//   bool Drop(DropReason reason, std::string_view what);  // the offer is unusable at `what`
//   bool Fatal(simdjson::error_code error, std::string_view what);  // the document is broken
//
// both returning false; `what` names the value in the reader's drop details (static text). The
// reader decides what it records (the first drop, a path); the helpers only decide which to call.
//
// On-Demand rules the helpers keep: values are read in document order, once; a field's value is
// used where the iterator built it (value_unsafe after the error check: copying the field out
// reads its narrow stores back as one wide load, a store-forwarding stall per key); leaving a loop
// early leaves the rest of the object or array to the parent, which skips it by structure.
//
// Lifetimes: strings read here are views into the payload bytes, or into the reader's arena when
// the JSON string holds an escape sequence (see ReadString): never into simdjson's own string
// buffer, which the parser reuses for the next document.

// How a reader takes a value that is not of the JSON type it asked for.
enum class Want : uint8_t {
  kRequired,  // null and other types drop the offer: kMissingField and kWrongType
  kTyped,     // null is absent; another type drops the offer (kWrongType)
  kOptional,  // null and other types (and numbers that cannot be read) are absent
};

// What opening or reading a value found.
enum class Found : uint8_t {
  kValue,   // read; for an object or array, every field or element went through the body
  kAbsent,  // null (or, for Want::kOptional, another type): the output is left empty
  kFailed,  // the reader has recorded a drop or a broken document
};

// What a field or element body tells the loop walking an object or array.
enum class Step : uint8_t {
  kNext,  // go on with the next field or element
  kDone,  // success: leave the rest to On-Demand, which skips it by structure
  kFail,  // the body has recorded a drop or a broken document
};

// The drop reason of an error that concerns one value and leaves the document readable; nullopt
// for an error of the document itself (broken or truncated JSON), which ends the whole payload.
inline std::optional<DropReason> ValueErrorReason(simdjson::error_code error) noexcept {
  if (error == simdjson::INCORRECT_TYPE) return DropReason::kWrongType;
  if (error == simdjson::NUMBER_OUT_OF_RANGE) return DropReason::kBadValue;
  return std::nullopt;
}

template <typename Reader>
class OnDemandReader {
 protected:
  using Value = simdjson::ondemand::value;
  using Object = simdjson::ondemand::object;
  using Array = simdjson::ondemand::array;
  using Key = simdjson::ondemand::raw_json_string;
  using Want = suppliers::Want;
  using Found = suppliers::Found;
  using Step = suppliers::Step;

  // `arena` receives the unescaped copies of escaped strings; it must outlive the offers read.
  explicit OnDemandReader(Arena& arena) : arena_(arena) {}

  // Records a simdjson error met while reading `what`: an error of the value drops the offer
  // (ValueErrorReason), anything else means the document is broken. Returns false. Out of line
  // and cold: it must not weigh on the inlined readers that call it.
  [[gnu::cold, gnu::noinline]] bool Fail(simdjson::error_code error, std::string_view what) {
    if (const std::optional<DropReason> reason = ValueErrorReason(error)) {
      return self().Drop(*reason, what);
    }
    return self().Fatal(error, what);
  }

  // Opens `value` as an object (Object& out) or an array (Array& out). Inline: a value that
  // opens is the common case (one that cannot be opened fails with another error than
  // INCORRECT_TYPE); null, other types and errors go through NotOpened.
  template <typename Json>
  Found Open(Value& value, Json& out, std::string_view what, Want want) {
    simdjson::error_code error;
    if constexpr (std::is_same_v<Json, Object>) {
      error = value.get_object().get(out);
    } else {
      error = value.get_array().get(out);
    }
    if (error == simdjson::SUCCESS) [[likely]] {
      return Found::kValue;
    }
    return NotOpened(value, error, what, want);
  }

  // Calls `body(Key key, Value& value)` for each field of `object` in document order. The body
  // returns bool (false: it has recorded a failure) or a Step. Returns false on failure; a field
  // that cannot be iterated means broken JSON and is recorded here.
  template <typename Body>
  [[gnu::always_inline]] bool ForEachField(Object& object, std::string_view what, Body&& body) {
    for (auto field_result : object) {
      if (const simdjson::error_code error = field_result.error()) [[unlikely]] {
        return Fail(error, what);
      }
      simdjson::ondemand::field& field = field_result.value_unsafe();
      const Step step = Call(body, field.key(), field.value());
      if (step != Step::kNext) return step == Step::kDone;
    }
    return true;
  }

  // Calls `body(Value& element)` for each element of `array`, like ForEachField.
  template <typename Body>
  [[gnu::always_inline]] bool ForEachElement(Array& array, std::string_view what, Body&& body) {
    for (auto element_result : array) {
      if (const simdjson::error_code error = element_result.error()) [[unlikely]] {
        return Fail(error, what);
      }
      const Step step = Call(body, element_result.value_unsafe());
      if (step != Step::kNext) return step == Step::kDone;
    }
    return true;
  }

  // Open then ForEachField: the whole of an object-valued field.
  template <typename Body>
  [[gnu::always_inline]] Found ReadFields(Value& value, std::string_view what, Want want,
                                          Body&& body) {
    Object object;
    return ReadAll(value, object, what, want, body);
  }

  // Open then ForEachElement: the whole of an array-valued field.
  template <typename Body>
  [[gnu::always_inline]] Found ReadElements(Value& value, std::string_view what, Want want,
                                            Body&& body) {
    Array array;
    return ReadAll(value, array, what, want, body);
  }

  // Reads a string (see ReadString for where the view points). Null reads as "": a text field is
  // missing when null or empty, which the caller checks, so Want::kRequired reads as kTyped.
  // Returns false when the failure has been recorded. Inline: it runs for nearly every string of
  // every offer. The value is taken by copy, as the inline readers of json_fields.h take it: the
  // compiler keeps its members in registers, where a reference would make it copy the field out of
  // the iterator in memory, one wide load over narrow stores (a store-forwarding stall).
  bool ReadText(Value value, std::string_view& out, std::string_view what, Want want) {
    const simdjson::error_code error = ReadString(value, arena_, out);
    if (error == simdjson::SUCCESS) [[likely]] {
      return true;
    }
    return NotRead(error, out, what, want);
  }

  // Reads an integer sent as a JSON number or a numeric string (see ReadLooseInt); null reads as
  // nullopt. With Want::kOptional, a value of another type or a number that cannot be read is
  // nullopt too.
  bool ReadInteger(Value value, std::optional<int64_t>& out, std::string_view what, Want want) {
    const simdjson::error_code error = ReadLooseInt(value, out);
    if (error == simdjson::SUCCESS) [[likely]] {
      return true;
    }
    return NotRead(error, out, what, want);
  }

  Arena& arena_;

 private:
  Reader& self() { return static_cast<Reader&>(*this); }

  // Calls a field or element body and reads what it returned as a Step.
  template <typename Body, typename... Args>
  [[gnu::always_inline]] static Step Call(Body& body, Args&&... args) {
    if constexpr (std::is_same_v<std::invoke_result_t<Body&, Args...>, Step>) {
      return body(std::forward<Args>(args)...);
    } else {
      return body(std::forward<Args>(args)...) ? Step::kNext : Step::kFail;
    }
  }

  template <typename Json, typename Body>
  [[gnu::always_inline]] Found ReadAll(Value& value, Json& json, std::string_view what, Want want,
                                       Body& body) {
    const Found found = Open(value, json, what, want);
    if (found != Found::kValue) [[unlikely]] {
      return found;
    }
    bool walked;
    if constexpr (std::is_same_v<Json, Object>) {
      walked = ForEachField(json, what, body);
    } else {
      walked = ForEachElement(json, what, body);
    }
    return walked ? Found::kValue : Found::kFailed;
  }

  // The rest of ReadText and ReadInteger, given the error of reading: `out` is left empty.
  // Besides the value errors, a number that cannot be read is absent when optional.
  template <typename Out>
  [[gnu::cold, gnu::noinline]] bool NotRead(simdjson::error_code error, Out& out,
                                            std::string_view what, Want want) {
    out = {};
    const bool absent =
        error == simdjson::INCORRECT_TYPE ||
        (std::is_same_v<Out, std::optional<int64_t>> &&
         (error == simdjson::NUMBER_OUT_OF_RANGE || error == simdjson::NUMBER_ERROR));
    if (want == Want::kOptional && absent) return true;
    return Fail(error, what);
  }

  // The rest of Open, given the error of opening `value`. Out of line but not cold: optional
  // objects sent as null are common.
  [[gnu::noinline]] Found NotOpened(Value& value, simdjson::error_code error, std::string_view what,
                                    Want want) {
    if (error != simdjson::INCORRECT_TYPE) {
      Fail(error, what);
      return Found::kFailed;
    }
    simdjson::ondemand::json_type type;
    if (const simdjson::error_code type_error = value.type().get(type)) {
      Fail(type_error, what);  // not even a JSON token
      return Found::kFailed;
    }
    bool is_null = false;
    if (type == simdjson::ondemand::json_type::null &&
        value.is_null().get(is_null) == simdjson::SUCCESS && is_null) {
      if (want == Want::kRequired) {
        self().Drop(DropReason::kMissingField, what);
        return Found::kFailed;
      }
      return Found::kAbsent;
    }
    if (want == Want::kOptional) return Found::kAbsent;
    self().Drop(DropReason::kWrongType, what);
    return Found::kFailed;
  }
};

}  // namespace fareflow::suppliers

#endif  // FAREFLOW_SUPPLIERS_ONDEMAND_READER_H_
