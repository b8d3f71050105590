#include "server/observability/metric_families.h"

#include <charconv>
#include <cmath>
#include <utility>

namespace fareflow::server {
namespace {

void AppendEscaped(std::string_view value, std::string& out) {
  for (char c : value) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
}

void AppendHeader(std::string_view name, std::string_view help, std::string_view type,
                  std::string& out) {
  out += "# HELP ";
  out += name;
  out += ' ';
  for (char c : help) out += c == '\n' ? ' ' : c;
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

// name{a="x",b="y"[,le="..."]} value
void AppendSample(std::string_view name, const std::vector<std::string>& label_names,
                  const LabelValues& values, std::string_view le, double value, std::string& out) {
  out += name;
  if (!label_names.empty() || !le.empty()) {
    out += '{';
    bool first = true;
    for (std::size_t i = 0; i < label_names.size() && i < values.size(); ++i) {
      if (!first) out += ',';
      first = false;
      out += label_names[i];
      out += "=\"";
      AppendEscaped(values[i], out);
      out += '"';
    }
    if (!le.empty()) {
      if (!first) out += ',';
      out += "le=\"";
      out += le;
      out += '"';
    }
    out += '}';
  }
  out += ' ';
  out += FormatSampleValue(value);
  out += '\n';
}

}  // namespace

std::string FormatSampleValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char text[32];
  auto [end, ec] = std::to_chars(text, text + sizeof text, value);
  return ec == std::errc() ? std::string(text, end) : std::string("NaN");
}

std::vector<double> DurationBounds() {
  return {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
          0.1,    0.25,    0.5,    1,     2.5,    5,     10,   30};
}

CounterFamily::CounterFamily(std::string name, std::string help,
                             std::vector<std::string> label_names)
    : name_(std::move(name)), help_(std::move(help)), label_names_(std::move(label_names)) {}

void CounterFamily::Add(const LabelValues& labels, double amount) {
  std::lock_guard lock(mu_);
  series_[labels] += amount;
}

double CounterFamily::Value(const LabelValues& labels) const {
  std::lock_guard lock(mu_);
  auto it = series_.find(labels);
  return it == series_.end() ? 0 : it->second;
}

void CounterFamily::Render(std::string& out) const {
  AppendHeader(name_, help_, "counter", out);
  std::lock_guard lock(mu_);
  for (const auto& [labels, value] : series_)
    AppendSample(name_, label_names_, labels, {}, value, out);
}

HistogramFamily::HistogramFamily(std::string name, std::string help,
                                 std::vector<std::string> label_names, std::vector<double> bounds)
    : name_(std::move(name)),
      help_(std::move(help)),
      label_names_(std::move(label_names)),
      bounds_(std::move(bounds)) {}

void HistogramFamily::Observe(const LabelValues& labels, double value) {
  std::size_t bucket = 0;
  while (bucket < bounds_.size() && value > bounds_[bucket]) ++bucket;
  std::lock_guard lock(mu_);
  Series& series = series_[labels];
  if (series.buckets.empty()) series.buckets.assign(bounds_.size() + 1, 0);
  ++series.buckets[bucket];
  series.sum += value;
  ++series.count;
}

uint64_t HistogramFamily::Count(const LabelValues& labels) const {
  std::lock_guard lock(mu_);
  auto it = series_.find(labels);
  return it == series_.end() ? 0 : it->second.count;
}

void HistogramFamily::Render(std::string& out) const {
  AppendHeader(name_, help_, "histogram", out);
  const std::string bucket_name = name_ + "_bucket";
  const std::string sum_name = name_ + "_sum";
  const std::string count_name = name_ + "_count";
  std::lock_guard lock(mu_);
  for (const auto& [labels, series] : series_) {
    uint64_t cumulative = 0;
    for (std::size_t i = 0; i <= bounds_.size(); ++i) {
      cumulative += series.buckets[i];
      const std::string le = i < bounds_.size() ? FormatSampleValue(bounds_[i]) : "+Inf";
      AppendSample(bucket_name, label_names_, labels, le, static_cast<double>(cumulative), out);
    }
    AppendSample(sum_name, label_names_, labels, {}, series.sum, out);
    AppendSample(count_name, label_names_, labels, {}, static_cast<double>(series.count), out);
  }
}

void CallbackMetric::Render(std::string& out) const {
  AppendHeader(name, help, type, out);
  AppendSample(name, {}, {}, {}, read ? read() : 0, out);
}

}  // namespace fareflow::server
