#include "api/search_events.h"

#include "api/search_response.h"
#include "core/json_writer.h"

namespace fareflow {

void WriteSseEvent(std::string_view name, std::string_view data, std::string& out) {
  out.reserve(out.size() + name.size() + data.size() + 16);
  out += "event: ";
  out += name;
  out += '\n';
  // JSON from JsonWriter has no line break (it escapes control characters in strings). Should
  // `data` hold one anyway, each line gets its own data: line, which a reader joins back with
  // "\n": the event stays whole and its JSON means the same.
  for (;;) {
    const std::size_t end = data.find_first_of("\r\n");
    out += "data: ";
    out += data.substr(0, end);
    out += '\n';
    if (end == std::string_view::npos) break;
    const bool crlf = data[end] == '\r' && end + 1 < data.size() && data[end + 1] == '\n';
    data.remove_prefix(end + (crlf ? 2 : 1));
  }
  out += '\n';
}

void WriteSupplierEvent(const SupplierOutcome& outcome, std::size_t done, std::size_t total,
                        bool include_timings, std::string& out) {
  std::string data;
  {
    JsonWriter w(data);
    w.BeginObject();
    WriteSupplierMembers(outcome, include_timings, w);
    w.Key("progress");
    w.BeginObject();
    w.Key("done");
    w.Int(static_cast<int64_t>(done));
    w.Key("of");
    w.Int(static_cast<int64_t>(total));
    w.EndObject();
    w.EndObject();
  }
  WriteSseEvent("supplier", data, out);
}

void WriteResultsEvent(const SearchResult& result, const SearchRequest& request, std::size_t done,
                       std::size_t total, std::size_t max_bytes, std::string& out) {
  // Written in place rather than through WriteSseEvent: the answer may take megabytes, and
  // WriteSearchResponse writes no line break.
  out += "event: results\ndata: ";
  WriteSearchResponse(
      result, request, StageTimings{},
      {.include_timings = false, .max_bytes = max_bytes, .progress = AnswerProgress{done, total}},
      out);
  out += "\n\n";
}

void WriteDoneEvent(std::string_view answer, std::string& out) {
  WriteSseEvent("done", answer, out);
}

}  // namespace fareflow
