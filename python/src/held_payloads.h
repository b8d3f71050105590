#ifndef FAREFLOW_PYTHON_HELD_PAYLOADS_H_
#define FAREFLOW_PYTHON_HELD_PAYLOADS_H_

#include <memory>
#include <string>
#include <vector>

#include <Python.h>
#include <simdjson.h>

#include "core/result.h"
#include "engine/payload_buffers.h"

namespace fareflow::python {

// The supplier payloads of one search, as the parser reads them, for as long as the search's
// offers point into them. The bytes of a `bytes` object (or of a memoryview of one) are parsed in
// place: the object cannot change, and a view of it is held until this is destroyed. Every other
// buffer (bytearray, writable memoryviews, mmap, arrays) is copied once, because a later write by
// the caller must not change a finished answer; so is a `bytes` object that ends within
// SIMDJSON_PADDING bytes of the end of a memory page (HasReadablePadding).
//
// Made and destroyed with the GIL held (the destructor takes it if needed); Buffers() may be read
// without it.
class HeldPayloads {
 public:
  // Reads `payloads`, a sequence of (kind, data) pairs. A pair of other shape or data that is
  // not a contiguous buffer of bytes raises TypeError (a pending Python error: returns an error
  // whose code is kInternal); an unknown kind is kInvalidArgument naming "payloads/<i>/kind".
  static Result<std::unique_ptr<HeldPayloads>> Take(PyObject* payloads);

  HeldPayloads() = default;
  HeldPayloads(const HeldPayloads&) = delete;
  HeldPayloads& operator=(const HeldPayloads&) = delete;
  ~HeldPayloads();

  const std::vector<PayloadBuffer>& Buffers() const { return buffers_; }

 private:
  std::vector<PayloadBuffer> buffers_;
  std::vector<Py_buffer> views_;  // released in the destructor
  std::vector<std::unique_ptr<simdjson::padded_string>> copies_;
};

// Whether the SIMDJSON_PADDING bytes after [data, data + size) lie in the same memory page as its
// last byte, so that reading them cannot fault. simdjson reads up to that far past the end but
// never lets those bytes change what it parses (simdjson's "page trick"); memory protection is
// per page, so they are as readable as the last byte.
bool HasReadablePadding(const char* data, std::size_t size);

}  // namespace fareflow::python

#endif  // FAREFLOW_PYTHON_HELD_PAYLOADS_H_
