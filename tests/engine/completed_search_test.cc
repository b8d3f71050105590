// NewSearchId: a search id is the only thing a client needs to read a stored search (its route,
// passengers and offers), so ids must carry 128 random bits and must not let one client predict
// the ids handed to another.

#include "engine/completed_search.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fareflow {
namespace {

constexpr std::string_view kPrefix = "srch_";

// The 64-bit words an id of the form "srch_" + 32 hex digits shows; nullopt for anything else.
std::optional<std::array<uint64_t, 2>> Words(const std::string& id) {
  if (id.size() != kPrefix.size() + 32 || id.rfind(kPrefix, 0) != 0) return std::nullopt;
  std::array<uint64_t, 2> words{};
  for (std::size_t i = 0; i < 32; ++i) {
    const char c = id[kPrefix.size() + i];
    const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (digit < 0) return std::nullopt;
    words[i / 16] = words[i / 16] << 4 | static_cast<uint64_t>(digit);
  }
  return words;
}

// Inverts x = y ^ ((y << shift) & mask) (or >> when !left): each round fixes `shift` more bits.
uint64_t UndoXorShift(uint64_t x, int shift, uint64_t mask, bool left) {
  uint64_t y = x;
  for (int fixed = 0; fixed < 64; fixed += shift) y = x ^ ((left ? y << shift : y >> shift) & mask);
  return y;
}

// mt19937_64's tempering, inverted: the generator's state word behind one output.
uint64_t Untemper(uint64_t y) {
  y = UndoXorShift(y, 43, ~uint64_t{0}, false);
  y = UndoXorShift(y, 37, 0xFFF7EEE000000000ULL, true);
  y = UndoXorShift(y, 17, 0x71D67FFFEDA60000ULL, true);
  return UndoXorShift(y, 29, 0x5555555555555555ULL, false);
}

// The attack a client can run on ids made from a Mersenne Twister: untemper 312 consecutive
// outputs to get the generator's whole state, copy it into a generator of its own, and compute
// the next id. Returns that guess; nullopt when the ids do not show 64-bit words.
std::optional<std::string> PredictNextId(const std::vector<std::string>& ids) {
  std::vector<uint64_t> state;
  for (const std::string& id : ids) {
    const std::optional<std::array<uint64_t, 2>> words = Words(id);
    if (!words) return std::nullopt;
    for (uint64_t w : *words) state.push_back(Untemper(w));
  }
  if (state.size() < std::mt19937_64::state_size) return std::nullopt;
  state.resize(std::mt19937_64::state_size);
  // The copy's state is set through operator>>: the 312 words, then (libstdc++) the position,
  // 312 = "regenerate the state before the next output", where the observed generator now is.
  std::string text;
  for (uint64_t w : state) text += std::to_string(w) + " ";
  text += std::to_string(std::mt19937_64::state_size);
  std::istringstream in(text);
  std::mt19937_64 copy;
  in >> copy;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string next(kPrefix);
  for (int word = 0; word < 2; ++word) {
    const uint64_t w = copy();
    for (int i = 0; i < 16; ++i) next += kHex[(w >> (60 - 4 * i)) & 0xF];
  }
  return next;
}

// An id generator built as NewSearchId once was, on a Mersenne Twister seeded from the OS but
// showing two whole outputs per id: what the attack must break.
class TwisterIds {
 public:
  TwisterIds() : generator_(std::random_device{}()) {}
  std::string Next() {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string id(kPrefix);
    for (int word = 0; word < 2; ++word) {
      const uint64_t w = generator_();
      for (int i = 0; i < 16; ++i) id += kHex[(w >> (60 - 4 * i)) & 0xF];
    }
    return id;
  }

 private:
  std::mt19937_64 generator_;
};

// 156 ids of two words each: the 312 outputs the attack needs.
constexpr int kIdsToObserve = std::mt19937_64::state_size / 2;

TEST(NewSearchIdTest, CarriesAtLeast128Bits) {
  const std::string id = NewSearchId();
  ASSERT_TRUE(Words(id).has_value()) << id << ": \"srch_\" and 32 lowercase hex digits";
  std::set<std::string> seen;
  for (int i = 0; i < 10'000; ++i) EXPECT_TRUE(seen.insert(NewSearchId()).second);
}

TEST(NewSearchIdTest, TheStateRecoveryAttackPredictsAMersenneTwistersNextId) {
  TwisterIds twister;
  std::vector<std::string> observed;
  for (int i = 0; i < kIdsToObserve; ++i) observed.push_back(twister.Next());
  const std::optional<std::string> guess = PredictNextId(observed);
  ASSERT_TRUE(guess.has_value());
  EXPECT_EQ(*guess, twister.Next()) << "the attack below would prove nothing";
}

TEST(NewSearchIdTest, TheStateRecoveryAttackCannotPredictTheNextId) {
  // Ids are made on the calling thread; observe them all on this one, as a client hammering one
  // worker would.
  std::vector<std::string> observed;
  for (int i = 0; i < kIdsToObserve; ++i) observed.push_back(NewSearchId());
  const std::optional<std::string> guess = PredictNextId(observed);
  ASSERT_TRUE(guess.has_value()) << "ids must show 128 bits: " << observed[0];
  EXPECT_NE(*guess, NewSearchId());
}

}  // namespace
}  // namespace fareflow
