#ifndef FAREFLOW_LAMBDA_METRIC_LINE_H_
#define FAREFLOW_LAMBDA_METRIC_LINE_H_

#include <chrono>
#include <string>
#include <string_view>

namespace fareflow::lambda {

// One invocation's CloudWatch Embedded Metric Format line (with its newline): the Latency metric
// in milliseconds under namespace "fareflow", dimension Route; the status and request id ride
// along as properties, searchable in Logs Insights but not dimensions (their cardinality would
// make a metric per request).
std::string MetricLine(std::string_view route, double latency_ms, int status,
                       std::string_view request_id, std::chrono::system_clock::time_point now);

}  // namespace fareflow::lambda

#endif  // FAREFLOW_LAMBDA_METRIC_LINE_H_
