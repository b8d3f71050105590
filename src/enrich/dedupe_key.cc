#include "enrich/dedupe_key.h"

#include <cstring>

// XXH3_state_t is only complete with static linking declarations; fareflow links xxhash
// dynamically but keeps the state on the stack, which the stable ABI allows.
#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

namespace fareflow {
namespace {

// Appends raw bytes to a fixed buffer; offers have at most 6 slices x 9 segments, so 2 KiB is
// ample, and anything past it is still hashed through the streaming state below. A key that fits
// is hashed in one call (Digest), which gives the same value as the streaming state (XXH3's
// streaming and one-shot forms agree) without resetting and digesting its 576 bytes per offer.
class KeyBuffer {
 public:
  template <typename T>
  void Put(const T& v) {
    PutBytes(&v, sizeof v);
  }
  void PutBytes(const void* p, std::size_t n) {
    if (size_ + n > sizeof buf_) Flush();
    if (n > sizeof buf_) {
      XXH3_64bits_update(&state_, p, n);
      return;
    }
    std::memcpy(buf_ + size_, p, n);
    size_ += n;
  }
  uint64_t Digest() {
    if (!streaming_) return XXH3_64bits(buf_, size_);
    XXH3_64bits_update(&state_, buf_, size_);
    return XXH3_64bits_digest(&state_);
  }

 private:
  void Flush() {
    if (!streaming_) {
      XXH3_64bits_reset(&state_);
      streaming_ = true;
    }
    XXH3_64bits_update(&state_, buf_, size_);
    size_ = 0;
  }

  bool streaming_ = false;
  unsigned char buf_[2048];
  std::size_t size_ = 0;
  XXH3_state_t state_;  // only once the key outgrows buf_
};

}  // namespace

uint64_t ComputeDedupeKey(const Offer& offer) {
  KeyBuffer key;
  for (const Slice& slice : offer.slices) {
    key.Put(static_cast<uint8_t>(slice.segments.size()));
    for (const Segment& s : slice.segments) {
      key.Put(s.marketing_carrier.index());
      // Flight numbers are compared as numbers: "0012" and "12" are the same flight.
      uint32_t number = 0;
      for (char c : s.marketing_flight_number) {
        if (c >= '0' && c <= '9') number = number * 10 + static_cast<uint32_t>(c - '0');
      }
      key.Put(number);
      key.Put(s.origin.index());
      key.Put(s.destination.index());
      key.Put(s.departure_local);
    }
  }
  key.Put(static_cast<uint8_t>(offer.cabin));
  for (char c : offer.fare_brand) {
    char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    key.Put(lower);
  }
  return key.Digest();
}

}  // namespace fareflow
