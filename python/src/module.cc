// The native part of the Python module `fareflow` (docs/python.md): search, the Result's native
// half (_Answer) and the cursor key. The package's Python layer (python/fareflow/__init__.py)
// turns dicts, mappings and keywords into the bytes and pairs taken here, and raises
// fareflow.InvalidRequest, which it hands to _init.
//
// The GIL is released for everything that reads payloads or offers; nothing here waits on a
// search's refine_mu with the GIL held.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "answer.h"
#include "api/search_request_json.h"
#include "core/clock.h"
#include "core/mac.h"
#include "engine/builtin_supplier.h"
#include "engine/payload_buffers.h"
#include "engine/recorded_search.h"
#include "engine/search_service.h"
#include "engine/stage_timings.h"
#include "engine/worker_pool.h"
#include "held_payloads.h"
#include "pipeline/page.h"
#include "refdata/fx_rates.h"

namespace py = pybind11;

namespace fareflow::python {
namespace {

// fareflow.InvalidRequest(message, field), given by the Python layer at import.
py::object& InvalidRequestType() {
  static py::object* type = new py::object();  // never destroyed: outlives interpreter teardown
  return *type;
}

[[noreturn]] void Raise(const Error& e) {
  if (PyErr_Occurred()) throw py::error_already_set();
  if (e.code != ErrorCode::kInvalidArgument) throw std::runtime_error(e.message);
  PyErr_SetObject(InvalidRequestType().ptr(), py::make_tuple(e.message, e.field).ptr());
  throw py::error_already_set();
}

// The worker pool every search of the process parses on: one thread per hardware thread, made
// on first use. A child made by fork() has none of its parent's threads, so it makes its own; the
// parent's pool is left allocated in the child (its threads never ran there).
WorkerPool& SharedPool() {
  static std::mutex mu;
  static WorkerPool* pool = nullptr;
  static pid_t owner = 0;
  std::lock_guard lock(mu);
  if (pool == nullptr || owner != getpid()) {
    pool = new WorkerPool(0);
    owner = getpid();
  }
  return *pool;
}

// fareflow.search's native half: `request` is the v1 request's JSON, `payloads` a sequence of
// (kind, buffer) pairs (empty: the built-in supplier), `fx` a rates file's text.
std::unique_ptr<Answer> Search(py::bytes request, py::object payloads,
                               std::optional<std::string> fx) {
  std::string body = request;  // a copy: the search keeps its own request
  auto held = HeldPayloads::Take(payloads.ptr());
  if (!held) Raise(held.error());
  const bool builtin = (*held)->Buffers().empty();

  Result<std::unique_ptr<Answer>> answer = MakeError(ErrorCode::kInternal, "");
  {
    py::gil_scoped_release unlocked;
    answer = [&]() -> Result<std::unique_ptr<Answer>> {
      const auto start = std::chrono::steady_clock::now();
      // The rates come first: the request's currency must have one in them.
      refdata::FxRates own_rates;
      const refdata::FxRates* rates = &refdata::FxRates::Builtin();
      if (fx) {
        auto parsed = refdata::ParseFxRates(*fx);
        if (!parsed) {
          const Error& e = parsed.error();
          return MakeError(ErrorCode::kInvalidArgument,
                           e.field.empty() ? e.message : e.field + ": " + e.message, "fx");
        }
        own_rates = std::move(*parsed);
        rates = &own_rates;
      }
      // Recorded payloads may be of any date; the built-in supplier answers for real dates.
      ValidationOptions validation{.check_dates = builtin, .today = TodayUtc(), .fx = rates};
      auto decoded = DecodeSearchRequest(body, validation);
      if (!decoded) return tl::unexpected(decoded.error());
      InstallLocalCursorKey();  // unless set_cursor_key installed one
      PayloadBufferSource source((*held)->Buffers(),
                                 builtin ? std::optional<int>(kDefaultBuiltinOffers) : std::nullopt,
                                 SharedPool());
      SearchService service(source, *rates, {.stage_pool = &SharedPool()});
      auto search = service.Run(std::move(*decoded), {.decode_micros = MicrosSince(start)});
      if (!search) return tl::unexpected(search.error());
      auto shared = std::make_shared<SharedSearch>();
      shared->search = std::move(*search);
      shared->payloads = std::move(*held);
      return std::make_unique<Answer>(std::move(shared));
    }();
  }
  if (!answer) Raise(answer.error());
  return std::move(*answer);
}

// Runs `f` on `answer` without the GIL and gives its string back as bytes.
template <typename F>
py::bytes BytesOf(const Answer& answer, F f) {
  std::string out;
  {
    py::gil_scoped_release unlocked;
    out = f(answer);
  }
  return py::bytes(out);
}

}  // namespace
}  // namespace fareflow::python

PYBIND11_MODULE(_fareflow, m) {
  using fareflow::python::Answer;
  namespace ffp = fareflow::python;
  m.doc() = "fareflow's native search engine; use the fareflow package, not this module.";
  m.attr("__version__") = FAREFLOW_VERSION;

  m.def(
      "_init", [](py::object invalid_request) { ffp::InvalidRequestType() = invalid_request; },
      "Registers fareflow.InvalidRequest(message, field).");

  py::class_<Answer>(m, "_Answer")
      .def(
          "json",
          [](const Answer& a, bool timings, bool offers) {
            return ffp::BytesOf(a, [&](const Answer& x) { return x.Json(timings, offers); });
          },
          py::arg("timings"), py::arg("offers"))
      .def("page_size", &Answer::PageSize)
      .def("offer_json",
           [](const Answer& a, std::size_t i) {
             if (i >= a.PageSize()) throw py::index_error("offer index out of range");
             return ffp::BytesOf(a, [&](const Answer& x) { return x.OfferJson(i); });
           })
      .def("refine", [](const Answer& a, std::vector<std::pair<std::string, std::string>> params) {
        fareflow::Result<std::unique_ptr<Answer>> refined =
            fareflow::MakeError(fareflow::ErrorCode::kInternal, "");
        {
          py::gil_scoped_release unlocked;
          refined = a.Refine(params);
        }
        if (!refined) ffp::Raise(refined.error());
        return std::move(*refined);
      });

  m.def("search", &ffp::Search, py::arg("request"), py::arg("payloads"), py::arg("fx"));

  m.def(
      "set_cursor_key",
      [](const std::string& key) {
        auto parsed = fareflow::MacKey::Parse(key);
        if (!parsed) {
          ffp::Raise(fareflow::Error{fareflow::ErrorCode::kInvalidArgument, parsed.error().message,
                                     "key"});
        }
        if (!fareflow::SetCursorKey(*parsed)) {
          throw std::runtime_error(
              "a cursor key is installed already: set it once, before the first search");
        }
      },
      py::arg("key"));
}
