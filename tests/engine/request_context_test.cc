#include "engine/request_context.h"

#include <string>

#include <gtest/gtest.h>

namespace fareflow {
namespace {

constexpr std::size_t kPayload = 1 << 20;

// Fan-out keeps supplier answers as HTTP bodies (std::string); they were once left out of the
// count, so a store's memory cap let four large answers take gigabytes.
TEST(RequestContextTest, MemoryBytesCountsPayloadsKeptAsHttpBodies) {
  RequestContext context{SearchRequest{}};
  const std::size_t empty = context.MemoryBytes();
  context.AddPayload(std::string(kPayload, ' '));
  EXPECT_GE(context.MemoryBytes(), empty + kPayload + simdjson::SIMDJSON_PADDING);
}

TEST(RequestContextTest, MemoryBytesCountsAStringPayloadByItsCapacity) {
  RequestContext context{SearchRequest{}};
  const std::size_t empty = context.MemoryBytes();
  std::string body(100, ' ');
  body.reserve(4 * kPayload);  // what a body read in chunks may have reserved
  context.AddPayload(std::move(body));
  EXPECT_GE(context.MemoryBytes(), empty + 4 * kPayload);
}

// A body without room for the padding is copied once into a string of its size and the padding,
// not grown by reserve(), which doubled its capacity.
TEST(RequestContextTest, BodyWithoutRoomForThePaddingIsNotDoubled) {
  RequestContext context{SearchRequest{}};
  const std::size_t empty = context.MemoryBytes();
  std::string body(kPayload, ' ');
  body.shrink_to_fit();
  const simdjson::padded_string_view view = context.AddPayload(std::move(body));
  EXPECT_EQ(view.size(), kPayload);
  EXPECT_GE(view.capacity(), kPayload + simdjson::SIMDJSON_PADDING);
  EXPECT_LT(context.MemoryBytes(), empty + kPayload + 4096);
}

TEST(RequestContextTest, MemoryBytesCountsPaddedPayloadsArenasAndBatches) {
  RequestContext context{SearchRequest{}};
  const std::size_t empty = context.MemoryBytes();
  context.AddPayload(simdjson::padded_string(std::string(kPayload, ' ')));
  const std::size_t with_payload = context.MemoryBytes();
  EXPECT_GE(with_payload, empty + kPayload + simdjson::SIMDJSON_PADDING);

  Arena& arena = context.NewArena();
  arena.AllocateArray<char>(3 * kPayload);
  OfferBatch& batch = context.NewBatch(arena);
  batch.first_drop_detail.assign(1000, 'x');
  EXPECT_GE(context.MemoryBytes(), with_payload + 3 * kPayload + 1000);
}

TEST(RequestContextTest, ReleaseLeavesOnlyTheContextItself) {
  RequestContext context{SearchRequest{}};
  const std::size_t empty = context.MemoryBytes();
  context.AddPayload(std::string(kPayload, ' '));
  context.NewArena().AllocateArray<char>(kPayload);
  context.Release();
  EXPECT_EQ(context.MemoryBytes(), empty);
}

}  // namespace
}  // namespace fareflow
