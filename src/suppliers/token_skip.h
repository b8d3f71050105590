#ifndef FAREFLOW_SUPPLIERS_TOKEN_SKIP_H_
#define FAREFLOW_SUPPLIERS_TOKEN_SKIP_H_

#include <array>
#include <cstdint>

#include <simdjson.h>

// Skipping On-Demand values faster than On-Demand does, and reading values straight from the
// structural index (token_reader.h builds the readers on this).
//
// A supplier's offer is mostly what fareflow does not read: a Duffel segment repeats two whole
// airport objects with their cities, three carrier objects with logo urls, and every passenger's
// cabin and bags; an Amadeus offer repeats every segment's fare details for each traveler.
// On-Demand steps over an unread value one structural token at a time (json_iterator::skip_child),
// branching three ways on each token's character; on such nesting those branches are
// mispredicted at most brackets, and the walk cost as much as everything a reader does with the
// values it reads.
//
// SkipValue and SkipRest walk the same tokens with the same rule — only the nesting depth
// counts, and running out of tokens before the depth is back is TAPE_ERROR, as On-Demand reports
// it — but add a table's -1/0/+1 to the depth per token, one predictable branch per token. They
// leave the iterator exactly where skip_child would: On-Demand's own skip that follows finds
// nothing left to do. What a skipped region must be to pass is thus unchanged (the same
// depth-balance check, on top of stage 1's checks of strings and characters).
//
// simdjson exposes neither the iterator of a value nor the token index, so both are reached
// through the members below (explicit instantiation may name private members). This ties the file
// to simdjson's iterator layout: the static_assert names the release it was written against.

static_assert(
    simdjson::SIMDJSON_VERSION_MAJOR == 3 && simdjson::SIMDJSON_VERSION_MINOR == 0,
    "token_skip.h reads simdjson 3.0's On-Demand iterator; check it against this release");

namespace fareflow::suppliers {
namespace token_access {

namespace od = simdjson::ondemand;

// Each tag names one private member; Grant's explicit instantiation defines Get for it.
template <typename Tag, typename Tag::Type kMember>
struct Grant {
  friend typename Tag::Type Get(Tag) { return kMember; }
};

struct ValueIter {
  using Type = od::value_iterator od::value::*;
  friend Type Get(ValueIter);
};
struct JsonIter {
  using Type = od::json_iterator* od::value_iterator::*;
  friend Type Get(JsonIter);
};
struct ValueDepth {
  using Type = od::depth_t od::value_iterator::*;
  friend Type Get(ValueDepth);
};
struct Token {
  using Type = od::token_iterator od::json_iterator::*;
  friend Type Get(Token);
};
struct IterDepth {
  using Type = od::depth_t od::json_iterator::*;
  friend Type Get(IterDepth);
};
struct IterParser {
  using Type = od::parser* od::json_iterator::*;
  friend Type Get(IterParser);
};
struct TokenBuf {
  using Type = const uint8_t* od::token_iterator::*;
  friend Type Get(TokenBuf);
};
struct TokenPosition {
  using Type = od::token_position od::token_iterator::*;
  friend Type Get(TokenPosition);
};
struct ParserImpl {
  using Type = std::unique_ptr<simdjson::internal::dom_parser_implementation> od::parser::*;
  friend Type Get(ParserImpl);
};
struct DocumentIter {
  using Type = od::json_iterator od::document::*;
  friend Type Get(DocumentIter);
};
struct IterStreaming {
  using Type = bool od::json_iterator::*;
  friend Type Get(IterStreaming);
};

template struct Grant<ValueIter, &od::value::iter>;
template struct Grant<JsonIter, &od::value_iterator::_json_iter>;
template struct Grant<ValueDepth, &od::value_iterator::_depth>;
template struct Grant<Token, &od::json_iterator::token>;
template struct Grant<IterDepth, &od::json_iterator::_depth>;
template struct Grant<IterParser, &od::json_iterator::parser>;
template struct Grant<TokenBuf, &od::token_iterator::buf>;
template struct Grant<TokenPosition, &od::token_iterator::_position>;
template struct Grant<ParserImpl, &od::parser::implementation>;
template struct Grant<DocumentIter, &od::document::iter>;
template struct Grant<IterStreaming, &od::json_iterator::_streaming>;

// What a token adds to the depth: +1 opens, -1 closes, 0 anything else.
inline constexpr std::array<int8_t, 256> kDepthDelta = [] {
  std::array<int8_t, 256> table{};
  table['{'] = table['['] = 1;
  table['}'] = table[']'] = -1;
  return table;
}();

// Adds each token's delta to `depth` (above 0 on entry) from `p` on, and returns the position
// just past the token that brings it to 0; `end`, with `depth` still above 0, when none does.
// The position is a local: through a reference the compiler stores it and loads it back on every
// token (it cannot tell that the byte loads do not alias it), a store-forwarding round trip that
// took longer than the rest of the loop.
inline od::token_position WalkToClose(const uint8_t* buf, od::token_position p,
                                      od::token_position end, int& depth) {
  while (p < end) {
    depth += kDepthDelta[buf[*p++]];
    if (depth == 0) break;
  }
  return p;
}

// json_iterator::skip_child(parent_depth), table-driven; see the top of the file.
inline simdjson::error_code SkipChild(od::json_iterator& iter, od::depth_t parent_depth) {
  od::depth_t& depth = iter.*Get(IterDepth{});
  if (depth <= parent_depth) return simdjson::SUCCESS;
  od::token_iterator& token = iter.*Get(Token{});
  const uint8_t* const buf = token.*Get(TokenBuf{});
  od::token_position& position = token.*Get(TokenPosition{});
  const simdjson::internal::dom_parser_implementation& index =
      *((iter.*Get(IterParser{}))->*Get(ParserImpl{}));
  const od::token_position end = &index.structural_indexes[index.n_structural_indexes];

  od::depth_t d = depth;
  // The first token, as skip_child takes it: the opening bracket or the scalar of a value not
  // started is already counted in the depth; a key (a string before ':') is stepped over with its
  // colon.
  switch (buf[*position++]) {
    case '[':
    case '{':
    case ':':
    case ',':
      break;
    case ']':
    case '}':
      if (--d <= parent_depth) {
        depth = d;
        return simdjson::SUCCESS;
      }
      break;
    case '"':
      if (buf[*position] == ':') {
        ++position;
        break;
      }
      [[fallthrough]];
    default:
      if (--d <= parent_depth) {
        depth = d;
        return simdjson::SUCCESS;
      }
      break;
  }
  int above = d - parent_depth;  // above 0: the cases above returned otherwise
  position = WalkToClose(buf, position, end, above);
  depth = parent_depth + above;
  if (above == 0) return simdjson::SUCCESS;
  return iter.report_error(simdjson::TAPE_ERROR, "not enough close braces");
}

}  // namespace token_access

// Skips `value`, a field value or array element not yet read, leaving the iterator after it.
inline simdjson::error_code SkipValue(simdjson::ondemand::value& value) {
  using namespace token_access;
  od::value_iterator& it = value.*Get(ValueIter{});
  return SkipChild(*(it.*Get(JsonIter{})), it.*Get(ValueDepth{}) - 1);
}

// Skips the rest of the object or array holding `value`, a field value or element read or not:
// afterwards its container is closed and On-Demand goes on with the container's next sibling.
inline simdjson::error_code SkipRest(simdjson::ondemand::value& value) {
  using namespace token_access;
  od::value_iterator& it = value.*Get(ValueIter{});
  return SkipChild(*(it.*Get(JsonIter{})), it.*Get(ValueDepth{}) - 2);
}

// A read position in the structural index of the document On-Demand is reading: the tokens of a
// value can be read with it directly, and On-Demand moved past them afterwards (TokenMark). Reads
// nothing past the last token: Char() is 0 there, which no reader accepts.
struct TokenCursor {
  const uint8_t* buf = nullptr;
  simdjson::ondemand::token_position p = nullptr;
  simdjson::ondemand::token_position end = nullptr;

