#include "lambda/log_line.h"

#include "core/json_writer.h"

namespace fareflow::lambda {

std::string LogLine(const LogRecord& record) {
  std::string out;
  {
    JsonWriter w(out);
    w.BeginObject();
    w.Key("level");
    w.String(record.level);
    if (!record.request_id.empty()) {
      w.Key("requestId");
      w.String(record.request_id);
    }
    w.Key("message");
    w.String(record.message);
    if (!record.route.empty()) {
      w.Key("route");
      w.String(record.route);
    }
    if (record.status != 0) {
      w.Key("status");
      w.Int(record.status);
    }
    if (record.latency_ms >= 0) {
      w.Key("latencyMs");
      w.Double(record.latency_ms);
    }
    if (!record.supplier.empty()) {
      w.Key("supplier");
      w.String(record.supplier);
    }
    if (!record.host.empty()) {
      w.Key("host");
      w.String(record.host);
    }
    if (!record.error.empty()) {
      w.Key("error");
      w.String(record.error);
    }
    w.EndObject();
  }
  out += '\n';
  return out;
}

}  // namespace fareflow::lambda
