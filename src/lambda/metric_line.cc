#include "lambda/metric_line.h"

#include "core/json_writer.h"

namespace fareflow::lambda {

std::string MetricLine(std::string_view route, double latency_ms, int status,
                       std::string_view request_id, std::chrono::system_clock::time_point now) {
  std::string out;
  {
    JsonWriter w(out);
    w.BeginObject();
    w.Key("_aws");
    w.BeginObject();
    w.Key("Timestamp");
    w.Int(std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count());
    w.Key("CloudWatchMetrics");
    w.Raw(R"([{"Namespace":"fareflow","Dimensions":[["Route"]],)"
          R"("Metrics":[{"Name":"Latency","Unit":"Milliseconds"}]}])");
    w.EndObject();
    w.Key("Route");
    w.String(route);
    w.Key("Latency");
    w.Double(latency_ms);
    w.Key("Status");
    w.Int(status);
    w.Key("RequestId");
    w.String(request_id);
    w.EndObject();
  }
  out += '\n';
  return out;
}

}  // namespace fareflow::lambda