  uint8_t Char() const { return p < end ? buf[*p] : 0; }
  // The current token's text, up to the next token (the payload's padding after the last).
  const uint8_t* Text() const { return buf + *p; }
  const uint8_t* TextEnd() const { return buf + p[1]; }  // the index ends with a sentinel
};

// Where On-Demand stands at a value it has not started: a cursor from there, and Commit to move
// On-Demand past the value once a cursor has read all of it.
class TokenMark {
 public:
  explicit TokenMark(simdjson::ondemand::value& value) {
    using namespace token_access;
    od::value_iterator& it = value.*Get(ValueIter{});
    iter_ = it.*Get(JsonIter{});
    value_depth_ = it.*Get(ValueDepth{});
    od::token_iterator& token = iter_->*Get(Token{});
    const simdjson::internal::dom_parser_implementation& index =
        *((iter_->*Get(IterParser{}))->*Get(ParserImpl{}));
    cursor_.buf = token.*Get(TokenBuf{});
    cursor_.p = token.*Get(TokenPosition{});
    cursor_.end = &index.structural_indexes[index.n_structural_indexes];
    // Only a value On-Demand has not stepped into can be read from its first token.
    if (iter_->*Get(IterDepth{}) != value_depth_) cursor_.end = cursor_.p;
  }

  const TokenCursor& cursor() const { return cursor_; }

  // Hands On-Demand the position after the value, as if it had read the value itself.
  void Commit(const TokenCursor& past) {
    using namespace token_access;
    (iter_->*Get(Token{})).*Get(TokenPosition{}) = past.p;
    iter_->*Get(IterDepth{}) = value_depth_ - 1;
  }

 private:
  simdjson::ondemand::json_iterator* iter_;
  simdjson::ondemand::depth_t value_depth_;
  TokenCursor cursor_;
};

// Steps to just past the bracket that closes the object or array the cursor is in.
inline bool SkipToClose(TokenCursor& c) {
  int depth = 1;
  c.p = token_access::WalkToClose(c.buf, c.p, c.end, depth);
  return depth == 0;
}

// What a token can start: nothing (the end, or a token that cannot begin a value), a scalar, or
// an object or array.
enum class Starts : uint8_t { kNothing, kScalar, kNested };
inline constexpr std::array<Starts, 256> kStarts = [] {
  std::array<Starts, 256> table{};
  for (Starts& s : table) s = Starts::kScalar;
  table[0] = table[','] = table[':'] = table['}'] = table[']'] = Starts::kNothing;
  table['{'] = table['['] = Starts::kNested;
  return table;
}();

// Steps over one value: a scalar token, or an object or array to its closing bracket (only the
// depth is checked inside, as On-Demand's skip does). False when no value starts here or the
// tokens run out. Inline: most values skipped are scalars.
inline bool SkipOne(TokenCursor& c) {
  const Starts starts = kStarts[c.Char()];
  ++c.p;
  if (starts == Starts::kScalar) [[likely]] {
    return true;
  }
  return starts == Starts::kNested && SkipToClose(c);
}

}  // namespace fareflow::suppliers

#endif  // FAREFLOW_SUPPLIERS_TOKEN_SKIP_H_
