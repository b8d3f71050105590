#include "emulators/fault_plan.h"

#include <gtest/gtest.h>

#include <map>

#include <simdjson.h>

namespace fareflow::emulators {
namespace {

TEST(FaultPlanTest, NoRatesMeansNoFaults) {
  FaultPlan plan({});
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(plan.Next().fault, Fault::kNone);
}

TEST(FaultPlanTest, RatesAreHonouredAndRepeatable) {
  FaultOptions options;
  options.server_error_rate = 0.2;
  options.reset_rate = 0.1;
  options.hang_rate = 0.05;
  options.seed = 42;
  FaultPlan plan(options), again(options);
  std::map<Fault, int> counts;
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    Fault f = plan.Next().fault;
    EXPECT_EQ(f, again.Next().fault) << i;
    ++counts[f];
  }
  EXPECT_NEAR(counts[Fault::kServerError] / double(n), 0.2, 0.02);
  EXPECT_NEAR(counts[Fault::kReset] / double(n), 0.1, 0.015);
  EXPECT_NEAR(counts[Fault::kHang] / double(n), 0.05, 0.01);
  EXPECT_EQ(counts[Fault::kMalformed], 0);
  // Another seed, another sequence.
  FaultOptions reseeded = options;
  reseeded.seed = 43;
  FaultPlan other(reseeded), first(options);
  int differ = 0;
  for (int i = 0; i < 200; ++i) differ += other.Next().fault != first.Next().fault;
  EXPECT_GT(differ, 0);
}

TEST(FaultPlanTest, LatencyStaysWithinJitter) {
  FaultOptions options;
  options.latency_ms = 100;
  options.jitter_ms = 50;
  FaultPlan plan(options);
  bool varied = false;
  auto first = plan.Next().latency;
  for (int i = 0; i < 500; ++i) {
    auto l = plan.Next().latency;
    EXPECT_GE(l.count(), 100);
    EXPECT_LE(l.count(), 150);
    varied |= l != first;
  }
  EXPECT_TRUE(varied);
}

TEST(FaultPlanTest, ValidateNamesTheFlag) {
  FaultOptions bad;
  bad.malformed_rate = 1.5;
  EXPECT_EQ(bad.Validate().error().field, "--malformed-rate");
  FaultOptions too_much;
  too_much.server_error_rate = 0.7;
  too_much.reset_rate = 0.7;
  EXPECT_FALSE(too_much.Validate().has_value());
  FaultOptions negative;
  negative.latency_ms = -1;
  EXPECT_EQ(negative.Validate().error().field, "--latency-ms");
  EXPECT_TRUE(FaultOptions{}.Validate().has_value());
}

TEST(FaultPlanTest, MalformedBodiesDoNotParseAndPaddedOnesDo) {
  const std::string body = R"({"data":[{"id":"1","price":{"total":"10.00"}}],"meta":{"count":1}})";
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  EXPECT_NE(parser.parse(MakeMalformed(body)).get(doc), simdjson::SUCCESS);
  std::string padded = body;
  PadToSize(padded, 1 << 20);
  EXPECT_EQ(padded.size(), 1u << 20);
  EXPECT_EQ(parser.parse(padded).get(doc), simdjson::SUCCESS);
}

}  // namespace
}  // namespace fareflow::emulators
