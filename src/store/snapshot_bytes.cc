#include "store/snapshot_bytes.h"

namespace fareflow {

void ByteWriter::Unsigned(uint64_t v, int width) {
  for (int i = 0; i < width; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

void ByteWriter::Bytes(std::string_view bytes) {
  U64(bytes.size());
  out_.append(bytes);
}

const char* ByteReader::Take(std::size_t n, std::string_view what) {
  if (!ok()) return nullptr;
  if (n > remaining()) {
    Fail("truncated: " + std::string(what) + " needs " + std::to_string(n) + " bytes at offset " +
         std::to_string(position_) + ", " + std::to_string(remaining()) + " left");
    return nullptr;
  }
  const char* p = bytes_.data() + position_;
  position_ += n;
  return p;
}

uint64_t ByteReader::Unsigned(int width, std::string_view what) {
  const char* p = Take(static_cast<std::size_t>(width), what);
  if (p == nullptr) return 0;
  uint64_t v = 0;
  for (int i = 0; i < width; ++i) {
    v |= uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
  }
  return v;
}

uint8_t ByteReader::U8(std::string_view what) { return static_cast<uint8_t>(Unsigned(1, what)); }

uint32_t ByteReader::U32(std::string_view what) { return static_cast<uint32_t>(Unsigned(4, what)); }

uint64_t ByteReader::U64(std::string_view what) { return Unsigned(8, what); }

bool ByteReader::Bool(std::string_view what) {
  const uint8_t v = U8(what);
  if (v > 1) Fail(std::string(what) + " is " + std::to_string(v) + ", not 0 or 1");
  return v == 1;
}

std::string_view ByteReader::Bytes(std::string_view what) {
  const uint64_t size = U64(what);
  return Raw(static_cast<std::size_t>(size), what);
}

std::string_view ByteReader::Raw(std::size_t n, std::string_view what) {
  const char* p = Take(n, what);
  return p == nullptr ? std::string_view() : std::string_view(p, n);
}

uint32_t ByteReader::Count(std::string_view what, std::size_t min_element_bytes) {
  const uint32_t count = U32(what);
  if (ok() && min_element_bytes > 0 && count > remaining() / min_element_bytes) {
    Fail(std::string(what) + " of " + std::to_string(count) + " cannot fit in the " +
         std::to_string(remaining()) + " bytes left");
    return 0;
  }
  return ok() ? count : 0;
}

void ByteReader::Fail(std::string message) {
  if (!ok()) return;
  error_ = message.empty() ? "invalid" : std::move(message);  // an empty error would mean ok
}

}  // namespace fareflow
