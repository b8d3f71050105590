#ifndef FAREFLOW_SUPPLIERS_TOKEN_READER_H_
#define FAREFLOW_SUPPLIERS_TOKEN_READER_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

#include "core/datetime.h"
#include "suppliers/json_fields.h"
#include "suppliers/ondemand_reader.h"
#include "suppliers/token_skip.h"

// Reading values straight from simdjson's structural index, for the fast paths of the offer
// readers (suppliers/<supplier>/offer_fast_path.cc): a fast path reads an offer as its supplier
// sends it, token by token, and gives up (returns false) on anything unusual — an escaped string,
// a value of another type, a number that is not a small integer, a duplicate key, a structure
// that is not well-formed. The supplier's On-Demand reader then reads the offer again and decides
// (and reports) as it always does, so what an offer must be to be kept never depends on which
// path read it.
//
// Every reader here takes a TokenCursor (token_skip.h), reads one value and leaves the cursor
// after it, or returns false. Nothing reads past the last token (TokenCursor::Char() is 0 there)
// nor past the payload's padding. Views point into the payload bytes.

namespace fareflow::suppliers::tokens {

// What a fast path needs besides the readers below, so that one using-directive names it all.
using suppliers::SkipOne;
using suppliers::Step;
using suppliers::TokenCursor;
using suppliers::TokenMark;

// True when the key text (after its opening quote) is exactly `literal`, as suppliers::KeyIs.
template <std::size_t N>
inline bool Is(const uint8_t* key, const char (&literal)[N]) {
  constexpr std::size_t kLength = N - 1;
  return key[kLength] == '"' && std::memcmp(key, literal, kLength) == 0;
}

// What may follow a scalar in its token.
inline bool EndsScalar(uint8_t c) {
  return c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t' ||
         c == 0;
}

// Reads null; false (and nothing read) for anything else.
inline bool Null(TokenCursor& c) {
  if (c.Char() != 'n' || std::memcmp(c.Text(), "null", 4) != 0 || !EndsScalar(c.Text()[4])) {
    return false;
  }
  ++c.p;
  return true;
}

// Reads a string without escape sequences as a view into the payload; null reads as "". False
// for anything else.
inline bool Text(TokenCursor& c, std::string_view& out) {
  const uint8_t first = c.Char();
  if (first == '"') [[likely]] {
    const char* begin = reinterpret_cast<const char*>(c.Text()) + 1;
    const std::size_t limit = static_cast<std::size_t>(c.TextEnd() - c.Text()) - 1;
    const std::optional<std::size_t> n = PlainStringLength(begin, limit);
    if (!n) return false;
    out = std::string_view(begin, *n);
    ++c.p;
    return true;
  }
  if (Null(c)) {
    out = {};
    return true;
  }
  return false;
}

// Reads a non-negative JSON integer of at most 18 digits.
inline bool SmallInt(TokenCursor& c, int64_t& out) {
  const uint8_t* s = c.Text();
  if (c.Char() < '0' || c.Char() > '9') return false;
  int64_t v = 0;
  int n = 0;
  while (s[n] >= '0' && s[n] <= '9') {
    if (n == 18) return false;  // a 19th digit: given up before it could overflow v
    v = v * 10 + (s[n] - '0');
    ++n;
  }
  if ((s[0] == '0' && n > 1) || !EndsScalar(s[n])) return false;
  out = v;
  ++c.p;
  return true;
}

// Reads true, false or null (nullopt); false (and nothing read) for anything else.
inline bool Bool(TokenCursor& c, std::optional<bool>& out) {
  const uint8_t* text = c.Text();
  if (c.Char() == 't' && std::memcmp(text, "true", 4) == 0 && EndsScalar(text[4])) {
    out = true;
  } else if (c.Char() == 'f' && std::memcmp(text, "false", 5) == 0 && EndsScalar(text[5])) {
    out = false;
  } else if (Null(c)) {
    out.reset();
    return true;
  } else {
    return false;
  }
  ++c.p;
  return true;
}

// Reads a small integer (SmallInt) or null (nullopt); false for anything else, which the
// On-Demand reader reads (negative numbers, fractions, numeric strings).
inline bool Integer(TokenCursor& c, std::optional<int64_t>& out) {
  if (Null(c)) {
    out.reset();
    return true;
  }
  int64_t value = 0;
  if (!SmallInt(c, value)) return false;
  out = value;
  return true;
}

// Reads an ISO 8601 duration (a string) into `minutes` when it parses; leaves `minutes` as it was
// when it does not, or is null or "". False when the value is not a plain string or null.
inline bool Duration(TokenCursor& c, int32_t& minutes) {
  std::string_view text;
  if (!Text(c, text)) return false;
  if (std::optional<int32_t> parsed = ParseIsoDuration(text)) minutes = *parsed;
  return true;
}

// Walks the fields of an object, calling body(key) with the cursor at the value; the body reads
// or skips the value and returns kNext, kDone (the rest of the object is skipped) or kFail.
template <typename Body>
inline bool Fields(TokenCursor& c, Body&& body) {
  if (c.Char() != '{') return false;
  ++c.p;
  if (c.Char() == '}') {
    ++c.p;
    return true;
  }
  while (true) {
    if (c.Char() != '"') return false;
    const uint8_t* key = c.Text() + 1;
    ++c.p;
    if (c.Char() != ':') return false;
    ++c.p;
    const Step step = body(key);
    if (step != Step::kNext) {
      return step == Step::kDone && SkipToClose(c);
    }
    const uint8_t next = c.Char();
    ++c.p;
    if (next == '}') return true;
    if (next != ',') return false;
  }
}

// Walks the elements of an array like Fields, calling body() with the cursor at each element.
template <typename Body>
inline bool Elements(TokenCursor& c, Body&& body) {
  if (c.Char() != '[') return false;
  ++c.p;
  if (c.Char() == ']') {
    ++c.p;
    return true;
  }
  while (true) {
    const Step step = body();
    if (step != Step::kNext) {
      return step == Step::kDone && SkipToClose(c);
    }
    const uint8_t next = c.Char();
    ++c.p;
    if (next == ']') return true;
    if (next != ',') return false;
  }
}

// An object or array the cursor has walked, token by token, from `from` to where it stands now:
// a later value with the same text can then be stepped over at once (SkipRepeat). Views into one
// document's bytes and index, valid while that document is being read.
struct WalkedValue {
  const uint8_t* text = nullptr;  // its opening bracket
  std::size_t length = 0;         // up to and including its closing bracket
  std::ptrdiff_t tokens = 0;      // 0: nothing walked
};

inline WalkedValue Walked(const TokenCursor& c, simdjson::ondemand::token_position from) {
  return {c.buf + *from, std::size_t{c.p[-1] - *from} + 1, c.p - from};
}

// Steps over the value at the cursor in one move when its text is byte for byte `walked`'s, and
// returns false, the cursor unmoved, otherwise. Sound because stage 1 finds the tokens of a value
// from its bytes alone once the value starts outside any string, as every value does: the same
// bytes hold the same tokens at the same offsets, as well-formed as the ones the reader walked.
// Why: an Amadeus offer repeats every segment's fare details for each traveler of a type, the
// same text each time, and skipping it token by token was a tenth of reading the offer.
inline bool SkipRepeat(TokenCursor& c, const WalkedValue& walked) {
  if (walked.tokens == 0 || c.end - c.p < walked.tokens) return false;
  // The token that would close the value must stand where the text's closes: a cheap test that
  // turns away most other values, and keeps the comparison inside the document.
  const uint32_t first = *c.p;
  if (std::size_t{c.p[walked.tokens - 1] - first} + 1 != walked.length) return false;
  if (std::memcmp(c.buf + first, walked.text, walked.length) != 0) return false;
  c.p += walked.tokens;
  return true;
}

// The last values of one kind a reader read, and what it read from each, for SkipRepeat: a value
// a supplier repeats from part to part of an offer and from offer to offer (an airport, a carrier,
// the amenities of a fare brand) is then stepped over in one move and its reading reused. Sound
// where what a reader takes from a value depends on the value's text alone. For one document,
// like the views it holds.
template <typename Read, std::size_t N>
class RecentReads {
 public:
  // What was read from the value at the cursor, the cursor moved past the value, when its text
  // repeats one of the last N remembered; null, the cursor unmoved, otherwise.
  const Read* Find(TokenCursor& c) {
    for (const Entry& entry : entries_) {
      if (SkipRepeat(c, entry.text)) {
        ++repeats_;
        return &entry.read;
      }
    }
    return nullptr;
  }

