#ifndef FAREFLOW_LAMBDA_LOG_LINE_H_
#define FAREFLOW_LAMBDA_LOG_LINE_H_

#include <string>
#include <string_view>

namespace fareflow::lambda {

// One structured log record of the runtime. Views must outlive the LogLine call only.
struct LogRecord {
  std::string_view level = "info";  // "info", "warn", "error"
  std::string_view request_id;      // empty outside an invocation (start-up)
  std::string_view message;
  std::string_view route;  // empty = not written
  int status = 0;          // 0 = not written
  double latency_ms = -1;  // < 0 = not written
  // A supplier's failure: its name, host and why (empty = not written).
  std::string_view supplier;
  std::string_view host;
  std::string_view error;
};

// `record` as one JSON line with its newline, for CloudWatch Logs Insights:
// {"level":"info","requestId":"...","message":"...","route":"/v1/searches","status":200,...}.
std::string LogLine(const LogRecord& record);

}  // namespace fareflow::lambda

#endif  // FAREFLOW_LAMBDA_LOG_LINE_H_
