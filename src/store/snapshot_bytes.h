#ifndef FAREFLOW_STORE_SNAPSHOT_BYTES_H_
#define FAREFLOW_STORE_SNAPSHOT_BYTES_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace fareflow {

// Appends the fields of a search snapshot to `out`: fixed-width little-endian integers (whatever
// the host's byte order) and length-prefixed byte strings. Borrows `out`, which must outlive it.
class ByteWriter {
 public:
  explicit ByteWriter(std::string& out) : out_(out) {}

  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U32(uint32_t v) { Unsigned(v, 4); }
  void U64(uint64_t v) { Unsigned(v, 8); }
  void I32(int32_t v) { Unsigned(static_cast<uint32_t>(v), 4); }
  void I64(int64_t v) { Unsigned(static_cast<uint64_t>(v), 8); }
  void Bool(bool v) { U8(v ? 1 : 0); }
  // A u64 length, then the bytes.
  void Bytes(std::string_view bytes);
  // The bytes alone, for fields of a fixed width (codes).
  void Raw(std::string_view bytes) { out_.append(bytes); }

 private:
  void Unsigned(uint64_t v, int width);

  std::string& out_;
};

// Reads what ByteWriter wrote from bytes that may be truncated or corrupt: every read is checked
// against the end of the input. The first failure is kept and every later read returns zero (or
// an empty view) without overwriting it, so a decoder may read a whole record and check ok()
// once; error() then names the first field that did not fit or made no sense.
//
// Views returned point into the input, which must outlive them.
class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}

  // `what` names the field in the error ("request cabin", "supplier name").
  uint8_t U8(std::string_view what);
  uint32_t U32(std::string_view what);
  uint64_t U64(std::string_view what);
  int32_t I32(std::string_view what) { return static_cast<int32_t>(U32(what)); }
  int64_t I64(std::string_view what) { return static_cast<int64_t>(U64(what)); }
  // Fails on anything but 0 or 1.
  bool Bool(std::string_view what);
  // A u64 length, then that many bytes.
  std::string_view Bytes(std::string_view what);
  // Exactly `n` bytes.
  std::string_view Raw(std::size_t n, std::string_view what);
  // A u32 element count, checked against what is left of the input: each element takes at least
  // `min_element_bytes`, so a corrupt count cannot make the caller allocate without bound.
  uint32_t Count(std::string_view what, std::size_t min_element_bytes);

  // Records a failure found by the caller (a value out of range); the first failure wins.
  void Fail(std::string message);

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  std::size_t position() const { return position_; }
  std::size_t remaining() const { return bytes_.size() - position_; }

 private:
  // The next `n` bytes, or null (and a failure) when fewer are left.
  const char* Take(std::size_t n, std::string_view what);
  uint64_t Unsigned(int width, std::string_view what);

  std::string_view bytes_;
  std::size_t position_ = 0;
  std::string error_;
};

}  // namespace fareflow

#endif  // FAREFLOW_STORE_SNAPSHOT_BYTES_H_
