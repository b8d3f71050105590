#include "suppliers/parser_buffers.h"

#include <cstddef>
#include <cstdint>
#include <string>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "core/arena.h"
#include "engine/payload_parser.h"
#include "enrich/enricher.h"
#include "model/offer_batch.h"
#include "refdata/fx_rates.h"
#include "suppliers/token_skip.h"
#include "support/generated_payload.h"
#include "support/vm_flags.h"

namespace fareflow {
namespace {

using testing_support::kMiB;
using testing_support::VmFlagsOf;

// The first entry of `parser`'s structural index, the buffer stage 1 writes.
const uint32_t* IndexOf(simdjson::ondemand::parser& parser) {
  using namespace suppliers::token_access;
  return (parser.*Get(ParserImpl{}))->structural_indexes.get();
}

// An entry of the index `bytes` into it: past its first huge page boundary when `bytes` is at
// least two huge pages, so inside the part that is advised.
const void* IndexAt(simdjson::ondemand::parser& parser, std::size_t bytes) {
  return reinterpret_cast<const char*>(IndexOf(parser)) + bytes;
}

TEST(ReserveParserTest, GrowsTheParserAndAdvisesItsIndexForHugePages) {
  simdjson::ondemand::parser parser;
  ASSERT_EQ(suppliers::ReserveParser(parser, 8 * kMiB), simdjson::SUCCESS);
  EXPECT_GE(parser.capacity(), 8 * kMiB);
  ASSERT_NE(IndexOf(parser), nullptr);
  // Four bytes of index per byte of capacity: 32 MiB, of which 16 MiB in is well inside.
  const std::string flags = VmFlagsOf(IndexAt(parser, 16 * kMiB));
  EXPECT_NE(flags.find(" hg"), std::string::npos) << flags;
}

TEST(ReserveParserTest, LeavesALargeEnoughParserAsItIs) {
  simdjson::ondemand::parser parser;
  ASSERT_EQ(suppliers::ReserveParser(parser, 4 * kMiB), simdjson::SUCCESS);
  const std::size_t capacity = parser.capacity();
  const uint32_t* index = IndexOf(parser);
  EXPECT_EQ(suppliers::ReserveParser(parser, kMiB), simdjson::SUCCESS);
  EXPECT_EQ(parser.capacity(), capacity);
  EXPECT_EQ(IndexOf(parser), index);
}

TEST(ReserveParserTest, ADocumentTooLargeForSimdjsonIsItsCapacityError) {
  simdjson::ondemand::parser parser;
  ASSERT_EQ(suppliers::ReserveParser(parser, kMiB), simdjson::SUCCESS);
  const std::size_t too_large = std::size_t{simdjson::SIMDJSON_MAXSIZE_BYTES} + 1;
  EXPECT_EQ(suppliers::ReserveParser(parser, too_large), simdjson::CAPACITY);
  EXPECT_EQ(parser.capacity(), kMiB);
}

// Every payload goes through it: a fresh worker's parser gets its index in huge pages from the
// first payload that makes it grow, and parses that payload as before.
TEST(ReserveParserTest, ParsePayloadReservesTheParserItParsesWith) {
  const SearchRequest request = testing_support::GeneratedRoundTrip(1);
  const std::string text =
      testing_support::GeneratedPayload(testing_support::PayloadShape::kAmadeus, 800, 7, request);
  ASSERT_GE(text.size(), kMiB);
  const simdjson::padded_string payload(text);
  const Enricher enricher(request, refdata::FxRates::Builtin());
  simdjson::ondemand::parser parser;
  Arena arena;
  OfferBatch batch(arena.resource());
  ASSERT_TRUE(ParsePayload(SupplierKind::kAmadeus, payload, parser, enricher, arena, 0, batch));
  EXPECT_EQ(batch.received, 800);
  EXPECT_GE(parser.capacity(), text.size());
  const std::string flags = VmFlagsOf(IndexAt(parser, 2 * text.size()));
  EXPECT_NE(flags.find(" hg"), std::string::npos) << flags;
}

}  // namespace
}  // namespace fareflow
