#ifndef FAREFLOW_CORE_CODES_H_
#define FAREFLOW_CORE_CODES_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace fareflow {

// Three-letter IATA location code (airport or metro city), packed into 15 bits so that a 26^3
// table indexes every possible code. Value 0xFFFF means "none/invalid".
class LocationCode {
 public:
  static constexpr uint16_t kInvalid = 0xFFFF;
  static constexpr uint16_t kSpace = 26 * 26 * 26;

  constexpr LocationCode() = default;
  static constexpr LocationCode FromIndex(uint16_t index) { return LocationCode(index); }

  // Accepts exactly three ASCII letters, either case; anything else yields an invalid code.
  static constexpr LocationCode Parse(std::string_view s) {
    if (s.size() != 3) return {};
    uint16_t v = 0;
    for (char c : s) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      if (c < 'A' || c > 'Z') return {};
      v = static_cast<uint16_t>(v * 26 + (c - 'A'));
    }
    return LocationCode(v);
  }

  constexpr bool valid() const { return v_ != kInvalid; }
  constexpr uint16_t index() const { return v_; }
  // The three letters; "???" when invalid.
  std::string str() const {
    if (!valid()) return "???";
    return {static_cast<char>('A' + v_ / 676), static_cast<char>('A' + (v_ / 26) % 26),
            static_cast<char>('A' + v_ % 26)};
  }
  // Writes the three letters into out[0..2]; returns false when invalid.
  bool Write(char* out) const {
    if (!valid()) return false;
    out[0] = static_cast<char>('A' + v_ / 676);
    out[1] = static_cast<char>('A' + (v_ / 26) % 26);
    out[2] = static_cast<char>('A' + v_ % 26);
    return true;
  }
  friend constexpr bool operator==(LocationCode, LocationCode) = default;
  friend constexpr auto operator<=>(LocationCode, LocationCode) = default;

 private:
  constexpr explicit LocationCode(uint16_t v) : v_(v) {}
  uint16_t v_ = kInvalid;
};

// Two-character IATA airline designator (letters or digits, e.g. "BA", "U2", "9W"), packed into
// 11 bits so that a 36^2 table indexes every possible code.
class AirlineCode {
 public:
  static constexpr uint16_t kInvalid = 0xFFFF;
  static constexpr uint16_t kSpace = 36 * 36;

  constexpr AirlineCode() = default;
  static constexpr AirlineCode FromIndex(uint16_t index) { return AirlineCode(index); }

  static constexpr AirlineCode Parse(std::string_view s) {
    if (s.size() != 2) return {};
    uint16_t v = 0;
    for (char c : s) {
      int d;
      if (c >= 'A' && c <= 'Z') {
        d = c - 'A';
      } else if (c >= 'a' && c <= 'z') {
        d = c - 'a';
      } else if (c >= '0' && c <= '9') {
        d = 26 + (c - '0');
      } else {
        return {};
      }
      v = static_cast<uint16_t>(v * 36 + d);
    }
    return AirlineCode(v);
  }

  constexpr bool valid() const { return v_ != kInvalid; }
  constexpr uint16_t index() const { return v_; }
  std::string str() const {
    if (!valid()) return "??";
    return {Digit(v_ / 36), Digit(v_ % 36)};
  }
  bool Write(char* out) const {
    if (!valid()) return false;
    out[0] = Digit(v_ / 36);
    out[1] = Digit(v_ % 36);
    return true;
  }
  friend constexpr bool operator==(AirlineCode, AirlineCode) = default;
  friend constexpr auto operator<=>(AirlineCode, AirlineCode) = default;

 private:
  constexpr explicit AirlineCode(uint16_t v) : v_(v) {}
  static constexpr char Digit(int d) {
    return d < 26 ? static_cast<char>('A' + d) : static_cast<char>('0' + d - 26);
  }
  uint16_t v_ = kInvalid;
};

// ISO 4217 currency code (three letters), packed like LocationCode.
class CurrencyCode {
 public:
  static constexpr uint16_t kInvalid = 0xFFFF;

  constexpr CurrencyCode() = default;
  static constexpr CurrencyCode Parse(std::string_view s) {
    LocationCode l = LocationCode::Parse(s);
    return l.valid() ? CurrencyCode(l.index()) : CurrencyCode();
  }
  constexpr bool valid() const { return v_ != kInvalid; }
  constexpr uint16_t index() const { return v_; }
  std::string str() const { return LocationCode::FromIndex(v_).str(); }
  bool Write(char* out) const { return LocationCode::FromIndex(v_).Write(out); }
  friend constexpr bool operator==(CurrencyCode, CurrencyCode) = default;

 private:
  constexpr explicit CurrencyCode(uint16_t v) : v_(v) {}
  uint16_t v_ = kInvalid;
};

}  // namespace fareflow

#endif  // FAREFLOW_CORE_CODES_H_
