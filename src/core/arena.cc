#include "core/arena.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <mutex>
#include <utility>
#include <vector>

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

// Huge blocks that arenas gave back, kept for the next arenas: searches follow one another, and a
// block already faulted in costs nothing to use again, where a fresh one is faulted and cleared
// again (glibc's heap spares its reused blocks the same way, which blocks mapped here would lose
// without this). A block is taken again only for a request of exactly its size; the resource's
// blocks grow by a fixed factor from a fixed first size, so the same sizes come back search after
// search. At most Arena::kCachedBlockBytes are kept; beyond that a block is unmapped. Taken once
// per block, never per allocation.
class BlockCache {
 public:
  void* Take(std::size_t size) {
    std::lock_guard lock(mu_);
    for (auto it = blocks_.rbegin(); it != blocks_.rend(); ++it) {
      if (it->second != size) continue;
      void* p = it->first;
      blocks_.erase(std::next(it).base());
      bytes_ -= size;
      return p;
    }
    return nullptr;
  }

  // False when full: the caller unmaps the block.
  bool Keep(void* p, std::size_t size) {
    std::lock_guard lock(mu_);
    if (bytes_ + size > Arena::kCachedBlockBytes) return false;
    blocks_.emplace_back(p, size);
    bytes_ += size;
    return true;
  }

 private:
  std::mutex mu_;
  std::vector<std::pair<void*, std::size_t>> blocks_;  // most recently kept last
  std::size_t bytes_ = 0;
};

BlockCache& Cache() {
  static BlockCache* cache = new BlockCache;  // never destroyed: arenas may outlive statics
  return *cache;
}

}  // namespace

void* Arena::BlockCounter::do_allocate(std::size_t bytes, std::size_t align) {
  if (!IsHugeBlock(bytes, align)) {
    void* p = std::pmr::new_delete_resource()->allocate(bytes, align);
    bytes_ += bytes;
    return p;
  }
  // A huge page's worth more than needed, so that a huge-page boundary falls inside; the rest is
  // given back at once.
  const std::size_t size = RoundUp(bytes, PageBytes());
  if (void* reused = Cache().Take(size)) {
    bytes_ += size;
    return reused;
  }
  void* raw = mmap(nullptr, size + kHugePageBytes, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const auto raw_begin = reinterpret_cast<std::uintptr_t>(raw);
  const std::uintptr_t begin = RoundUp(raw_begin, kHugePageBytes);
  const std::uintptr_t raw_end = raw_begin + size + kHugePageBytes;
  if (begin > raw_begin) munmap(raw, begin - raw_begin);
  if (raw_end > begin + size) munmap(reinterpret_cast<void*>(begin + size), raw_end - begin - size);
  // Advice only: where the kernel has no huge page to give, the block is in small pages.
  madvise(reinterpret_cast<void*>(begin), size / kHugePageBytes * kHugePageBytes, MADV_HUGEPAGE);
  bytes_ += size;
  return reinterpret_cast<void*>(begin);
}

void Arena::BlockCounter::do_deallocate(void* p, std::size_t bytes, std::size_t align) {
  if (!IsHugeBlock(bytes, align)) {
    std::pmr::new_delete_resource()->deallocate(p, bytes, align);
    bytes_ -= bytes;
    return;
  }
  const std::size_t size = RoundUp(bytes, PageBytes());
  if (!Cache().Keep(p, size)) munmap(p, size);
  bytes_ -= size;
}

}  // namespace fareflow
