#ifndef FAREFLOW_CORE_HEX_H_
#define FAREFLOW_CORE_HEX_H_

#include <optional>
#include <string>
#include <string_view>

namespace fareflow {

// Base16 (RFC 4648 section 8) for the bytes fareflow shows as text: random ids, key digests,
// configured keys. Lowercase out; either case in.

// The value of one hex digit (either case), or -1 for any other character.
int HexDigitValue(char c);

// Two lowercase hex digits per byte of `bytes`.
std::string EncodeHex(std::string_view bytes);

// The bytes `text` spells in hex; nullopt for an odd length or any character that is not a hex
// digit.
std::optional<std::string> DecodeHex(std::string_view text);

}  // namespace fareflow

#endif  // FAREFLOW_CORE_HEX_H_
