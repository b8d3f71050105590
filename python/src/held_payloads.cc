#include "held_payloads.h"

#include <unistd.h>

#include <cstdint>

#include "engine/recorded_search.h"

namespace fareflow::python {
namespace {

// The object whose memory `view` shows: a memoryview's base, else the exporter itself.
PyObject* Owner(const Py_buffer& view) {
  PyObject* obj = view.obj;
  if (obj != nullptr && PyMemoryView_Check(obj)) obj = PyMemoryView_GET_BASE(obj);
  return obj;
}

Error TypeErrorAt(std::size_t i, const char* what) {
  PyErr_Format(PyExc_TypeError, "payloads[%zu]: %s", i, what);
  return Error{ErrorCode::kInternal, "a Python exception is set", ""};
}

}  // namespace

bool HasReadablePadding(const char* data, std::size_t size) {
  if (size == 0) return false;
  static const std::uintptr_t page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
  const std::uintptr_t last = reinterpret_cast<std::uintptr_t>(data) + size - 1;
  return last % page + simdjson::SIMDJSON_PADDING < page;
}

Result<std::unique_ptr<HeldPayloads>> HeldPayloads::Take(PyObject* payloads) {
  auto held = std::make_unique<HeldPayloads>();
  PyObject* seq = PySequence_Fast(payloads, "payloads must be a list of (kind, data) pairs");
  if (seq == nullptr) return tl::unexpected(Error{ErrorCode::kInternal, "", ""});
  const Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
  if (static_cast<std::size_t>(n) > kMaxRecordedPayloads) {
    Py_DECREF(seq);
    return MakeError(
        ErrorCode::kInvalidArgument,
        "at most " + std::to_string(kMaxRecordedPayloads) + " payloads, not " + std::to_string(n),
        "payloads");
  }
  held->views_.reserve(static_cast<std::size_t>(n));
  for (Py_ssize_t i = 0; i < n; ++i) {
    const std::size_t at = static_cast<std::size_t>(i);
    PyObject* pair = PySequence_Fast_GET_ITEM(seq, i);
    if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
      Py_DECREF(seq);
      return tl::unexpected(TypeErrorAt(at, "want a (kind, data) tuple"));
    }
    PyObject* kind_obj = PyTuple_GET_ITEM(pair, 0);
    Py_ssize_t kind_size = 0;
    const char* kind_text =
        PyUnicode_Check(kind_obj) ? PyUnicode_AsUTF8AndSize(kind_obj, &kind_size) : nullptr;
    if (kind_text == nullptr) {
      PyErr_Clear();
      Py_DECREF(seq);
      return tl::unexpected(TypeErrorAt(at, "the kind must be a str"));
    }
    const std::string_view kind_name(kind_text, static_cast<std::size_t>(kind_size));
    const std::optional<SupplierKind> kind = ParseSupplierKind(kind_name);
    if (!kind || *kind == SupplierKind::kBuiltin) {
      Py_DECREF(seq);
      return MakeError(ErrorCode::kInvalidArgument,
                       "\"" + std::string(kind_name.substr(0, 32)) +
                           "\" is not a payload kind: want \"amadeus\" or \"duffel\"",
                       "payloads/" + std::to_string(at) + "/kind");
    }
    Py_buffer view;
    if (PyObject_GetBuffer(PyTuple_GET_ITEM(pair, 1), &view, PyBUF_SIMPLE) != 0) {
      PyErr_Clear();
      Py_DECREF(seq);
      return tl::unexpected(
          TypeErrorAt(at,
                      "the data must be bytes, bytearray, memoryview or another contiguous "
                      "buffer of bytes"));
    }
    const char* data = static_cast<const char*>(view.buf);
    const std::size_t size = static_cast<std::size_t>(view.len);
    PyObject* owner = Owner(view);
    if (owner != nullptr && PyBytes_Check(owner) && HasReadablePadding(data, size)) {
      held->buffers_.push_back(
          {*kind, simdjson::padded_string_view(data, size, size + simdjson::SIMDJSON_PADDING)});
      held->views_.push_back(view);
    } else {
      held->copies_.push_back(std::make_unique<simdjson::padded_string>(data, size));
      PyBuffer_Release(&view);
      held->buffers_.push_back({*kind, *held->copies_.back()});
    }
  }
  Py_DECREF(seq);
  return held;
}

HeldPayloads::~HeldPayloads() {
  if (views_.empty()) return;
  const PyGILState_STATE gil = PyGILState_Ensure();
  for (Py_buffer& view : views_) PyBuffer_Release(&view);
  PyGILState_Release(gil);
}

}  // namespace fareflow::python
