#include "engine/cut_payload.h"

#include <cstring>
#include <vector>

#include "suppliers/json_fields.h"

namespace fareflow {
namespace {

// Where the string that opens at `at` (a quote) closes: the index of its closing quote, or npos
// when the cut falls inside it.
std::size_t StringEnd(std::string_view bytes, std::size_t at) {
  std::size_t from = at + 1;
  for (;;) {
    const void* found =
        from < bytes.size() ? std::memchr(bytes.data() + from, '"', bytes.size() - from) : nullptr;
    if (found == nullptr) return std::string_view::npos;
    const std::size_t quote = static_cast<const char*>(found) - bytes.data();
    std::size_t backslashes = 0;
    while (quote - backslashes > at + 1 && bytes[quote - backslashes - 1] == '\\') ++backslashes;
    if (backslashes % 2 == 0) return quote;
    from = quote + 1;
  }
}

}  // namespace

ClosedCut CloseCutPayload(std::string_view cut) {
  ClosedCut closed;
  std::vector<char> open;        // the containers around the scan: '{' or '['
  bool expect_key = false;       // inside an object, before a key
  std::string_view top_key;      // the last key of the top-level object
  std::string_view data_key;     // the last key of `data`, when it is an object
  std::size_t offers_depth = 0;  // containers open inside the offers array's; 0: not in it
  std::size_t last_end = 0;      // the end of the last complete element (or of the `[`)
  bool element_open = false;     // an element of the offers array has begun since the last comma
  std::size_t element_end = 0;   // where the current element's object or array closed; 0: not yet

  auto close_at = [&](std::size_t end) {
    closed.keep = end;
    for (std::size_t d = offers_depth; d > 0; --d) closed.closers += open[d - 1] == '{' ? '}' : ']';
  };

  for (std::size_t i = 0; i < cut.size(); ++i) {
    const char c = cut[i];
    if (suppliers::IsJsonSpace(c)) continue;
    if (offers_depth != 0 && open.size() == offers_depth && c != ',' && c != ']') {
      element_open = true;
    }
    switch (c) {
      case '"': {
        const std::size_t end = StringEnd(cut, i);
        if (end == std::string_view::npos) goto scanned;
        if (!open.empty() && open.back() == '{' && expect_key) {
          const std::string_view key = cut.substr(i + 1, end - i - 1);
          if (open.size() == 1) top_key = key;
          if (open.size() == 2) data_key = key;
          expect_key = false;
        }
        i = end;
        break;
      }
      case '{':
        open.push_back('{');
        expect_key = true;
        if (open.size() == 2) data_key = {};
        break;
      case '[':
        open.push_back('[');
        if (offers_depth == 0 && top_key == "data" && open[0] == '{' &&
            (open.size() == 2 || (open.size() == 3 && open[1] == '{' && data_key == "offers"))) {
          offers_depth = open.size();
          last_end = i + 1;
          closed.offers_began = true;
        }
        break;
      case '}':
      case ']':
        if (open.empty() || open.back() != (c == '}' ? '{' : '[')) goto scanned;
        if (open.size() == offers_depth) {  // the offers array closes: nothing was cut of it
          if (element_open) ++closed.complete;
          closed.offers_whole = true;
          close_at(i);
          return closed;
        }
        open.pop_back();
        expect_key = false;
        if (offers_depth != 0 && open.size() == offers_depth) element_end = i + 1;
        break;
      case ',':
        if (open.size() == offers_depth && offers_depth != 0) {
          if (element_open) ++closed.complete;
          element_open = false;
          element_end = 0;
          last_end = i;
        }
        expect_key = !open.empty() && open.back() == '{';
        break;
      default:  // ':' and the bytes of numbers, true, false, null
        break;
    }
  }
scanned:
  if (offers_depth == 0) {
    closed.closers = R"({"data":[]})";
    return closed;
  }
  if (element_open && element_end != 0) {  // the last element closed, its comma not yet come
    ++closed.complete;
    last_end = element_end;
  }
  close_at(last_end);
  return closed;
}

void ApplyClosedCut(const ClosedCut& closed, std::string& payload) {
  payload.resize(closed.keep);
  payload += closed.closers;
}

}  // namespace fareflow
