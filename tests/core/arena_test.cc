#include "core/arena.h"

#include <cstdint>
#include <limits>
#include <memory>
#include <new>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "support/vm_flags.h"

namespace fareflow {
namespace {

using testing_support::kMiB;
using testing_support::VmFlagsOf;

TEST(ArenaTest, SmallAllocationsComeFromTheHeap) {
  Arena arena;
  int* values = arena.AllocateArray<int>(100);
  ASSERT_NE(values, nullptr);
  values[99] = 7;
  EXPECT_EQ(values[99], 7);
  EXPECT_GE(arena.reserved_bytes(), 100 * sizeof(int));
  EXPECT_EQ(VmFlagsOf(values).find(" hg"), std::string::npos) << VmFlagsOf(values);
}

// A large payload's arena asks for blocks of megabytes: they start on a huge page, are advised
// MADV_HUGEPAGE ("hg" in smaps) and are counted whole.
TEST(ArenaTest, LargeBlocksAreHugePageAlignedAndAdvised) {
  Arena arena(64 * 1024);
  char* block = arena.AllocateArray<char>(3 * kMiB);
  ASSERT_NE(block, nullptr);
  block[3 * kMiB - 1] = 'x';
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(block) % Arena::kHugePageBytes, 0u);
  EXPECT_NE(VmFlagsOf(block).find(" hg"), std::string::npos) << VmFlagsOf(block);
  EXPECT_GE(arena.reserved_bytes(), 3 * kMiB);
}

// Searches follow one another: the next arena gets the block the last one released, already
// faulted in, instead of a fresh one.
TEST(ArenaTest, AReleasedLargeBlockIsUsedAgain) {
  char* first = nullptr;
  {
    Arena arena(64 * 1024);
    first = arena.AllocateArray<char>(5 * kMiB);
    first[0] = 'a';
  }
  Arena next(64 * 1024);
  char* second = next.AllocateArray<char>(5 * kMiB);
  EXPECT_EQ(second, first);
  EXPECT_EQ(second[0], 'a') << "the same memory, not cleared again";

  // Release() gives its blocks back the same way.
  next.Release();
  Arena third(64 * 1024);
  EXPECT_EQ(third.AllocateArray<char>(5 * kMiB), first);
}

// A tail piece's copy (engine/split_payload.cc) is a little larger or smaller every search: a
// released block is used again for any request of its size class, not only for its exact size.
TEST(ArenaTest, AReleasedLargeBlockIsUsedAgainForARequestOfAnotherSize) {
  char* first = nullptr;
  {
    Arena arena(64 * 1024);
    first = arena.AllocateArray<char>(5 * kMiB + 12345);
    first[0] = 'a';
  }
  Arena next(64 * 1024);
  EXPECT_EQ(next.AllocateArray<char>(5 * kMiB + 54321), first);
}

// A request no memory can hold fails as such, whatever size class it would round up to.
TEST(ArenaTest, AnImpossibleRequestThrowsBadAlloc) {
  Arena arena(64 * 1024);
  // Read through volatile: a size the compiler can see, it refuses at compile time
  // (-Walloc-size-larger-than), and this test is about the arena refusing it at run time.
  volatile std::size_t huge = std::numeric_limits<std::size_t>::max() / 4 * 3 + 4096;
  EXPECT_THROW(arena.AllocateArray<char>(huge), std::bad_alloc);
  volatile std::size_t all_but_a_page = std::numeric_limits<std::size_t>::max() - 4096;
  EXPECT_THROW(arena.AllocateArray<char>(all_but_a_page), std::bad_alloc);
}

// Two arenas with a block of `bytes` each, released one after the other: the first released
// block, then the second.
std::pair<char*, char*> ReleaseTwoBlocks(std::size_t bytes) {
  Arena second(64 * 1024);
  Arena first(64 * 1024);  // destroyed before `second`
  return {first.AllocateArray<char>(bytes), second.AllocateArray<char>(bytes)};
}

// The cache keeps at most kCachedBlockBytes: blocks released beyond that are unmapped.
TEST(ArenaTest, TheCacheOfReleasedBlocksIsBounded) {
  // Only one of the two fits in the cache, the other is unmapped.
  const auto [first, second] = ReleaseTwoBlocks(Arena::kCachedBlockBytes / 2 + kMiB);
  const bool one_unmapped = VmFlagsOf(first).empty() != VmFlagsOf(second).empty();
  EXPECT_TRUE(one_unmapped) << "first: " << VmFlagsOf(first) << "; second: " << VmFlagsOf(second);
}

// The cache follows the searches the process makes now: once blocks of sizes that no longer come
// back fill it (one very large search's), a block of another size released later is still kept,
// in place of the block kept longest ago, and the next arena of that size gets it again.
TEST(ArenaTest, ABlockReleasedIntoAFullCacheIsKeptInPlaceOfTheOldest) {
  // A size class: two fill the cache, and both are kept.
  const auto [kept_first, kept_last] = ReleaseTwoBlocks(Arena::kCachedBlockBytes / 2);
  char* block = nullptr;
  {
    Arena arena(64 * 1024);
    block = arena.AllocateArray<char>(5 * kMiB);
    block[0] = 'a';
  }
  EXPECT_TRUE(VmFlagsOf(kept_first).empty()) << "the block kept longest ago is unmapped";
  EXPECT_FALSE(VmFlagsOf(kept_last).empty()) << "the other one is still kept";
  Arena next(64 * 1024);
  char* again = next.AllocateArray<char>(5 * kMiB);
  EXPECT_EQ(again, block);
  EXPECT_EQ(again[0], 'a') << "the same memory, kept rather than unmapped and mapped afresh";
}

// The heap blocks an arena starts with are kept for the next arena, whichever thread releases
// them: a search parsed on a worker thread would otherwise fault them in again, since glibc gives
// what such a thread frees back to the kernel (on one thread, glibc's own heap would hand the
// same block back anyway).
TEST(ArenaTest, AHeapBlockReleasedOnOneThreadIsUsedOnAnother) {
  void* first = nullptr;
  std::thread([&first] {
    Arena arena(96 * 1024);
    first = arena.AllocateArray<char>(100);
  }).join();
  Arena next(96 * 1024);
  EXPECT_EQ(next.AllocateArray<char>(100), first);
}

TEST(ArenaTest, TheCacheOfReleasedHeapBlocksIsBounded) {
  // Twice as many first blocks as the cache holds, released together: it keeps some, and never
  // more than its bound (the rest are freed).
  // Below kHugeBlockBytes once rounded up to its size class: a heap block.
  constexpr std::size_t kFirstBlock = 1024 * 1024;
  const std::size_t count = 2 * Arena::kCachedHeapBlockBytes / kFirstBlock;
  {
    std::vector<std::unique_ptr<Arena>> arenas;
    for (std::size_t i = 0; i < count; ++i) {
      arenas.push_back(std::make_unique<Arena>(kFirstBlock));
      ASSERT_NE(arenas.back()->AllocateArray<char>(64), nullptr);
    }
  }
  EXPECT_GT(Arena::cached_heap_bytes(), 0u);
  EXPECT_LE(Arena::cached_heap_bytes(), Arena::kCachedHeapBlockBytes);
}

// The heap cache keeps at most kCachedBlockCount blocks however small they are (its list of
// blocks is allocated once, at that size): releasing twice as many keeps the last ones released,
// and the bytes of that many (each block is its request rounded up to a size class, less than
// twice as large).
TEST(ArenaTest, TheCacheOfReleasedHeapBlocksIsBoundedInBlocks) {
  constexpr std::size_t kBlock = 4096;
  const std::size_t count = 2 * Arena::kCachedBlockCount;
  void* last = nullptr;
  {
    std::vector<std::unique_ptr<Arena>> arenas;
    for (std::size_t i = 0; i < count; ++i) {
      arenas.push_back(std::make_unique<Arena>(kBlock));
      last = arenas.back()->AllocateArray<char>(64);
      ASSERT_NE(last, nullptr);
    }
  }  // released first to last: the first half, and whatever the cache held before, is freed
  EXPECT_GE(Arena::cached_heap_bytes(), Arena::kCachedBlockCount * kBlock);
  EXPECT_LT(Arena::cached_heap_bytes(), Arena::kCachedBlockCount * 2 * kBlock);
  Arena next(kBlock);
  EXPECT_EQ(next.AllocateArray<char>(64), last) << "the block released last is still kept";
}

}  // namespace
}  // namespace fareflow