  // Remembers, in place of the oldest, the object or array walked from `from` to the cursor.
  void Remember(const TokenCursor& c, simdjson::ondemand::token_position from, const Read& read) {
    entries_[oldest_] = Entry{Walked(c, from), read};
    oldest_ = (oldest_ + 1) % N;
  }

  // How many values were stepped over in one move.
  int repeats() const { return repeats_; }

 private:
  struct Entry {
    WalkedValue text;
    Read read;
  };
  std::array<Entry, N> entries_{};
  std::size_t oldest_ = 0;
  int repeats_ = 0;
};

// RecentReads of values stepped over unread.
template <std::size_t N>
class RecentValues {
 public:
  // Steps over one value as SkipOne does: a scalar at once, an object or array in one move when
  // it repeats one of the last N stepped over, token by token otherwise (and then remembered).
  bool Skip(TokenCursor& c) {
    if (kStarts[c.Char()] != Starts::kNested) return SkipOne(c);
    if (recent_.Find(c) != nullptr) return true;
    const simdjson::ondemand::token_position from = c.p;
    if (!SkipOne(c)) return false;
    recent_.Remember(c, from, Nothing{});
    return true;
  }

  int repeats() const { return recent_.repeats(); }

 private:
  struct Nothing {};
  RecentReads<Nothing, N> recent_;
};

// Which keys of an object were read, by bit: a key seen twice gives up, and the On-Demand reader
// decides which one counts.
class Seen {
 public:
  bool First(unsigned bit) {
    const uint32_t mask = 1u << bit;
    if (bits_ & mask) return false;
    bits_ |= mask;
    return true;
  }

 private:
  uint32_t bits_ = 0;
};

inline Step Next(bool ok) { return ok ? Step::kNext : Step::kFail; }

}  // namespace fareflow::suppliers::tokens

#endif  // FAREFLOW_SUPPLIERS_TOKEN_READER_H_
