#ifndef FAREFLOW_ENGINE_CUT_PAYLOAD_H_
#define FAREFLOW_ENGINE_CUT_PAYLOAD_H_

#include <string>
#include <string_view>

namespace fareflow {

// A payload cut at a supplier's body limit (net: ClientResponse::cut), made a whole document
// again that holds exactly the elements of its offers array that were complete before the cut.
struct ClosedCut {
  // The whole document is the cut's first `keep` bytes, up to the end of the last complete
  // element of the offers array (its trailing comma dropped), then `closers`, the brackets that
  // close the containers the array is in (`]}}` for an offer request, `]}` for a list page or an
  // Amadeus answer). What followed the offers array (a page's `meta`, Amadeus's `dictionaries`)
  // is lost. When no offers array began before the cut: no bytes kept and `{"data":[]}`, an
  // answer without offers.
  std::size_t keep = 0;
  std::string closers;
  int complete = 0;           // the elements of the offers array in `payload`
  bool offers_began = false;  // an offers array began before the cut
  bool offers_whole = false;  // it also ended before the cut: only what followed it was cut
};

// The offers array is the top-level `data` when it is an array (a Duffel list page, an Amadeus
// answer), or `data.offers` when `data` is an object (a Duffel offer request); the rest of the
// document is scanned as JSON tokens (strings with their escapes, brackets, commas), never parsed,
// so the cut may fall anywhere: inside a string, a number, an offer, or before the array. Bytes
// that are not JSON end the scan as a cut would; the parse of `payload` then says what is wrong.
// Linear in the size of `cut`; memchr-fast through strings.
ClosedCut CloseCutPayload(std::string_view cut);

// Makes the cut `payload` (the bytes CloseCutPayload read) the closed document, in place: no copy
// of a payload that may be as large as the body limit.
void ApplyClosedCut(const ClosedCut& closed, std::string& payload);

}  // namespace fareflow

#endif  // FAREFLOW_ENGINE_CUT_PAYLOAD_H_
