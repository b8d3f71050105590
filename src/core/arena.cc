#include "core/arena.h"

#include <sanitizer/asan_interface.h>
#include <sys/mman.h>
#include <unistd.h>

#include <bit>
#include <cstdint>
#include <limits>
#include <mutex>
#include <utility>
#include <vector>

#include "core/huge_pages.h"

namespace fareflow {
namespace {

std::size_t RoundUp(std::size_t n, std::size_t to) { return (n + to - 1) / to * to; }

std::size_t PageBytes() {
  static const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  return page;
}

bool IsHugeBlock(std::size_t bytes, std::size_t align) {
  return bytes >= Arena::kHugeBlockBytes && align <= Arena::kHugePageBytes;
}

// The size a block is allocated, cached and counted at: the request rounded up to the next 2^k or
// 3 * 2^(k-1) bytes, at most half again as much. Most blocks grow by a fixed factor from a fixed
// first size and come back at the same sizes search after search, but some do not: the copy of a
// tail piece (engine/split_payload.cc) is as large as the bytes after a cut that depends on how
// far the other thread had come. Rounded, a tail's copy finds a cached block of its class instead
// of a fresh one faulted in (a W5k search on a pool of two: 27 page faults, now 3). What a block
// has beyond its request is written only by a later, larger request of its class, so rounding
// up adds address space, not memory.
std::size_t SizeClass(std::size_t bytes) {
  const std::size_t power = std::bit_floor(bytes);
  if (bytes == power) return bytes;
  const std::size_t three_halves = power + power / 2;
  return bytes <= three_halves ? three_halves : power * 2;
}

// No request larger than this can be met, and rounding one up (to its class, to whole pages, to
// a huge page more) would wrap around to a small block.
constexpr std::size_t kMaxBlockBytes = std::numeric_limits<std::size_t>::max() / 4;

// Blocks that arenas gave back, kept for the next arenas: searches follow one another, and a
// block already faulted in costs nothing to use again, where a fresh one is faulted and cleared
// again. A block is taken again only for a request of exactly its size and alignment, and the
// sizes asked for are size classes (SizeClass, above), so the same sizes come back search after
// search. At most `budget` bytes in kCachedBlockCount blocks are kept: a block that would go
// beyond makes room by freeing the blocks kept longest ago, so that the cache follows the searches
// the process makes now. (When it kept the first blocks to come and freed the rest, one search of
// 100,000 offers filled it with blocks of sizes that smaller searches never ask for, and from then
// on every search faulted its arenas in afresh: parse and enrich of W5k took a fifth longer.) Taken
// and kept once per block, never per allocation. Thread-safe.
class BlockCache {
  static_assert(Arena::kCachedBlockCount > 0, "Keep's loop ends only if an empty list has room");

 public:
  // How a block that is not kept goes back to where it came from.
  using Free = void (*)(void* p, std::size_t size, std::size_t align);

  BlockCache(std::size_t budget, Free free) : budget_(budget), free_(free) {
    blocks_.reserve(Arena::kCachedBlockCount);
  }

  void* Take(std::size_t size, std::size_t align) {
    std::lock_guard lock(mu_);
    for (auto it = blocks_.rbegin(); it != blocks_.rend(); ++it) {
      if (it->size != size || it->align != align) continue;
      void* p = it->p;
      blocks_.erase(std::next(it).base());
      bytes_ -= size;
      ASAN_UNPOISON_MEMORY_REGION(p, size);
      return p;
    }
    return nullptr;
  }

  std::size_t bytes() {
    std::lock_guard lock(mu_);
    return bytes_;
  }

  // Keeps the block, freeing the blocks kept longest ago as far as it takes to stay within the
  // budget and kCachedBlockCount; frees the block itself when it is larger than the whole budget.
  // Never allocates, since an arena's destructor releases its blocks here and a failed allocation
  // there would end the process: the list has its whole capacity from the start, and the blocks
  // to free are taken off it one at a time and freed outside the lock.
  void Keep(void* p, std::size_t size, std::size_t align) {
    if (size > budget_) {
      free_(p, size, align);
      return;
    }
    while (true) {
      Block oldest;
      {
        std::lock_guard lock(mu_);
        if (bytes_ + size <= budget_ && blocks_.size() < Arena::kCachedBlockCount) {
          // Under AddressSanitizer a kept block reads as freed: a view that outlives its arena is
          // still reported, as it was when the block went back to the heap.
          ASAN_POISON_MEMORY_REGION(p, size);
          blocks_.push_back(Block{p, size, align});  // within the capacity reserved
          bytes_ += size;
          return;
        }
        // Not empty: an empty list holds no bytes and has room.
        oldest = blocks_.front();
        blocks_.erase(blocks_.begin());
        bytes_ -= oldest.size;
      }
      ASAN_UNPOISON_MEMORY_REGION(oldest.p, oldest.size);
      free_(oldest.p, oldest.size, oldest.align);
    }
  }

