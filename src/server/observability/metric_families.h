#ifndef FAREFLOW_SERVER_OBSERVABILITY_METRIC_FAMILIES_H_
#define FAREFLOW_SERVER_OBSERVABILITY_METRIC_FAMILIES_H_

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace fareflow::server {

// Label values of one series, in the order of the family's label names.
using LabelValues = std::vector<std::string>;

// A Prometheus counter family: one monotonically growing value per set of label values.
// Thread-safe: one mutex per family, held for a map lookup and an addition.
class CounterFamily {
 public:
  CounterFamily(std::string name, std::string help, std::vector<std::string> label_names);
  CounterFamily(const CounterFamily&) = delete;
  CounterFamily& operator=(const CounterFamily&) = delete;

  void Add(const LabelValues& labels, double amount = 1);
  // The series' value; 0 when it has never been added to.
  double Value(const LabelValues& labels) const;
  // Appends # HELP, # TYPE and one line per series (in label order) in text format 0.0.4.
  void Render(std::string& out) const;

 private:
  const std::string name_, help_;
  const std::vector<std::string> label_names_;
  mutable std::mutex mu_;
  std::map<LabelValues, double> series_;
};

// A Prometheus histogram family with fixed upper bounds (ascending; +Inf is implied): per set of
// label values, cumulative _bucket{le=...} counts, _sum and _count. Thread-safe like
// CounterFamily.
class HistogramFamily {
 public:
  HistogramFamily(std::string name, std::string help, std::vector<std::string> label_names,
                  std::vector<double> bounds);
  HistogramFamily(const HistogramFamily&) = delete;
  HistogramFamily& operator=(const HistogramFamily&) = delete;

  void Observe(const LabelValues& labels, double value);
  // Observations of the series so far.
  uint64_t Count(const LabelValues& labels) const;
  void Render(std::string& out) const;

 private:
  struct Series {
    std::vector<uint64_t> buckets;  // per bound, not cumulative; the last is +Inf
    double sum = 0;
    uint64_t count = 0;
  };
  const std::string name_, help_;
  const std::vector<std::string> label_names_;
  const std::vector<double> bounds_;
  mutable std::mutex mu_;
  std::map<LabelValues, Series> series_;
};

// A value without labels read when rendered, from state kept elsewhere (the store's size).
struct CallbackMetric {
  std::string name;
  std::string help;
  std::string_view type;  // "gauge" or "counter"
  std::function<double()> read;

  void Render(std::string& out) const;
};

// Bounds in seconds for durations from 100 microseconds to 30 seconds.
std::vector<double> DurationBounds();

// A sample value as Prometheus reads it: shortest round-trip decimal, "+Inf", "NaN".
std::string FormatSampleValue(double value);

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_OBSERVABILITY_METRIC_FAMILIES_H_