 private:
  struct Block {
    void* p = nullptr;
    std::size_t size = 0;
    std::size_t align = 0;
  };
  const std::size_t budget_;
  const Free free_;
  std::mutex mu_;
  std::vector<Block> blocks_;  // kept longest ago first; never grows past its reserved capacity
  std::size_t bytes_ = 0;
};

// Huge blocks: mapped here, so without this each would be unmapped and mapped again. Never
// destroyed, like the one below: arenas may outlive statics.
BlockCache& HugeBlocks() {
  static BlockCache* cache = new BlockCache(
      Arena::kCachedBlockBytes, [](void* p, std::size_t size, std::size_t) { munmap(p, size); });
  return *cache;
}

// Heap blocks. glibc gives the memory a worker thread frees back to the kernel at once (its
// thread arenas trim their heaps), so without this a search parsed on the pool faults its arenas'
// first blocks in again every time: a W20k search on one worker took about 4,600 page faults more
// than the same search on the main thread, whose heap glibc keeps.
BlockCache& HeapBlocks() {
  static BlockCache* cache = new BlockCache(
      Arena::kCachedHeapBlockBytes, [](void* p, std::size_t size, std::size_t align) {
        std::pmr::new_delete_resource()->deallocate(p, size, align);
      });
  return *cache;
}

}  // namespace

std::size_t Arena::cached_heap_bytes() { return HeapBlocks().bytes(); }

void* Arena::BlockCounter::do_allocate(std::size_t requested, std::size_t align) {
  if (requested > kMaxBlockBytes) throw std::bad_alloc();
  const std::size_t bytes = SizeClass(requested);
  if (!IsHugeBlock(bytes, align)) {
    void* p = HeapBlocks().Take(bytes, align);
    if (p == nullptr) p = std::pmr::new_delete_resource()->allocate(bytes, align);
    bytes_ += bytes;
    return p;
  }
  // A class of kHugeBlockBytes or more is a multiple of 1 MiB, so a whole number of pages.
  if (void* reused = HugeBlocks().Take(bytes, kHugePageBytes)) {
    bytes_ += bytes;
    return reused;
  }
  // A huge page's worth more than needed, so that a huge-page boundary falls inside; the rest is
  // given back at once.
  void* raw = mmap(nullptr, bytes + kHugePageBytes, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const auto raw_begin = reinterpret_cast<std::uintptr_t>(raw);
  const std::uintptr_t begin = RoundUp(raw_begin, kHugePageBytes);
  const std::uintptr_t raw_end = raw_begin + bytes + kHugePageBytes;
  if (begin > raw_begin) munmap(raw, begin - raw_begin);
  if (raw_end > begin + bytes) {
    munmap(reinterpret_cast<void*>(begin + bytes), raw_end - begin - bytes);
  }
  // Advice only: where the kernel has no huge page to give, the block is in small pages. Only the
  // request is advised, not the rest of its class, which a huge page would fault in whole the
  // first time the request's end touches it: rounding up then costs no memory.
  AdviseHugePages(reinterpret_cast<void*>(begin), RoundUp(requested, PageBytes()));
  bytes_ += bytes;
  return reinterpret_cast<void*>(begin);
}

void Arena::BlockCounter::do_deallocate(void* p, std::size_t requested, std::size_t align) {
  const std::size_t bytes = SizeClass(requested);
  if (!IsHugeBlock(bytes, align)) {
    HeapBlocks().Keep(p, bytes, align);
    bytes_ -= bytes;
    return;
  }
  HugeBlocks().Keep(p, bytes, kHugePageBytes);
  bytes_ -= bytes;
}

}  // namespace fareflow
